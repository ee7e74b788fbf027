using PromptLint.Cli.Check;
using PromptLint.Core.FrontEnds;

namespace PromptLint.Cli.Tests;

/// <summary>
/// Found by the second held-out round of issue 29: Claude Code plugins keep their subagents in an <c>agents/</c> folder
/// beside <c>commands/</c> and <c>skills/</c>, and Cursor rules are <c>.mdc</c> files (in <c>.cursor/rules/</c> or a
/// collection's own folder). Both are prompts the default globs missed; a page about agents or another tool's
/// <c>.mdc</c> is not.
/// </summary>
public sealed class PluginAgentAndCursorRuleDiscoveryTests
{
    private static Dictionary<string, PromptFileKind> Discovered(string folder)
    {
        var runner = new CheckAnalysis(new CheckOptions { Paths = new List<string> { "." }, CurrentDirectory = folder }, TextReader.Null, TextWriter.Null);
        var run = runner.Run(out _);
        return run.Projects
            .SelectMany(p => p.Checks.Select(c => (Id: PromptWorkspace.Relative(folder, c.Check.Path), c.Check.Kind)))
            .ToDictionary(c => c.Id, c => c.Kind);
    }

    [Fact]
    public void PluginSubagentsAndCursorRules_AreFound_AndLookalikesAreNot()
    {
        using var f = new Fixture();
        f.Write("App.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />\n");
        f.Write("plugins/review/agents/security-reviewer.md", "---\nname: security-reviewer\ndescription: Reviews diffs for injection and secrets.\nmodel: sonnet\n---\n\nYou review code changes for security problems. Report each one with its file and line.\n");
        f.Write("plugins/review/agents/overview.md", "# How our agents work\n\nEach agent reviews one kind of problem.\n");
        f.Write("rules/typescript-style.mdc", "---\ndescription: TypeScript style\nglobs: **/*.ts\nalwaysApply: false\n---\nPrefer type aliases to interfaces for unions.\n");
        f.Write(".cursor/rules/tests.mdc", "Write a test for every bug fix before the fix.\n");
        f.Write("site/components/card.mdc", "---\ntitle: Card\n---\n::card\nA card component.\n::\n");

        var found = Discovered(f.Directory);

        Assert.Equal(
            new[] { ".cursor/rules/tests.mdc", "plugins/review/agents/security-reviewer.md", "rules/typescript-style.mdc" },
            found.Keys.OrderBy(k => k, StringComparer.Ordinal));
        Assert.All(found.Values, kind => Assert.Equal(PromptFileKind.Agent, kind));
    }
}
