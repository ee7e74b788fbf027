using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;
using PromptLint.Analyzers;
using SharpToken;
using static PromptLint.Analyzers.Tests.PromptFiles.PromptFileTest;

namespace PromptLint.Analyzers.Tests.Rules;

/// <summary>PL0100: a baseline that cannot be read is reported inside it and gates nothing.</summary>
public sealed class BaselineUnreadableTests
{
    [Fact]
    public async Task MergeConflictInBaseline_ReportsPL0100AtTheMarkerAndNoGate()
    {
        var baseline = Baseline(("triage.prompty", 1)).Replace("  \"prompts\": [\n", "  \"prompts\": [\n<<<<<<< HEAD\n=======\n>>>>>>> topic\n");
        var test = new AnalyzerTest<PromptFootprintAnalyzer>().WithoutCostRules()
            .WithFile("triage.prompty", Triage)
            .WithFile("promptlint.baseline.json", baseline, "baseline");
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PL0100", DiagnosticSeverity.Warning).WithSpan(Dir + "/promptlint.baseline.json", 4, 1, 4, 13)
            .WithArguments("promptlint.baseline.json", "merge-conflict marker at line 4"));
        await test.RunAsync();
    }
}
