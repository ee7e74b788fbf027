
using PromptLint.Contracts.Baseline;
using PromptLint.Contracts.Pricing;
using PromptLint.Contracts.Reporting;
using PromptLint.Reporting;

namespace PromptLint.Core.Tests.Reporting;

/// <summary>report.md against golden files, byte for byte. Set PROMPTLINT_UPDATE_GOLDEN=1 to rewrite them after a deliberate change.</summary>
public class ReportMarkdownWriterTests
{
    private static ReportPrompt Prompt(string id, int now, int? baseline, string model = "gpt-4o", bool exact = true, int prefix = -1)
        => new()
        {
            Id = id, File = id.Contains('/') ? id : "Prompts.cs", Line = 12, Role = "system", Model = model, Tokenizer = "o200k_base", Exact = exact,
            StaticTokens = now, StaticPrefixTokens = prefix < 0 ? now : prefix, BaselineStaticTokens = baseline, Delta = baseline is null ? null : now - baseline,
        };

    private static FootprintReport Mixed()
    {
        var report = ReportBuilder.Build(
            "Contoso.Support",
            new[]
            {
                Prompt("support.triage", 1040, 812, prefix: 30),
                Prompt("Contoso.Support.Prompts.Faq", 300, 340),
                Prompt("Prompts/refund.md", 111, null),
                Prompt("Prompts/answer.prompty", 54, 54, "gpt-4.1-mini"),
                Prompt("Contoso.Support.Claude.Ask#1", 220, 200, "claude-sonnet-4-5", exact: false),
                Prompt("Prompts/escalate.yaml", 27, 27, "helpdesk-escalations", exact: false),
            },
            new[] { new ReportDiagnostic { Id = "PL0001", Severity = "error", File = "Prompts.cs", Line = 12, Message = "Prompt 'support.triage' grew from 812 to 1,040 tokens (+228, +28.1%, limit +5% and 20 tokens).", PromptId = "support.triage" } });
        return report;
    }

    [Fact]
    public void RegressionNewRemovedUnchangedAndEstimates_MatchTheGoldenFile()
    {
        var markdown = ReportMarkdownWriter.Write(
            Mixed(),
            new[] { new BaselineEntry("Prompts/old-greeting.txt", "o200k_base", 75, 75, 0, "sha256:0") },
            new[] { "support.triage" },
            5,
            ModelCatalog.Shipped);

        Golden.AssertMatches("regression.md", markdown);
    }

    [Fact]
    public void NoRegression_VerdictSaysSoWithTheTotalDelta()
    {
        var report = ReportBuilder.Build("Demo", new[] { Prompt("a", 110, 100), Prompt("b", 50, 50) }, Array.Empty<ReportDiagnostic>());

        var markdown = ReportMarkdownWriter.Write(report, Array.Empty<BaselineEntry>(), Array.Empty<string>(), 5, ModelCatalog.Shipped);

        Golden.AssertMatches("clean.md", markdown);
        Assert.Contains("✅ 2 prompts, 160 tokens (+10 vs baseline, +6.7%), no regression", markdown);
    }

    [Fact]
    public void FindingsWithASaving_AreListedWithTokensAndCost_InfoOnesIncluded()
    {
        var report = ReportBuilder.Build(
            "Contoso.Support",
            new[] { Prompt("Prompts/tone.md", 40, 40, "gpt-4o-mini") },
            new[]
            {
                new ReportDiagnostic { Id = "PL0010", Severity = "info", File = "Prompts/tone.md", Line = 1, Message = "m", PromptId = "Prompts/tone.md", TokensSaved = 4 },
                new ReportDiagnostic { Id = "PL0002", Severity = "warning", File = "Prompts/tone.md", Line = 1, Message = "not in the baseline", PromptId = "Prompts/tone.md" },
            });

        var markdown = ReportMarkdownWriter.Write(report, Array.Empty<BaselineEntry>(), Array.Empty<string>(), 5, ModelCatalog.Shipped);

        Assert.Contains("1 finding states a saving", markdown);
        Assert.Contains("| PL0010 | `Prompts/tone.md` | `Prompts/tone.md:1` | 4 | $0.0006 |", markdown);
        var json = ReportJsonWriter.Write(report);
        Assert.Contains("\"tokensSaved\": 4", json);
        Assert.Equal(new int?[] { null, 4 }, ReportJsonReader.Read(json).Diagnostics.Select(d => d.TokensSaved));
    }

    [Fact]
    public void SameInput_SameBytes()
    {
        string Render() => ReportMarkdownWriter.Write(Mixed(), Array.Empty<BaselineEntry>(), new[] { "support.triage" }, 5, ModelCatalog.Shipped);
        Assert.Equal(Render(), Render());
        Assert.DoesNotContain('\r', Render());
    }
}
