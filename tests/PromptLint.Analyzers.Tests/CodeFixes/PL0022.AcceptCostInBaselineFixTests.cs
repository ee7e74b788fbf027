using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using PromptLint.CodeFixes;
using PromptLint.Contracts.Baseline;
using PromptLint.Contracts.Reporting;
using PromptLint.Core.Reporting;

namespace PromptLint.Analyzers.Tests.CodeFixes;

/// <summary>
/// PL0022 in the IDE: a prompt whose model changed (same text, same tokens) is reported by the analyzer, and the
/// accept fix rewrites its entry with the model measured now, after which nothing is reported.
/// </summary>
public sealed class AcceptCostInBaselineFixTests
{
    private const string BaselineName = "promptlint.baseline.json";
    private const string Triage = "You triage support tickets. Classify each ticket as billing, bug or question.";

    [Fact]
    public async Task ModelSwapWithNoTokenChange_IsReportedAtThePrompt_AndAcceptedByTheFix()
    {
        var files = new Dictionary<string, string> { ["triage.md"] = Triage };
        var measured = await MeasuredAsync(files);
        Assert.Equal("gpt-4o", measured.Model);
        // The baseline accepted the same counts on the cheaper model.
        files[BaselineName] = BaselineSerializer.Write(new[] { new BaselineEntry("triage.md", measured.Tokenizer, "gpt-4o-mini", measured.OutputCap, measured.StaticTokens, measured.StaticPrefixTokens, 0, measured.ContentHash) });

        var (workspace, documents, diagnostics) = await PromptFileFixHarness.AnalyzeAsync(files, null);
        using var _ = workspace;
        Assert.DoesNotContain(diagnostics, d => d.Id == "PL0001");
        var diagnostic = Assert.Single(diagnostics, d => d.Id == "PL0022");
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.EndsWith("/triage.md", diagnostic.Location.GetLineSpan().Path, StringComparison.Ordinal);
        Assert.Contains("model gpt-4o-mini → gpt-4o: input $0.15 → $2.50 per 1M tokens", diagnostic.GetMessage(), StringComparison.Ordinal);

        var actions = new List<CodeAction>();
        await new AcceptInBaselineFix().RegisterCodeFixesAsync(new CodeFixContext(documents["triage.md"], diagnostic, (a, _) => actions.Add(a), CancellationToken.None));
        var action = Assert.Single(actions);
        var solution = Assert.Single((await action.GetOperationsAsync(CancellationToken.None)).OfType<ApplyChangesOperation>()).ChangedSolution;
        var fixedBaseline = (await solution.GetAdditionalDocument(documents[BaselineName].Id)!.GetTextAsync()).ToString();

        Assert.Equal("Accept the new footprint of 'triage.md' in promptlint.baseline.json", action.Title);
        Assert.Equal("gpt-4o", BaselineSerializer.Parse(fixedBaseline).Entries["triage.md"].Model);
        Assert.Equal(BaselineSerializer.Write(ReportBuilder.ToBaseline(ReportBuilder.Build("P", new[] { measured }, Array.Empty<PromptLint.Contracts.Reporting.ReportDiagnostic>()))), fixedBaseline);

        files[BaselineName] = fixedBaseline;
        var (again, _, after) = await PromptFileFixHarness.AnalyzeAsync(files, null);
        using var __ = again;
        Assert.DoesNotContain(after, d => d.Id is "PL0001" or "PL0002" or "PL0022");
    }

    [Fact]
    public async Task FirstFormatEntry_ModelUnknownToTheBaseline_IsNotReported()
    {
        var files = new Dictionary<string, string> { ["triage.md"] = Triage };
        var measured = await MeasuredAsync(files);
        files[BaselineName] = BaselineSerializer.Write(new[] { new BaselineEntry("triage.md", measured.Tokenizer, measured.StaticTokens, measured.StaticPrefixTokens, 0, measured.ContentHash) });

        var (workspace, _, diagnostics) = await PromptFileFixHarness.AnalyzeAsync(files, null);
        using var _ = workspace;

        Assert.DoesNotContain(diagnostics, d => d.Id is "PL0001" or "PL0022");
    }

    private static async Task<ReportPrompt> MeasuredAsync(Dictionary<string, string> files)
    {
        var (workspace, _, diagnostics) = await PromptFileFixHarness.AnalyzeAsync(files, null, "class C { }", new() { ["build_property.PromptLintEmitMeasurements"] = "true" });
        using var _ = workspace;
        return MeasurementProperties.Read(Assert.Single(diagnostics, d => d.Id == "PL9000").Properties.ToDictionary(p => p.Key, p => p.Value ?? string.Empty))!;
    }
}
