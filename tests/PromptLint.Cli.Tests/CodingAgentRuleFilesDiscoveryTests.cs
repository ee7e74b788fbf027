using PromptLint.Cli.Check;
using PromptLint.Core.FrontEnds;

namespace PromptLint.Cli.Tests;

/// <summary>
/// The rule and context files of coding agents other than Copilot, Claude Code and Cursor's .mdc rules, through the
/// default globs the build and 'promptlint check' share: GEMINI.md, .cursorrules, .windsurfrules, Windsurf, Cline, Roo
/// Code, Kiro, Amazon Q, Junie, opencode and Google Antigravity folders, and a Microsoft 365 declarative agent's
/// appPackage/instruction.txt. Each is an agent file (front matter is configuration). Other files
/// in those tools' folders are not taken. Content invented for the tests.
/// </summary>
public sealed class CodingAgentRuleFilesDiscoveryTests
{
    private static readonly string[] RuleFiles =
    {
        ".cursorrules", ".windsurfrules", "GEMINI.md", "service/GEMINI.md", ".windsurf/rules/style.md", ".clinerules/testing.md",
        ".roo/rules/general.md", ".roo/rules-code/naming.md", ".kiro/steering/product.md", ".amazonq/rules/reviews.md",
        ".junie/guidelines.md", ".opencode/agent/reviewer.md", ".opencode/command/release.md",
        ".agent/rules/house.md", ".agent/workflows/release.md", ".agent/skills/triage/SKILL.md", ".agents/rules/house.md", ".agents/workflows/deploy.md",
        "agent/appPackage/instruction.txt", "M365Agent/appPackage/instructions.txt",
    };

    [Fact]
    public void RuleFilesOfCodingAgents_AreFoundAndReadAsAgentFiles()
    {
        using var f = new Fixture();
        f.Write("App.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />\n");
        foreach (var path in RuleFiles)
        {
            f.Write(path, "---\ndescription: House rules\n---\nWrite a failing test before the fix.\nKeep functions under forty lines.\n");
        }

        // Not rule files: other files in those tools' folders.
        f.Write(".roo/mcp.json", "{ \"mcpServers\": {} }\n");
        f.Write(".kiro/notes.txt", "Ideas for later.\n");
        f.Write(".junie/scratch.md", "Scratch notes.\n");
        f.Write("agent/appPackage/notes.txt", "Icons are 192 pixels.\n");

        var run = new CheckAnalysis(new CheckOptions { Paths = new List<string> { "." }, CurrentDirectory = f.Directory }, TextReader.Null, TextWriter.Null).Run(out _);
        var found = run.Projects.SelectMany(p => p.Checks)
            .Where(c => c.Check.Kind is not PromptFileKind.Unknown && c.Check.Prompts.Count > 0)
            .ToDictionary(c => PromptWorkspace.Relative(f.Directory, c.Check.Path), c => c.Check.Kind);

        Assert.Equal(RuleFiles.OrderBy(p => p, StringComparer.Ordinal), found.Keys.OrderBy(k => k, StringComparer.Ordinal));
        Assert.All(found.Values, kind => Assert.Equal(PromptFileKind.Agent, kind));
        var prompt = run.Projects.SelectMany(p => p.Checks).Single(c => PromptWorkspace.Relative(f.Directory, c.Check.Path) == ".cursorrules").Check.Prompts.Single();
        Assert.DoesNotContain("House rules", string.Concat(prompt.Template.Messages.SelectMany(m => m.Segments).Select(s => s.Text)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("prompts/Readme.md")]
    [InlineData("prompts/Changelog.md")]
    public void DefaultExcludes_MatchInAnyCase_AsMSBuildsDo(string path)
    {
        // MSBuild leaves out Readme.md for **/README* on Linux too: the CLI reads the same globs the same way.
        Assert.False(PromptWorkspace.MatchesDefaultGlobs(path));
    }

    [Fact]
    public void NamesThatOnlyStartLikeDocumentation_AndCursorSubagents_AreFound_AgentFolderDocsAreNot()
    {
        using var f = new Fixture();
        f.Write("App.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />\n");
        const string agent = "---\nname: helper\ndescription: Helps\n---\nCheck the change for missing tests.\n";
        f.Write(".cursor/agents/reviewer.md", agent);
        f.Write(".claude/rules/python/security.md", "Never log secrets or tokens.\n");
        f.Write("agents/readme-writer.md", agent);
        f.Write(".github/prompts/readme-generator.prompt.md", "Write a README for {{project}}.\n");
        f.Write(".github/agents/reviewer.md", agent);
        f.Write("tools/CLAUDE.MD", "Use the repository's formatter before committing.\n");
        // Not prompts: documentation beside them.
        f.Write(".github/agents/ARCHITECTURE.md", "# How the agents fit together\n\nThe reviewer calls the planner.\n");
        f.Write(".github/prompts/README.md", "# Prompts\n\nOne file per prompt.\n");
        f.Write(".github/prompts/Readme-zh.md", "# Prompts\n");
        f.Write("prompts/README_pt-BR.md", "# Prompts\n");
        f.Write("SECURITY.md", "# Security policy\n\nReport issues privately.\n");

        var run = new CheckAnalysis(new CheckOptions { Paths = new List<string> { "." }, CurrentDirectory = f.Directory }, TextReader.Null, TextWriter.Null).Run(out _);
        var found = run.Projects.SelectMany(p => p.Checks)
            .Where(c => c.Check.Kind is not PromptFileKind.Unknown && c.Check.Prompts.Count > 0)
            .Select(c => PromptWorkspace.Relative(f.Directory, c.Check.Path))
            .OrderBy(p => p, StringComparer.Ordinal);

        Assert.Equal(
            new[] { ".claude/rules/python/security.md", ".cursor/agents/reviewer.md", ".github/agents/reviewer.md", ".github/prompts/readme-generator.prompt.md", "agents/readme-writer.md", "tools/CLAUDE.MD" },
            found);
    }
}
