using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using PromptLint.Analyzers;
using static PromptLint.Analyzers.Tests.PromptFiles.PromptFileTest;

namespace PromptLint.Analyzers.Tests.Rules;

/// <summary>
/// PL0101 on files the default globs found (PromptLintKind "detect"), issue 29's held-out round: a file over the size
/// limit and valid JSON that only has a tool list's name are not malformed prompts; broken JSON with that name is.
/// </summary>
public sealed class DefaultDiscoveryMalformedTests
{
    private static readonly string Catalogue = "[ { \"name\": \"search\", \"description\": \"" + new string('x', 2_000) + "\", \"parameters\": { \"type\": \"object\" } } ]";

    [Fact]
    public async Task OversizeFileFoundByDefault_HasNoDiagnostic()
    {
        var test = new AnalyzerTest<PromptFootprintAnalyzer>().WithoutCostRules()
            .WithOption("promptlint.max_prompt_file_chars", "1000")
            .WithFile("site/js/tools_catalog.json", Catalogue, kind: "detect");
        await test.RunAsync();
    }

    [Fact]
    public async Task OversizeFileListedWithItsKind_ReportsPL0101WithTheLimit()
    {
        var test = new AnalyzerTest<PromptFootprintAnalyzer>().WithoutCostRules()
            .WithOption("promptlint.max_prompt_file_chars", "1000")
            .WithFile("site/js/tools_catalog.json", Catalogue, kind: "tools");
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PL0101", DiagnosticSeverity.Warning).WithSpan(Dir + "/site/js/tools_catalog.json", 1, 1, 1, 2080)
            .WithArguments("site/js/tools_catalog.json", "the file has 2,079 characters, more than the 1,000 PromptLint reads; if it really is one prompt, raise promptlint.max_prompt_file_chars"));
        await test.RunAsync();
    }

    [Fact]
    public async Task ValidJsonOfAnotherShape_NamedAsAToolList_FoundByDefault_HasNoDiagnostic()
    {
        var test = new AnalyzerTest<PromptFootprintAnalyzer>().WithoutCostRules()
            .WithFile("config/agent_tools.json", "{ \"search\": { \"enabled\": true }, \"edit\": { \"enabled\": false } }", kind: "detect");
        await test.RunAsync();
    }

    // Longer than the head PromptLint judges a file's kind by: the front end, told the file was found, decides.
    [Fact]
    public async Task LongValidJsonOfAnotherShape_NamedAsAToolList_FoundByDefault_HasNoDiagnostic()
    {
        var test = new AnalyzerTest<PromptFootprintAnalyzer>().WithoutCostRules()
            .WithFile("config/agent_tools.json", "{ \"search\": { \"description\": \"" + new string('x', 5_000) + "\", \"enabled\": true } }", kind: "detect");
        await test.RunAsync();
    }

    [Fact]
    public async Task InvalidJson_NamedAsAToolList_FoundByDefault_ReportsPL0101()
    {
        var test = new AnalyzerTest<PromptFootprintAnalyzer>().WithoutCostRules()
            .WithFile("config/agent_tools.json", "[ { \"name\": \"search\", \"parameters\": { \"type\": \"object\" } } ] ]", kind: "detect");
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PL0101", DiagnosticSeverity.Warning).WithLocation(Dir + "/config/agent_tools.json", 1, 62)
            .WithArguments("config/agent_tools.json", "invalid JSON at line 1"));
        await test.RunAsync();
    }
}
