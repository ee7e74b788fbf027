using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;
using PromptLint.Analyzers;
using PromptLint.Core.Baseline;
using SharpToken;
using static PromptLint.Analyzers.Tests.PromptFiles.PromptFileTest;

namespace PromptLint.Analyzers.Tests.Rules;

/// <summary>PL0101: a prompt file, or a part of it, that cannot be read.</summary>
public sealed class MalformedPromptFileTests
{
    [Fact]
    public async Task MalformedPrompty_ReportsPL0101AtTheYamlError()
    {
        const string broken = "---\nname: Broken\nmodel:\n  parameters:\n    max_tokens: [oops\n---\nsystem:\nHello\n";
        var test = new AnalyzerTest<PromptFootprintAnalyzer>().WithoutCostRules().WithFile("broken.prompty", broken);

        // No arguments: the YAML library's wording is not ours to pin, the id and the line are.
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PL0101", DiagnosticSeverity.Warning).WithSpan(Dir + "/broken.prompty", 6, 1, 6, 4));
        await test.RunAsync();
    }

    [Fact]
    public async Task BadMaxTokens_ReportsPL0101AtTheValueAndStillMeasures()
    {
        const string text = "---\nmodel:\n  parameters:\n    max_tokens: lots\n---\nsystem:\nHello there\n";
        var test = new AnalyzerTest<PromptFootprintAnalyzer>().WithoutCostRules()
            .WithFile("a.prompty", text)
            .WithFile("promptlint.baseline.json", Baseline(("a.prompty", Tokens("Hello there"))), "baseline");
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PL0101", DiagnosticSeverity.Warning).WithSpan(Dir + "/a.prompty", 4, 17, 4, 21)
            .WithArguments("a.prompty", "'max_tokens' at line 4 must be a positive whole number"));
        await test.RunAsync();
    }

    [Fact]
    public async Task EmptyAndBinaryFiles_ReportPL0101()
    {
        var test = new AnalyzerTest<PromptFootprintAnalyzer>().WithoutCostRules()
            .WithFile("Prompts/empty.md", "   \n")
            .WithFile("Prompts/blob.txt", "ab\0cd");
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PL0101", DiagnosticSeverity.Warning).WithSpan(Dir + "/Prompts/blob.txt", 1, 1, 1, 6).WithArguments("Prompts/blob.txt", "the file is binary, not a text prompt"));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PL0101", DiagnosticSeverity.Warning).WithSpan(Dir + "/Prompts/empty.md", 1, 1, 1, 4).WithArguments("Prompts/empty.md", "the prompt file is empty"));
        await test.RunAsync();
    }

    [Fact]
    public async Task SkPromptWithConfig_UsesCompanionAndReportsItsBadJsonThere()
    {
        var test = new AnalyzerTest<PromptFootprintAnalyzer>().WithoutCostRules()
            .WithFile("Plugins/Writer/Story/skprompt.txt", "Write a story about {{$topic}}.")
            .WithFile("Plugins/Writer/Story/config.json", "{\n  \"schema\": 1,\n  \"execution_settings\": {\n    \"default\": { \"max_tokens\": 500, }\n  ,,\n}\n");
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PL0101", DiagnosticSeverity.Warning).WithSpan(Dir + "/Plugins/Writer/Story/config.json", 5, 4, 5, 5)
            .WithArguments("Plugins/Writer/Story/config.json", "invalid JSON in config.json at line 5"));
        await test.RunAsync();
    }
}
