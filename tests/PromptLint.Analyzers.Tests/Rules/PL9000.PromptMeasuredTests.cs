using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;
using PromptLint.Analyzers;
using SharpToken;
using static PromptLint.Analyzers.Tests.PromptFiles.PromptFileTest;

namespace PromptLint.Analyzers.Tests.Rules;

/// <summary>PL9000: each measurement as an info diagnostic, with its properties.</summary>
public sealed class PromptMeasuredTests
{
    [Fact]
    public async Task EmitMeasurements_ReportsPL9000WithProperties()
    {
        var test = new AnalyzerTest<PromptFootprintAnalyzer>().WithoutCostRules()
            .WithFile("triage.prompty", Triage)
            .WithFile("promptlint.baseline.json", Baseline(("triage.prompty", TriageTokens - 1)), "baseline")
            .WithProperty("PromptLintEmitMeasurements", "true");
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PL9000", DiagnosticSeverity.Info).WithSpan(Dir + "/triage.prompty", 11, 1, 11, 8)
            .WithArguments("triage.prompty", TriageTokens.ToString(), TriageTokens.ToString(), "1", "o200k_base"));
        await test.RunAsync();
    }
}
