using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using static PromptLint.Analyzers.Tests.PromptFiles.PromptFileTest;

namespace PromptLint.Analyzers.Tests.PromptFiles;

/// <summary>
/// Findings about a prompt file's static text are reported at the line and column of that text, in every file kind
/// (they pointed at the prompt's first line before). The build and the IDE report the same diagnostic, so its location
/// is what both show. The filler phrase "Please note that" (PL0013) is the probe: it is found wherever it stands.
/// </summary>
public sealed class ExactLocationTests
{
    private static DiagnosticResult Filler(string file, int line, int column)
        => new DiagnosticResult("PL0013", DiagnosticSeverity.Info).WithSpan(Dir + "/" + file, line, column, line, column + "Please note that".Length);

    private static AnalyzerTest<PromptFootprintAnalyzer> Test() => new AnalyzerTest<PromptFootprintAnalyzer>().WithoutCostRules();

    [Fact]
    public async Task Prompty_FindingIsAtItsLineInTheBody()
    {
        const string text = "---\nname: Billing\nmodel:\n  parameters:\n    max_tokens: 100\n---\nsystem:\nYou answer billing questions.\nPlease note that refunds take 5 days.\n\nuser:\n{{question}}\n";
        var test = Test().WithFile("billing.prompty", text);
        test.ExpectedDiagnostics.Add(Filler("billing.prompty", 9, 1));
        await test.RunAsync();
    }

    [Fact]
    public async Task PromptyUserMessage_FindingIsInThatMessage()
    {
        const string text = "---\nname: Billing\n---\nsystem:\nYou answer billing questions.\n\nuser:\n  Question: {{question}}. Please note that it is urgent.\n";
        var test = Test().WithFile("billing.prompty", text);
        test.ExpectedDiagnostics.Add(Filler("billing.prompty", 8, 27));
        await test.RunAsync();
    }

    [Fact]
    public async Task SemanticKernelYamlLiteralBlock_FindingIsAtTheIndentedLine()
    {
        const string text = "name: Billing\ntemplate: |\n  You answer billing questions.\n  Please note that refunds take 5 days.\n  {{$question}}\nexecution_settings:\n  default:\n    max_tokens: 100\n";
        var test = Test().WithFile("Prompts/billing.yaml", text);
        test.ExpectedDiagnostics.Add(Filler("Prompts/billing.yaml", 4, 3));
        await test.RunAsync();
    }

    [Fact]
    public async Task SemanticKernelYamlEscapedString_FindingIsWhereTheTextIs()
    {
        // The "\n" escape is two characters in the file and one in the prompt: the text is found where it is written.
        const string text = "name: Billing\ntemplate: \"You answer billing questions.\\nPlease note that refunds take 5 days.\"\n";
        var test = Test().WithFile("Prompts/billing.yaml", text);
        test.ExpectedDiagnostics.Add(Filler("Prompts/billing.yaml", 2, 43));
        await test.RunAsync();
    }

    [Fact]
    public async Task SkPrompt_FindingIsAtItsLine()
    {
        var test = Test()
            .WithFile("Plugins/Billing/Answer/skprompt.txt", "You answer billing questions.\nPlease note that refunds take 5 days.\n{{$input}}\n")
            .WithFile("Plugins/Billing/Answer/config.json", "{ \"execution_settings\": { \"default\": { \"max_tokens\": 100 } } }");
        test.ExpectedDiagnostics.Add(Filler("Plugins/Billing/Answer/skprompt.txt", 2, 1));
        await test.RunAsync();
    }

    [Fact]
    public async Task GitHubModelsLiteralContent_FindingIsAtTheIndentedLine()
    {
        const string text = "name: Billing\nmodel: openai/gpt-4o\nmodelParameters:\n  maxTokens: 100\nmessages:\n  - role: system\n    content: |\n      You answer billing questions.\n      Please note that refunds take 5 days.\n  - role: user\n    content: '{{question}}'\n";
        var test = Test().WithFile("billing.prompt.yml", text);
        test.ExpectedDiagnostics.Add(Filler("billing.prompt.yml", 9, 7));
        await test.RunAsync();
    }

    [Fact]
    public async Task GitHubModelsQuotedContent_FindingIsAtItsColumn()
    {
        const string text = "name: Billing\nmessages:\n  - role: system\n    content: \"You answer billing questions. Please note that refunds take 5 days.\"\n  - role: user\n    content: '{{question}}'\n";
        var test = Test().WithFile("billing.prompt.yml", text);
        test.ExpectedDiagnostics.Add(Filler("billing.prompt.yml", 4, 45));
        await test.RunAsync();
    }

    [Fact]
    public async Task TextWithCrLf_FindingIsAtItsLine()
    {
        var test = Test().WithFile("Prompts/billing.md", "You answer billing questions.\r\n\r\nPlease note that refunds take 5 days.\r\n");
        test.ExpectedDiagnostics.Add(Filler("Prompts/billing.md", 3, 1));
        await test.RunAsync();
    }

    [Fact]
    public async Task TextAfterAComment_FindingIsStillAtItsLine()
    {
        // The comment is dropped and the text around it merged: the front end's arithmetic is off, the file is searched.
        const string text = "---\nname: Billing\n---\nsystem:\nYou answer {# internal note #}billing questions.\nPlease note that refunds take 5 days.\n";
        var test = Test().WithFile("billing.prompty", text);
        test.ExpectedDiagnostics.Add(Filler("billing.prompty", 6, 1));
        await test.RunAsync();
    }

    [Fact]
    public async Task RepeatedSentence_IsReportedAtTheCopy_ContradictionAtTheEarlierInstruction()
    {
        const string text = "---\nname: Style\n---\nsystem:\nAlways answer in English, even when the customer writes in another language.\nAlways use bullet points.\n\nuser:\nAlways answer in English, even when the customer writes in another language.\nNever use bullet points.\n";
        var test = new AnalyzerTest<PromptFootprintAnalyzer>().WithoutCostRules().WithFile("style.prompty", text);
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PL0019", DiagnosticSeverity.Info).WithSpan(Dir + "/style.prompty", 6, 1, 6, 26));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PL0015", DiagnosticSeverity.Info).WithSpan(Dir + "/style.prompty", 9, 1, 9, 77));
        await test.RunAsync();
    }

    [Fact]
    public async Task ToolSchemaFile_ToolFindingIsAtThatTool()
    {
        const string forecast = "  {\"type\":\"function\",\"function\":{\"name\":\"get_forecast\",\"description\":\"Forecast for a city.\",\"parameters\":{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\",\"description\":\"City name and country, e.g. 'Paris, FR'.\"}},\"required\":[\"city\"]}}},";
        const string weather = "  {\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"description\":\"Current weather for a city.\",\"parameters\":{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\",\"title\":\"City\",\"description\":\"The city.\",\"examples\":[\"Paris\",\"Lima\"]},\"unit\":{\"type\":\"string\",\"default\":\"c\"}}}}}";
        var test = Test().WithFile("weather.tools.json", "[\n" + forecast + "\n" + weather + "\n]\n");
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PL0017", DiagnosticSeverity.Info).WithSpan(Dir + "/weather.tools.json", 3, 3, 3, weather.Length + 1));
        await test.RunAsync();
    }

    [Fact]
    public async Task SemanticKernelMessageTags_ARepeatedSentenceIsReportedAtItsCopy()
    {
        // The copy, not the first sentence with the same words, is the text to remove (PL0015 points at it).
        const string text = "name: Billing\ntemplate: |\n  <message role=\"system\">\n  Always answer with the refund policy section that applies to the order.\n  </message>\n  <message role=\"user\">\n  Always answer with the refund policy section that applies to the order.\n  {{$question}}\n  </message>\nexecution_settings:\n  default:\n    max_tokens: 100\n";
        var test = new AnalyzerTest<PromptFootprintAnalyzer>().WithoutCostRules().WithOption("promptlint.repeated_block_min_tokens", "5").WithFile("Prompts/billing.yaml", text);
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PL0015", DiagnosticSeverity.Info).WithSpan(Dir + "/Prompts/billing.yaml", 7, 3, 7, 74));
        await test.RunAsync();
    }
}
