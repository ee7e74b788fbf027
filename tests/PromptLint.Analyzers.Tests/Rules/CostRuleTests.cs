using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace PromptLint.Analyzers.Tests.Rules;

/// <summary>The cost rules at their locations in C# and in prompt files; the correct variants stay silent.</summary>
public class CostRuleTests
{
    private const string Dir = AnalyzerTest<PromptFootprintAnalyzer>.ProjectDirectory;

    private static AnalyzerTest<PromptFootprintAnalyzer> Test(string source) => new AnalyzerTest<PromptFootprintAnalyzer>().WithSdks().WithSource(source);

    private static DiagnosticResult At(string id, DiagnosticSeverity severity, int line, int column, int endLine, int endColumn)
        => new DiagnosticResult(id, severity).WithSpan("/0/Test1.cs", line, column, endLine, endColumn);

    [Fact]
    public async Task UncappedIChatClientCall_ReportsPL0003AtTheCall_CappedAndUnknownOptionsDoNot()
    {
        var test = Test("""
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;

            public class Calls(IChatClient client, ChatOptions injected)
            {
                public Task Uncapped(string q) => client.GetResponseAsync(q);
                public Task Capped(string q) => client.GetResponseAsync(q, new ChatOptions { MaxOutputTokens = 200 });
                public Task FromParameter(string q, ChatOptions options) => client.GetResponseAsync(q, options);
                public Task FromField(string q) => client.GetResponseAsync(q, injected);
                public Task FromSetting(string q, int max) => client.GetResponseAsync(q, new ChatOptions { MaxOutputTokens = max });
                public Task CappedLater(string q)
                {
                    var options = new ChatOptions();
                    options.MaxOutputTokens = 300;
                    return client.GetResponseAsync(q, options);
                }
            }
            """);
        test.ExpectedDiagnostics.Add(At("PL0003", DiagnosticSeverity.Warning, 6, 39, 6, 65));
        await test.RunAsync();
    }

    [Fact]
    public async Task PipelineThatCapsEveryCall_SilencesPL0003ForCallsThroughIt()
    {
        var test = Test("""
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;

            public class Calls(IChatClient inner)
            {
                private readonly IChatClient _capped = new ChatClientBuilder(inner)
                    .ConfigureOptions(o => o.MaxOutputTokens = 400)
                    .Build();

                public Task ThroughTheCappedPipeline(string q) => _capped.GetResponseAsync(q);

                public Task Local(string q)
                {
                    var client = inner.AsBuilder().ConfigureOptions(o => { o.MaxOutputTokens = 200; }).Build();
                    return client.GetResponseAsync(q);
                }

                public Task Uncapped(string q) => inner.GetResponseAsync(q);
            }
            """);
        test.ExpectedDiagnostics.Add(At("PL0003", DiagnosticSeverity.Warning, 18, 39, 18, 64));
        await test.RunAsync();
    }

    [Fact]
    public async Task OptionsWithoutCap_ReportsPL0003AtTheOptions()
    {
        var test = Test("""
            using OpenAI.Chat;

            public class Calls
            {
                public ChatCompletion Go(ChatClient chat, string q)
                    => chat.CompleteChat(new ChatMessage[] { new UserChatMessage(q) }, new ChatCompletionOptions { Temperature = 0.2f });
            }
            """);
        test.ExpectedDiagnostics.Add(At("PL0003", DiagnosticSeverity.Warning, 6, 76, 6, 124));
        await test.RunAsync();
    }

    [Fact]
    public async Task TimestampBeforeLargePolicy_ReportsPL0004AndPL0005()
    {
        var policy = string.Concat(Enumerable.Range(1, 80).Select(i => $"Rule {i}: follow the refund policy exactly and cite the section of every rule you apply. "));
        var test = Test($$"""
            using System;
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;

            public class Support(IChatClient client)
            {
                private const string LargeConstPolicy = "{{policy}}";

                public Task Ask(string q) => client.GetResponseAsync(
                    [new ChatMessage(ChatRole.System, $"Current time: {DateTime.UtcNow:O}. " + LargeConstPolicy), new ChatMessage(ChatRole.User, q)],
                    new ChatOptions { MaxOutputTokens = 500 });

                public Task CacheFriendly(string q) => client.GetResponseAsync(
                    [new ChatMessage(ChatRole.System, LargeConstPolicy), new ChatMessage(ChatRole.User, $"Time: {DateTime.UtcNow:O}. {q}")],
                    new ChatOptions { MaxOutputTokens = 500 });
            }
            """);
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PL0004", DiagnosticSeverity.Warning).WithSpan("/0/Test1.cs", 10, 43, 10, 100));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PL0005", DiagnosticSeverity.Warning).WithSpan("/0/Test1.cs", 10, 43, 10, 100));
        await test.RunAsync();
    }

    [Fact]
    public async Task UncappedPromptyAndSkYaml_ReportPL0003AtLine1_CappedFilesDoNot()
    {
        var test = new AnalyzerTest<PromptFootprintAnalyzer>()
            .WithFile("uncapped.prompty", "---\nname: A\nmodel:\n  configuration:\n    name: gpt-4o\n---\nsystem:\nBe brief.\n")
            .WithFile("capped.prompty", "---\nname: B\nmodel:\n  parameters:\n    max_tokens: 100\n---\nsystem:\nBe brief.\n")
            .WithFile("Prompts/story.yaml", "name: Story\ntemplate: Tell a story about {{$topic}}.\n")
            .WithFile("ask.prompt.yml", "model: openai/gpt-4o-mini\nmodelParameters:\n  maxTokens: 50\nmessages:\n  - role: user\n    content: Hi\n");
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PL0003", DiagnosticSeverity.Warning).WithSpan(Dir + "/uncapped.prompty", 1, 1, 1, 4));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PL0003", DiagnosticSeverity.Warning).WithSpan(Dir + "/Prompts/story.yaml", 1, 1, 1, 12));
        await test.RunAsync();
    }

    [Fact]
    public async Task PromptAttributeBudget_ReportsUnboundedHoleAndOverBudget()
    {
        var test = new AnalyzerTest<PromptFootprintAnalyzer>().WithSource("""
            using System;

            [AttributeUsage(AttributeTargets.All)]
            internal sealed class PromptAttribute : Attribute
            {
                public PromptAttribute(string id) { }
                public int Budget { get; set; }
            }

            public class Rag
            {
                [Prompt("rag.answer", Budget = 10)]
                public string Build(string doc) => "Answer from the document below, in the same language as the question. " + doc;
            }
            """);
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PL0006", DiagnosticSeverity.Info).WithSpan("/0/Test1.cs", 13, 19, 13, 24));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PL0007", DiagnosticSeverity.Error).WithSpan("/0/Test1.cs", 13, 19, 13, 24));
        await test.RunAsync();
    }

    [Fact]
    public async Task ToolSchemaBudgetFromOptions_ReportsPL0009()
    {
        var test = new AnalyzerTest<PromptFootprintAnalyzer>()
            .WithFile("weather.tools.json", "[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"description\":\"Current weather for a city.\",\"parameters\":{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}}}]")
            .WithOption("promptlint.tool_schema_budget", "10");
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PL0009", DiagnosticSeverity.Warning).WithSpan(Dir + "/weather.tools.json", 1, 1, 1, 171));
        await test.RunAsync();
    }

    [Fact]
    public async Task WordProcessorCharacters_ReportPL0010InCodeAndFiles_AsciiTextDoesNot()
    {
        var test = Test("""
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;

            public class Support(IChatClient client)
            {
                public Task Pasted(string q) => client.GetResponseAsync(
                    [new ChatMessage(ChatRole.System, "You are \u201CContoso\u00A0Support\u201D\u200B. Don\u2019t guess\u2026"), new ChatMessage(ChatRole.User, q)],
                    new ChatOptions { MaxOutputTokens = 500 });

                public Task Ascii(string q) => client.GetResponseAsync(
                    [new ChatMessage(ChatRole.System, $"You are \"Contoso Support\". Customer: {q}..."), new ChatMessage(ChatRole.User, q)],
                    new ChatOptions { MaxOutputTokens = 500 });
            }
            """)
            .WithFile("notes.txt", "Answer in one paragraph\u00A0\u00A0\u2026 no \u201Cmarketing\u201D words.\n")
            .WithFile("plain.txt", "Answer in one paragraph... no \"marketing\" words.\n");
        test.ExpectedDiagnostics.Add(At("PL0010", DiagnosticSeverity.Info, 7, 43, 7, 115));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PL0010", DiagnosticSeverity.Info).WithSpan(Dir + "/notes.txt", 1, 1, 1, 49));
        await test.RunAsync();
    }

    [Fact]
    public async Task WhitespaceBloat_ReportsPL0011InFilesAndVerbatimCode_TidyTextDoesNot()
    {
        var bloated = "# Role   \nYou answer billing questions.\t\t\n\n\n\n\n## Rules  \n- Be brief.    \n- Cite the policy.\n\n\n\nEnd.\n";
        var test = Test($$"""
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;

            public class Support(IChatClient client)
            {
                public Task Ask(string q) => client.GetResponseAsync(
                    [new ChatMessage(ChatRole.System, @"{{bloated.Replace("\t", "    ")}}"), new ChatMessage(ChatRole.User, q)],
                    new ChatOptions { MaxOutputTokens = 500 });
            }
            """)
            .WithFile("billing.md", bloated)
            .WithFile("tidy.md", "# Role\nYou answer billing questions.\n\n## Rules\n- Be brief.\n");
        test.ExpectedDiagnostics.Add(At("PL0011", DiagnosticSeverity.Info, 7, 43, 20, 2));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PL0011", DiagnosticSeverity.Info).WithSpan(Dir + "/billing.md", 1, 1, 1, 10));
        await test.RunAsync();
    }

    [Fact]
    public async Task PrettyPrintedJsonExample_ReportsPL0012InAPromptFile_OneLineJsonDoesNot()
    {
        var example = "Answer with JSON like this example:\n{\n    \"orderId\": \"A-1042\",\n    \"items\": [\n        { \"sku\": \"KB-01\", \"quantity\": 2 },\n        { \"sku\": \"MS-07\", \"quantity\": 1 }\n    ]\n}\n";
        var test = new AnalyzerTest<PromptFootprintAnalyzer>()
            .WithFile("extract.md", example)
            .WithFile("compact.md", "Answer with JSON like {\"orderId\":\"A-1042\",\"items\":[{\"sku\":\"KB-01\",\"quantity\":2}]}.\n");
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PL0012", DiagnosticSeverity.Info).WithSpan(Dir + "/extract.md", 1, 1, 1, 36));
        await test.RunAsync();
    }

    [Fact]
    public async Task FillerPhrases_ReportPL0013_WithTheShippedList()
    {
        var test = new AnalyzerTest<PromptFootprintAnalyzer>()
            .WithFile("billing.md", "You answer billing questions.\nPlease note that refunds take 5 days.\n")
            .WithFile("direct.md", "You answer billing questions.\nRefunds take 5 days.\n");
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PL0013", DiagnosticSeverity.Info).WithSpan(Dir + "/billing.md", 1, 1, 1, 30));
        await test.RunAsync();
    }

    [Fact]
    public async Task FillerPhrasesSetting_ReplacesTheShippedList()
    {
        var test = new AnalyzerTest<PromptFootprintAnalyzer>()
            .WithFile("kindly.md", "Kindly answer billing questions.\n")
            .WithFile("billing.md", "You answer billing questions.\nPlease note that refunds take 5 days.\n")
            .WithOption("promptlint.filler_phrases", "kindly; be advised that");
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PL0013", DiagnosticSeverity.Info).WithSpan(Dir + "/kindly.md", 1, 1, 1, 33));
        await test.RunAsync();
    }

    [Fact]
    public async Task KeyInTheInstructions_ReportsPL0014InCode_ValueFromAHoleDoesNot()
    {
        var test = Test("""
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;

            public class Support(IChatClient client)
            {
                public Task Pasted(string q) => client.GetResponseAsync(
                    [new ChatMessage(ChatRole.System, "Tenant 3f2b8c1e-9a4d-4e7b-b1c2-7d9e0f6a5b43 only. Answer billing questions."), new ChatMessage(ChatRole.User, q)],
                    new ChatOptions { MaxOutputTokens = 500 });

                public Task FromAHole(string q, string tenant) => client.GetResponseAsync(
                    [new ChatMessage(ChatRole.System, $"Tenant {tenant} only. Answer billing questions."), new ChatMessage(ChatRole.User, q)],
                    new ChatOptions { MaxOutputTokens = 500 });
            }
            """);
        test.ExpectedDiagnostics.Add(At("PL0014", DiagnosticSeverity.Info, 7, 43, 7, 120));
        await test.RunAsync();
    }

    [Fact]
    public async Task ParagraphTwice_ReportsPL0015InCodeAndFiles_RepeatsFromHolesAndShortBoilerplateDoNot()
    {
        var test = Test("""
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;

            public class Support(IChatClient client)
            {
                public Task Twice(string q) => client.GetResponseAsync(
                    [new ChatMessage(ChatRole.System, "Always answer in English, even when the customer writes in another language.\n\nRefunds take five business days.\n\nAlways answer in English, even when the customer writes in another language."), new ChatMessage(ChatRole.User, q)],
                    new ChatOptions { MaxOutputTokens = 500 });

                public Task FromHoles(string q, string policy) => client.GetResponseAsync(
                    [new ChatMessage(ChatRole.System, $"{policy}\n\nRefunds take five business days.\n\n{policy}"), new ChatMessage(ChatRole.User, q)],
                    new ChatOptions { MaxOutputTokens = 500 });
            }
            """)
            .WithFile("reminder.md", "Always answer in English, even when the customer writes in another language.\nRefunds take five business days.\n\n{{question}}\n\nAlways answer in English, even when the customer writes in another language.\n")
            .WithFile("qa.md", "Question:\n{{q1}}\nAnswer:\n\nQuestion:\n{{q2}}\nAnswer:\n");
        test.ExpectedDiagnostics.Add(At("PL0015", DiagnosticSeverity.Info, 7, 43, 7, 237));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PL0015", DiagnosticSeverity.Info).WithSpan(Dir + "/reminder.md", 1, 1, 1, 77));
        await test.RunAsync();
    }

    [Fact]
    public async Task AlwaysThenNever_ReportsPL0019InCodeAndFiles_ConditionalExceptionsDoNot()
    {
        var test = Test("""
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;

            public class Support(IChatClient client)
            {
                public Task Contradicts(string q) => client.GetResponseAsync(
                    [new ChatMessage(ChatRole.System, "Always use bullet points. Keep answers short. Never use bullet points."), new ChatMessage(ChatRole.User, q)],
                    new ChatOptions { MaxOutputTokens = 500 });

                public Task Scoped(string q) => client.GetResponseAsync(
                    [new ChatMessage(ChatRole.System, "Always use bullet points for lists. Never use bullet points in code blocks."), new ChatMessage(ChatRole.User, q)],
                    new ChatOptions { MaxOutputTokens = 500 });
            }
            """)
            .WithFile("style.md", "Always use bullet points.\nKeep answers short.\n\nNever use bullet points.\n")
            .WithFile("scoped.md", "Always use bullet points.\nNever use bullet points when you quote code.\n");
        test.ExpectedDiagnostics.Add(At("PL0019", DiagnosticSeverity.Info, 7, 43, 7, 115));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PL0019", DiagnosticSeverity.Info).WithSpan(Dir + "/style.md", 1, 1, 1, 26));
        await test.RunAsync();
    }

    [Fact]
    public async Task RepeatedBlockAndDeadInstructionMinimums_AreReadFromTheConfig()
    {
        const string Style = "Always answer in English, even when the customer writes in another language.\nAlways use bullet points.\n\nAlways answer in English, even when the customer writes in another language.\nNever use bullet points.\n";
        var defaults = new AnalyzerTest<PromptFootprintAnalyzer>().WithFile("style.md", Style);
        defaults.ExpectedDiagnostics.Add(new DiagnosticResult("PL0015", DiagnosticSeverity.Info).WithSpan(Dir + "/style.md", 1, 1, 1, 77));
        defaults.ExpectedDiagnostics.Add(new DiagnosticResult("PL0019", DiagnosticSeverity.Info).WithSpan(Dir + "/style.md", 1, 1, 1, 77));
        await defaults.RunAsync();

        // The sentence is 14 tokens and the contradicted instruction 5 (o200k_base).
        var raised = new AnalyzerTest<PromptFootprintAnalyzer>()
            .WithFile("style.md", Style)
            .WithOption("promptlint.repeated_block_min_tokens", "15")
            .WithOption("promptlint.dead_instruction_min_tokens", "6");
        await raised.RunAsync();
    }

    [Fact]
    public async Task PromptDeclaredForGpt4_SentToGpt4o_ReportsPL0020AtTheCallsModel_SameFamilyDoesNot()
    {
        var test = Test("""
            using System;
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;

            [AttributeUsage(AttributeTargets.All)]
            internal sealed class PromptAttribute(string id) : Attribute
            {
                public string? Model { get; set; }
            }

            public class Support(IChatClient client)
            {
                [Prompt("support.triage", Model = "gpt-4")]
                private const string Triage = "Classify the customer's message as billing, shipping, returns or other. Reply with the label only.";

                public Task Mismatch(string q) => client.GetResponseAsync(
                    [new ChatMessage(ChatRole.System, Triage), new ChatMessage(ChatRole.User, q)],
                    new ChatOptions { ModelId = "gpt-4o", MaxOutputTokens = 100 });

                public Task SameFamily(string q) => client.GetResponseAsync(
                    [new ChatMessage(ChatRole.System, Triage), new ChatMessage(ChatRole.User, q)],
                    new ChatOptions { ModelId = "gpt-4-turbo", MaxOutputTokens = 100 });
            }
            """);
        test.ExpectedDiagnostics.Add(At("PL0020", DiagnosticSeverity.Warning, 18, 37, 18, 45));
        await test.RunAsync();
    }

    [Fact]
    public async Task BaselineCountedWithCl100k_PromptNowForGpt4o_ReportsPL0020AtThePromptFile()
    {
        var test = new AnalyzerTest<PromptFootprintAnalyzer>()
            .WithFile("triage.md", "Classify the customer's message as billing, shipping, returns or other.\n")
            .WithFile("promptlint.baseline.json", PromptLint.Core.Baseline.BaselineSerializer.Write(new[]
            {
                new PromptLint.Core.Baseline.BaselineEntry("triage.md", "cl100k_base", 16, 16, 0, "sha256:0"),
            }), "baseline");
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PL0020", DiagnosticSeverity.Warning).WithSpan(Dir + "/triage.md", 1, 1, 1, 72));
        await test.RunAsync();
    }

    [Fact]
    public async Task LongNumbers_ReportPL0016InCodeAndFiles_NumbersFromAHoleDoNot()
    {
        var test = Test("""
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;

            public class Payments(IChatClient client)
            {
                public Task Pasted(string q) => client.GetResponseAsync(
                    [new ChatMessage(ChatRole.System, "Test with card 4111111111111111 and timestamp 1732550400."), new ChatMessage(ChatRole.User, q)],
                    new ChatOptions { MaxOutputTokens = 500 });

                public Task FromAHole(string q, string card, long since) => client.GetResponseAsync(
                    [new ChatMessage(ChatRole.System, $"Test with card {card} and timestamp {since}."), new ChatMessage(ChatRole.User, q)],
                    new ChatOptions { MaxOutputTokens = 500 });
            }
            """)
            .WithFile("orders.md", "Orders 20241125000123 and 20241125000124 are test orders.\n")
            .WithFile("dates.md", "Orders placed on 2024-11-25 ship within 3 days.\n");
        test.ExpectedDiagnostics.Add(At("PL0016", DiagnosticSeverity.Info, 7, 43, 7, 102));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PL0016", DiagnosticSeverity.Info).WithSpan(Dir + "/orders.md", 1, 1, 1, 58));
        await test.RunAsync();
    }

    [Fact]
    public async Task RowOrientedJson_ReportsPL0018InCodeAndFiles_TwoRowsDoNot()
    {
        var test = Test("""
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;

            public class Orders(IChatClient client)
            {
                private const string Examples = "Orders: [{\"orderId\":\"A-1042\",\"customerEmail\":\"ada@example.com\",\"shippingCountry\":\"GB\",\"totalAmount\":129.5,\"status\":\"shipped\"},{\"orderId\":\"A-1043\",\"customerEmail\":\"alan@example.com\",\"shippingCountry\":\"US\",\"totalAmount\":15,\"status\":\"pending\"},{\"orderId\":\"A-1044\",\"customerEmail\":\"grace@example.com\",\"shippingCountry\":\"US\",\"totalAmount\":87.25,\"status\":\"delivered\"}]";

                public Task Ask(string q) => client.GetResponseAsync(
                    [new ChatMessage(ChatRole.System, Examples), new ChatMessage(ChatRole.User, q)],
                    new ChatOptions { MaxOutputTokens = 500 });
            }
            """)
            .WithFile("customers.md", "Customers:\n[{\"id\":1,\"customerName\":\"Ada Lovelace\",\"plan\":\"pro\",\"active\":true},{\"id\":2,\"customerName\":\"Alan Turing\",\"plan\":\"free\",\"active\":false},{\"id\":3,\"customerName\":\"Grace Hopper\",\"plan\":\"team\",\"active\":true},{\"id\":4,\"customerName\":\"Edsger Dijkstra\",\"plan\":\"pro\",\"active\":true}]\n")
            .WithFile("pair.md", "Customers:\n[{\"id\":1,\"customerName\":\"Ada Lovelace\",\"plan\":\"pro\",\"active\":true},{\"id\":2,\"customerName\":\"Alan Turing\",\"plan\":\"free\",\"active\":false}]\n");
        test.ExpectedDiagnostics.Add(At("PL0018", DiagnosticSeverity.Info, 6, 26, 6, 34));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PL0018", DiagnosticSeverity.Info).WithSpan(Dir + "/customers.md", 1, 1, 1, 11));
        await test.RunAsync();
    }

    [Fact]
    public async Task VerboseToolSchema_ReportsPL0017ForWrittenSchemas_StrictAndReconstructedKeywordsDoNot()
    {
        var test = Test("""
            using System;
            using System.ComponentModel;
            using Microsoft.Extensions.AI;
            using OpenAI.Chat;

            public static class Weather
            {
                private const string Verbose = "{\"$schema\":\"http://json-schema.org/draft-07/schema#\",\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\",\"title\":\"City\",\"description\":\"The city.\"},\"unit\":{\"type\":\"string\",\"enum\":[\"c\",\"f\"],\"default\":\"c\"}},\"required\":[\"city\"],\"additionalProperties\":false}";
                private const string Strict = "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"},\"unit\":{\"type\":\"string\",\"enum\":[\"c\",\"f\"]}},\"required\":[\"city\",\"unit\"],\"additionalProperties\":false}";

                public static ChatTool Loose() => ChatTool.CreateFunctionTool("get_weather", "Current weather for a city.", BinaryData.FromString(Verbose));
                public static ChatTool StrictTool() => ChatTool.CreateFunctionTool("get_forecast", "Forecast for a city.", BinaryData.FromString(Strict), functionSchemaIsStrict: true);

                [Description("Current weather for a city.")]
                public static string Lookup(string city, string unit = "c", int days = 1, bool hourly = false) => city;

                public static AITool[] Tools() => [AIFunctionFactory.Create(Lookup)];
            }
            """)
            .WithFile("weather.tools.json", "[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"description\":\"Current weather for a city.\",\"parameters\":{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\",\"title\":\"City\",\"description\":\"The city.\",\"examples\":[\"Paris\",\"Lima\"]},\"unit\":{\"type\":\"string\",\"default\":\"c\"}},\"additionalProperties\":false}}}]")
            .WithFile("forecast.tools.json", "[{\"type\":\"function\",\"function\":{\"name\":\"get_forecast\",\"description\":\"Forecast for a city.\",\"parameters\":{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\",\"description\":\"City name and country, e.g. 'Paris, FR'.\"}},\"required\":[\"city\"]}}}]")
            .WithOption("promptlint.tool_schema_waste_min_tokens", "1");
        test.ExpectedDiagnostics.Add(At("PL0017", DiagnosticSeverity.Info, 11, 39, 11, 144));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PL0017", DiagnosticSeverity.Info).WithSpan(Dir + "/weather.tools.json", 1, 1, 1, 308));
        await test.RunAsync();
    }
}
