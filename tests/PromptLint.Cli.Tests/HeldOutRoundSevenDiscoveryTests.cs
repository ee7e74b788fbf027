using PromptLint.Cli.Check;
using PromptLint.Core.FrontEnds;

namespace PromptLint.Cli.Tests;

/// <summary>
/// Issue 29, held-out rounds 6 and 7, through the default globs the build and 'promptlint check' share: Claude Code
/// output styles and YAML prompts in .github/prompts/ (role/content lists, system/user prompt keys) are found and
/// measured; a workflow, an evaluation config and settings YAML beside them are not. Content invented for the tests.
/// </summary>
public sealed class HeldOutRoundSevenDiscoveryTests
{
    private static Dictionary<string, PromptFileKind> Measured(string folder)
    {
        var run = new CheckAnalysis(new CheckOptions { Paths = new List<string> { "." }, CurrentDirectory = folder }, TextReader.Null, TextWriter.Null).Run(out _);
        return run.Projects
            .SelectMany(p => p.Checks)
            .Where(c => c.Check.Kind is not (PromptFileKind.Unknown or PromptFileKind.SemanticKernelConfig) && c.Check.Prompts.Count > 0)
            .ToDictionary(c => PromptWorkspace.Relative(folder, c.Check.Path), c => c.Check.Kind);
    }

    [Theory]
    [InlineData(".claude/output-styles/terse.md")]
    [InlineData(".claude/output-styles/team/reviewer.md")]
    public void ClaudeOutputStyle_MatchesTheDefaultGlobs(string path)
    {
        Assert.True(PromptWorkspace.MatchesDefaultGlobs(path));
    }

    [Fact]
    public void OutputStylesAndPromptYaml_FoundByDefault_ConfigurationYamlBesideThemIsNot()
    {
        using var f = new Fixture();
        f.Write("App.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />\n");
        f.Write(".claude/output-styles/terse.md", "Answer in as few words as the question allows.\n");
        f.Write(".claude/output-styles/mentor.md", "---\nname: Mentor\ndescription: Teaches while it works\n---\nExplain each step you take and why, then ask one question to check understanding.\n");
        f.Write(".github/prompts/review.yml", "name: Review\ninput:\n  - role: system\n    content: |\n      You review pull requests for the payments service.\n  - role: user\n    content: |\n      Review this diff:\n      {{ diff }}\n");
        f.Write(".github/prompts/capitals.yml", "system_prompt: |\n  You know the capitals of every country.\nuser_prompt: |\n  Name the capital of {country}.\n");
        // Not prompts.
        f.Write(".github/prompts/lint.yml", "name: lint\non: push\njobs:\n  lint:\n    runs-on: ubuntu-latest\n");
        f.Write(".github/prompts/evals.yaml", "prompts:\n  - file://review.txt\nproviders:\n  - openai:gpt-4o-mini\n");
        f.Write(".github/prompts/settings.yml", "model: gpt-4o-mini\ntemperature: 0\n");

        var found = Measured(f.Directory);

        Assert.Equal(
            new[] { ".claude/output-styles/mentor.md", ".claude/output-styles/terse.md", ".github/prompts/capitals.yml", ".github/prompts/review.yml" },
            found.Keys.OrderBy(k => k, StringComparer.Ordinal));
        Assert.Equal(PromptFileKind.Agent, found[".claude/output-styles/terse.md"]);
        Assert.Equal(PromptFileKind.YamlPrompt, found[".github/prompts/review.yml"]);
        Assert.Equal(PromptFileKind.YamlPrompt, found[".github/prompts/capitals.yml"]);
    }
}
