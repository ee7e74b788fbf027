using PromptLint.Cli.Check;
using PromptLint.Core.FrontEnds;

namespace PromptLint.Cli.Tests;

/// <summary>
/// Issue 29, fourth held-out round: Cursor rules without front matter beside one with it, outside <c>.cursor/rules/</c>,
/// are found by 'promptlint check' and the build alike.
/// </summary>
public sealed class CursorRuleSiblingDiscoveryTests
{
    [Fact]
    public void ManualCursorRulesBesideAnAutoAttachedOne_AreFound_AsInTheBuild()
    {
        using var f = new Fixture();
        f.Write("App.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />\n");
        f.Write("project-rules/commit.mdc", "---\ndescription: Commit messages\nglobs: \"\"\nalwaysApply: false\n---\nWrite commit messages in the imperative mood.\n");
        f.Write("project-rules/review.mdc", "# Review\n\nReview the staged changes for bugs and missing tests.\nReply with this JSON:\n{\n  \"order\": \"10023\",\n  \"status\": \"open\",\n  \"priority\": \"high\"\n}\n");
        f.Write("site/card.mdc", "# Card\n\n::card\nA card component.\n::\n");

        var run = f.Analyze();
        var found = run.Projects.SelectMany(p => p.Checks)
            .Where(c => c.Check.Kind != PromptFileKind.Unknown)
            .ToDictionary(c => PromptWorkspace.Relative(f.Directory, c.Check.Path), c => c.Check.Kind);

        Assert.Equal(new[] { "project-rules/commit.mdc", "project-rules/review.mdc" }, found.Keys.OrderBy(k => k, StringComparer.Ordinal));
        Assert.All(found.Values, kind => Assert.Equal(PromptFileKind.Agent, kind));

        var files = new[] { "project-rules/commit.mdc", "project-rules/review.mdc", "site/card.mdc" }.Select(f.Path_);
        var expected = AnalyzerRun.Findings(f.Directory, Array.Empty<string>(), detectedFiles: files)
            .Where(d => d.Id != "PL9001")
            .Select(d => $"{d.Severity} {d.Id} {d.File}:{d.Line}:{d.Column} saves={d.TokensSaved} {d.Message}");
        var actual = run.Findings.Select(x => $"{x.Severity} {x.RuleId} {x.ProjectPath}:{x.Line}:{x.Column} saves={x.TokensSaved} {x.Message}").ToList();
        Assert.Contains(actual, x => x.Contains("project-rules/review.mdc", StringComparison.Ordinal));
        Assert.Equal(expected.OrderBy(x => x, StringComparer.Ordinal), actual.OrderBy(x => x, StringComparer.Ordinal));
    }
}
