using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;
using PromptLint.Analyzers;
using PromptLint.Core.Baseline;
using SharpToken;

namespace PromptLint.Analyzers.Tests.PromptFiles;

public class PromptFileAnalyzerTests
{
    private const string Dir = AnalyzerTest<PromptFootprintAnalyzer>.ProjectDirectory;

    private const string Triage = """
        ---
        name: Triage
        model:
          api: chat
          configuration:
            type: openai
            name: gpt-4o-mini
          parameters:
            max_tokens: 400
        ---
        system:
        You are a support triage assistant for Contoso. Classify the ticket into billing, outage, or how-to.

        user:
        {{ticket}}
        """;

    // Expected counts come from an independent tokenizer, not from the code under test.
    private static int Tokens(string text) => GptEncoding.GetEncoding("o200k_base").CountTokens(text);

    private static readonly int TriageTokens =
        Tokens("You are a support triage assistant for Contoso. Classify the ticket into billing, outage, or how-to.");

    private static string Baseline(params (string Id, int Tokens)[] entries)
        => BaselineSerializer.Write(entries.Select(e => new BaselineEntry(e.Id, "o200k_base", e.Tokens, e.Tokens, 0, "sha256:0")));

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
    public async Task UnknownModelInFile_ReportsPL0102AtTheModel()
    {
        const string text = "model: contoso/my-finetune\nmessages:\n  - role: system\n    content: Be brief.\n";
        var test = new AnalyzerTest<PromptFootprintAnalyzer>().WithoutCostRules().WithFile("ask.prompt.yml", text);
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PL0102", DiagnosticSeverity.Warning).WithSpan(Dir + "/ask.prompt.yml", 1, 8, 1, 27).WithArguments("contoso/my-finetune", "o200k_base"));
        await test.RunAsync();
    }

    [Fact]
    public async Task UnknownProjectModel_ReportsPL0102Once()
    {
        var test = new AnalyzerTest<PromptFootprintAnalyzer>().WithoutCostRules()
            .WithFile("Prompts/a.txt", "one")
            .WithFile("Prompts/b.txt", "two")
            .WithProperty("PromptLintModel", "my-deployment");
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PL0102", DiagnosticSeverity.Warning).WithArguments("my-deployment", "o200k_base"));
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

    [Fact]
    public async Task FilesWithoutPromptLintKind_AreIgnored()
    {
        var test = new AnalyzerTest<PromptFootprintAnalyzer>().WithoutCostRules().WithProperty("PromptLintModel", "my-deployment");
        test.TestState.AdditionalFiles.Add((Dir + "/Prompts/other.txt", "not ours"));
        await test.RunAsync();
    }

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
