
using PromptLint.Contracts.Pricing;
using PromptLint.Contracts.Reporting;
using PromptLint.Reporting;

namespace PromptLint.Core.Tests.Reporting;

/// <summary>The comment of 'promptlint merge', rendered where the other report writers are.</summary>
public class MergeMarkdownWriterTests
{
    private static ReportPrompt Prompt(string id, int now, int? baseline)
        => new()
        {
            Id = id, File = "Prompts.cs", Line = 1, Role = "system", Model = "gpt-4o", Tokenizer = "o200k_base", Exact = true,
            StaticTokens = now, StaticPrefixTokens = now, BaselineStaticTokens = baseline, Delta = baseline is null ? null : now - baseline,
        };

    private static ReportDiagnostic Regressed(string id)
        => new() { Id = "PL0001", Severity = "error", File = "Prompts.cs", Line = 1, Message = $"Prompt '{id}' grew.", PromptId = id };

    [Fact]
    public void TwoProjectsOneRegressed_VerdictNamesItsProject_SubtotalsByProjectName_EachReportFoldedUnderIt()
    {
        var worker = ReportBuilder.Build("Worker", new[] { Prompt("w", 7, 7) }, Array.Empty<ReportDiagnostic>());
        var api = ReportBuilder.Build("Api", new[] { Prompt("a", 130, 100), Prompt("b", 20, null) }, new[] { Regressed("a"), Regressed("a") });

        var markdown = MergeMarkdownWriter.Write(new[] { worker, api }, 5, ModelCatalog.Shipped);

        Assert.StartsWith("## PromptLint footprint: 2 projects\n\n❌ 1 regression: `a` (Api)\n\n| Project | Prompts | Tokens | Δ vs baseline | Regressions |\n|---|---:|---:|---:|---:|\n| Api | 2 | 150 | +50 | 1 |\n| Worker | 1 | 7 | 0 | 0 |\n", markdown);
        Assert.True(markdown.IndexOf("<details><summary>Api</summary>", StringComparison.Ordinal) < markdown.IndexOf("<details><summary>Worker</summary>", StringComparison.Ordinal));
        Assert.Contains("\n### ", markdown);
        Assert.DoesNotContain("\n## PromptLint footprint: 1", markdown);
        Assert.EndsWith("</details>\n", markdown);
        Assert.Equal(new[] { "a" }, MergeMarkdownWriter.RegressedIds(api));
    }

    [Fact]
    public void NoRegression_VerdictCountsEveryPromptAndToken()
    {
        var one = ReportBuilder.Build("One", new[] { Prompt("x", 100, null) }, Array.Empty<ReportDiagnostic>());
        var two = ReportBuilder.Build("Two", new[] { Prompt("y", 27, null) }, Array.Empty<ReportDiagnostic>());

        var markdown = MergeMarkdownWriter.Write(new[] { one, two }, 5, ModelCatalog.Shipped);

        Assert.Contains("✅ 2 prompts, 127 tokens, no regression\n", markdown);
    }
}
