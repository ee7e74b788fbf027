using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;
using PromptLint.Analyzers;
using SharpToken;
using static PromptLint.Analyzers.Tests.PromptFiles.PromptFileTest;

namespace PromptLint.Analyzers.Tests.PromptFiles;

/// <summary>Prompt files through the analyzer: which files are read, and a matching baseline.</summary>
public sealed class PromptFileAnalyzerTests
{
    [Fact]
    public async Task NoBaseline_NoDiagnostics()
    {
        await new AnalyzerTest<PromptFootprintAnalyzer>().WithoutCostRules().WithFile("triage.prompty", Triage).RunAsync();
    }

    [Fact]
    public async Task MatchingBaseline_NoDiagnostics()
    {
        await new AnalyzerTest<PromptFootprintAnalyzer>().WithoutCostRules()
            .WithFile("triage.prompty", Triage)
            .WithFile("promptlint.baseline.json", Baseline(("triage.prompty", TriageTokens)), "baseline")
            .RunAsync();
    }

    [Fact]
    public async Task FilesWithoutPromptLintKind_AreIgnored()
    {
        var test = new AnalyzerTest<PromptFootprintAnalyzer>().WithoutCostRules().WithProperty("PromptLintModel", "my-deployment");
        test.TestState.AdditionalFiles.Add((Dir + "/Prompts/other.txt", "not ours"));
        await test.RunAsync();
    }
}
