using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using static PromptLint.Analyzers.Tests.Rules.CostRuleTest;

namespace PromptLint.Analyzers.Tests.Rules;

/// <summary>PL0013 with the shipped list and with promptlint.filler_phrases.</summary>
public sealed class FillerPhrasesTests
{
    [Fact]
    public async Task FillerPhrases_ReportPL0013_WithTheShippedList()
    {
        var test = new AnalyzerTest<PromptFootprintAnalyzer>()
            .WithFile("billing.md", "You answer billing questions.\nPlease note that refunds take 5 days.\n")
            .WithFile("direct.md", "You answer billing questions.\nRefunds take 5 days.\n");
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PL0013", DiagnosticSeverity.Info).WithSpan(Dir + "/billing.md", 2, 1, 2, 17));
        await test.RunAsync();
    }

    [Fact]
    public async Task FillerPhrasesSetting_ReplacesTheShippedList()
    {
        var test = new AnalyzerTest<PromptFootprintAnalyzer>()
            .WithFile("kindly.md", "Kindly answer billing questions.\n")
            .WithFile("billing.md", "You answer billing questions.\nPlease note that refunds take 5 days.\n")
            .WithOption("promptlint.filler_phrases", "kindly | be advised that");
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PL0013", DiagnosticSeverity.Info).WithSpan(Dir + "/kindly.md", 1, 1, 1, 7));
        await test.RunAsync();
    }

    // Regression: the documented "a; b" list kept only its first phrase (the compiler reads what follows ';' in a config
    // value as a comment). Every listed phrase is found, whichever separator the documentation shows.
    [Theory]
    [InlineData("kindly | be advised that")]
    [InlineData("be advised that|kindly")]
    public async Task FillerPhrasesSetting_EveryListedPhraseCounts(string value)
    {
        var test = new AnalyzerTest<PromptFootprintAnalyzer>()
            .WithFile("kindly.md", "Kindly answer billing questions.\n")
            .WithFile("advised.md", "You answer billing questions.\nBe advised that refunds take 5 days.\n")
            .WithOption("promptlint.filler_phrases", value);
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PL0013", DiagnosticSeverity.Info).WithSpan(Dir + "/advised.md", 2, 1, 2, 16));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PL0013", DiagnosticSeverity.Info).WithSpan(Dir + "/kindly.md", 1, 1, 1, 7));
        await test.RunAsync();
    }

    [Fact]
    public async Task FillerPhrasesSetting_SemicolonList_IsWhatTheCompilerKeeps()
    {
        // Documents why ';' is not the separator: the compiler hands the analyzer only "kindly".
        var test = new AnalyzerTest<PromptFootprintAnalyzer>()
            .WithFile("advised.md", "You answer billing questions.\nBe advised that refunds take 5 days.\n")
            .WithOption("promptlint.filler_phrases", "kindly; be advised that");
        await test.RunAsync();
    }
}
