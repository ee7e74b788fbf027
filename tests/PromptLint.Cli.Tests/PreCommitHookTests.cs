using System.Text.RegularExpressions;
using PromptLint.Cli.Check;

namespace PromptLint.Cli.Tests;

/// <summary>.pre-commit-hooks.yaml passes the files the build's default globs take, and no other.</summary>
public sealed class PreCommitHookTests
{
    [Theory]
    [InlineData("Prompts/answer.md")]
    [InlineData("src/Helpdesk/Prompts/Triage/triage.prompty")]
    [InlineData("service/prompts/system.txt")]
    [InlineData("prompts/escalate.yaml")]
    [InlineData("summarize.prompt.yml")]
    [InlineData("a/b.prompt.yaml")]
    [InlineData("Plugins/Writer/Story/skprompt.txt")]
    [InlineData("Tools/helpdesk.tools.json")]
    [InlineData("README.md")]
    [InlineData("docs/prompting.md")]
    [InlineData("Plugins/Writer/Story/config.json")]
    [InlineData("notes.txt")]
    [InlineData("myskprompt.txt")]
    public void HookFiles_MatchTheDefaultGlobs(string path)
    {
        var hooks = File.ReadAllText(Path.Combine(Fixture.RepoRoot(), ".pre-commit-hooks.yaml"));
        var patterns = Regex.Matches(hooks, @"^\s*files: '(?<regex>[^']+)'", RegexOptions.Multiline).Select(m => m.Groups["regex"].Value).ToList();
        Assert.Equal(2, patterns.Count);
        Assert.All(patterns, pattern => Assert.Equal(PromptWorkspace.MatchesDefaultGlobs(path), Regex.IsMatch(path, pattern)));
    }
}
