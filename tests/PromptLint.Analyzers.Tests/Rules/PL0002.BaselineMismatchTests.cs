using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;
using PromptLint.Analyzers;
using SharpToken;
using static PromptLint.Analyzers.Tests.PromptFiles.PromptFileTest;

namespace PromptLint.Analyzers.Tests.Rules;

/// <summary>PL0002: a prompt missing from the baseline, and a baseline entry without a prompt.</summary>
public sealed class BaselineMismatchTests
{
    [Fact]
    public async Task PromptMissingFromExistingBaseline_ReportsPL0002Warning()
    {
        var test = new AnalyzerTest<PromptFootprintAnalyzer>().WithoutCostRules()
            .WithFile("triage.prompty", Triage)
            .WithFile("Prompts/new.txt", "A brand new prompt.\nSecond line.")
            .WithFile("promptlint.baseline.json", Baseline(("triage.prompty", TriageTokens)), "baseline");
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PL0002", DiagnosticSeverity.Warning).WithSpan(Dir + "/Prompts/new.txt", 1, 1, 1, 20)
            .WithMessage($"Prompt 'Prompts/new.txt' ({Tokens("A brand new prompt.\nSecond line.")} tokens) is not in the baseline, so its growth is not gated. Accept it with 'dotnet build -p:PromptLintUpdateBaseline=true' and commit the baseline."));
        await test.RunAsync();
    }

    [Fact]
    public async Task OrphanBaselineEntry_ReportsPL0002InfoAtItsLine()
    {
        var test = new AnalyzerTest<PromptFootprintAnalyzer>().WithoutCostRules()
            .WithFile("triage.prompty", Triage)
            .WithFile("promptlint.baseline.json", Baseline(("gone.txt", 3), ("triage.prompty", TriageTokens)), "baseline");
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PL0002", DiagnosticSeverity.Info).WithSpan(Dir + "/promptlint.baseline.json", 4, 5, 4, 134)
            .WithMessage("Baseline entry 'gone.txt' has no prompt any more. Remove it with 'dotnet build -p:PromptLintUpdateBaseline=true' and commit the baseline."));
        await test.RunAsync();
    }
}
