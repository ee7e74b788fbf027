using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;
using PromptLint.Analyzers;
using SharpToken;
using static PromptLint.Analyzers.Tests.PromptFiles.PromptFileTest;

namespace PromptLint.Analyzers.Tests.Rules;

/// <summary>PL0001: growth past the threshold against the baseline, in a prompt file.</summary>
public sealed class FootprintRegressedTests
{
    [Fact]
    public async Task GrowthPastThreshold_ReportsPL0001AtTheFirstMessage()
    {
        var test = new AnalyzerTest<PromptFootprintAnalyzer>().WithoutCostRules()
            .WithFile("triage.prompty", Triage)
            .WithFile("promptlint.baseline.json", Baseline(("triage.prompty", TriageTokens - 20)), "baseline");
        test.ExpectedDiagnostics.Add(
            new DiagnosticResult("PL0001", DiagnosticSeverity.Error)
                .WithSpan(Dir + "/triage.prompty", 11, 1, 11, 8)
                .WithArguments("triage.prompty", (TriageTokens - 20).ToString(), TriageTokens.ToString(), $"+20, +{Math.Round(2000.0 / (TriageTokens - 20), 1).ToString(System.Globalization.CultureInfo.InvariantCulture)}%", "5", "20"));
        await test.RunAsync();
    }

    [Fact]
    public async Task GrowthUnderAbsoluteFloor_DoesNotTrigger()
    {
        await new AnalyzerTest<PromptFootprintAnalyzer>().WithoutCostRules()
            .WithFile("triage.prompty", Triage)
            .WithFile("promptlint.baseline.json", Baseline(("triage.prompty", TriageTokens - 5)), "baseline")
            .RunAsync();
    }

    [Fact]
    public async Task ThresholdFromBuildProperty_IsHonoured()
    {
        await new AnalyzerTest<PromptFootprintAnalyzer>().WithoutCostRules()
            .WithFile("triage.prompty", Triage)
            .WithFile("promptlint.baseline.json", Baseline(("triage.prompty", TriageTokens - 20)), "baseline")
            .WithProperty("PromptLintRegressionThreshold", "500")
            .RunAsync();
    }

    [Fact]
    public async Task UpdateBaselineBuild_ReportsNoGateDiagnostics()
    {
        await new AnalyzerTest<PromptFootprintAnalyzer>().WithoutCostRules()
            .WithFile("triage.prompty", Triage)
            .WithFile("Prompts/new.txt", "A brand new prompt.")
            .WithFile("promptlint.baseline.json", Baseline(("triage.prompty", 1), ("gone.txt", 3)), "baseline")
            .WithProperty("PromptLintUpdateBaseline", "true")
            .RunAsync();
    }
}
