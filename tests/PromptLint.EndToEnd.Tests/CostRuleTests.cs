using System.Text.RegularExpressions;

namespace PromptLint.EndToEnd.Tests;

/// <summary>The cost rules through the packed package, on code and files written the way teams write them.</summary>
[Collection(PackageCollection.Name)]
[Trait("Category", PackageCollection.Category)]
public sealed class CostRuleTests
{
    private readonly PackageFeed _feed;

    public CostRuleTests(PackageFeed feed) => _feed = feed;

    private static readonly string Policy = string.Concat(Enumerable.Repeat("Follow the refund policy exactly and cite the section of every rule you apply. ", 80));

    [Fact]
    public void UncappedCallsAndFiles_AndATimestampedPrefix_AreReportedExactlyWhereTheyAre()
    {
        var consumer = _feed.NewConsumer("Contoso.Costs");
        consumer.SetProject(
            "net10.0",
            "<ImplicitUsings>enable</ImplicitUsings><NoWarn>$(NoWarn);OPENAI001</NoWarn>",
            """<PackageReference Include="Microsoft.Extensions.AI.Abstractions" Version="10.11.0" /><PackageReference Include="OpenAI" Version="2.15.0" />""");
        consumer.Write("Assistant.cs", $$"""
            using Microsoft.Extensions.AI;
            using OpenAI.Chat;
            using AiMessage = Microsoft.Extensions.AI.ChatMessage;

            namespace Contoso.Costs;

            public sealed class Assistant(IChatClient client, ChatClient chat)
            {
                private const string LargeConstPolicy = "{{Policy}}";

                public Task<ChatResponse> Uncapped(string q) => client.GetResponseAsync(q);

                public Task<ChatResponse> Capped(string q) => client.GetResponseAsync(q, new ChatOptions { MaxOutputTokens = 300 });

                public ChatCompletion UncappedOpenAi(string q) => chat.CompleteChat(new SystemChatMessage("Classify the text."), new UserChatMessage(q));

                public ChatCompletion CappedOpenAi(string q) => chat.CompleteChat([new SystemChatMessage("Classify the text."), new UserChatMessage(q)], new ChatCompletionOptions { MaxOutputTokenCount = 5 });

                public Task<ChatResponse> Timestamped(string q) => client.GetResponseAsync(
                    [new AiMessage(ChatRole.System, $"Current time: {DateTime.UtcNow:O}. " + LargeConstPolicy), new AiMessage(ChatRole.User, q)],
                    new ChatOptions { MaxOutputTokens = 400 });

                public Task<ChatResponse> CacheFriendly(string q) => client.GetResponseAsync(
                    [new AiMessage(ChatRole.System, LargeConstPolicy), new AiMessage(ChatRole.User, $"{q} (asked at {DateTime.UtcNow:O})")],
                    new ChatOptions { MaxOutputTokens = 400 });
            }
            """);
        consumer.Write("Prompts/uncapped.prompty", "---\nname: Uncapped\nmodel:\n  configuration:\n    type: openai\n    name: gpt-4o-mini\n---\nsystem:\nSummarize the ticket.\n\nuser:\n{{ticket}}\n");
        consumer.Write("Prompts/capped.prompty", "---\nname: Capped\nmodel:\n  configuration:\n    type: openai\n    name: gpt-4o-mini\n  parameters:\n    max_tokens: 150\n---\nsystem:\nSummarize the ticket.\n\nuser:\n{{ticket}}\n");
        consumer.Write("Prompts/story.yaml", "name: Story\ntemplate: |\n  Tell a story about {{$topic}}.\ntemplate_format: semantic-kernel\n");
        consumer.Write("Prompts/capped-story.yaml", "name: Story\ntemplate: |\n  Tell a story about {{$topic}}.\nexecution_settings:\n  default:\n    max_tokens: 300\n");

        var result = consumer.Build();
        Assert.True(result.ExitCode == 0, result.ToString());

        string Where(Match m) => Path.GetFileName(m.Groups["file"].Value) + ":" + m.Groups["line"].Value;
        var capped = Consumer.Diagnostics(result, "PL0003").Select(Where).OrderBy(x => x, StringComparer.Ordinal).ToList();
        Assert.Equal(new[] { "Assistant.cs:11", "Assistant.cs:15", "story.yaml:1", "uncapped.prompty:1" }, capped);
        Assert.Equal(new[] { "Assistant.cs:20" }, Consumer.Diagnostics(result, "PL0004").Select(Where));
        Assert.Equal(new[] { "Assistant.cs:20" }, Consumer.Diagnostics(result, "PL0005").Select(Where));
        Assert.Contains("per 1K calls", Consumer.Diagnostics(result, "PL0004").Single().Groups["message"].Value);
        Assert.DoesNotMatch(new Regex(@": (warning|error) PL000[6-9]"), result.Output);
    }

    [Fact]
    public void PastedTypography_IsReportedWhereATeamRaisedItsSeverity_AndTheReportStatesTheSaving()
    {
        var consumer = _feed.NewConsumer("Contoso.Typography");
        consumer.SetProject(
            "net10.0",
            "<ImplicitUsings>enable</ImplicitUsings>",
            """<PackageReference Include="Microsoft.Extensions.AI.Abstractions" Version="10.11.0" />""");
        consumer.Write("Assistant.cs", """
            using Microsoft.Extensions.AI;

            namespace Contoso.Typography;

            public sealed class Assistant(IChatClient client)
            {
                public Task<ChatResponse> Ask(string q) => client.GetResponseAsync(
                    [new ChatMessage(ChatRole.System, "You are \u201CContoso\u00A0Support\u201D\u200B. Don\u2019t guess\u2026"), new ChatMessage(ChatRole.User, q)],
                    new ChatOptions { MaxOutputTokens = 300 });

                public Task<ChatResponse> Plain(string q) => client.GetResponseAsync(
                    [new ChatMessage(ChatRole.System, "You are \"Contoso Support\". Don't guess..."), new ChatMessage(ChatRole.User, q)],
                    new ChatOptions { MaxOutputTokens = 300 });
            }
            """);
        consumer.Write("Prompts/tone.md", "Answer in one paragraph\u00A0\u00A0\u2026 no \u201Cmarketing\u201D words.\n");
        consumer.Write(".globalconfig", "is_global = true\ndotnet_diagnostic.PL0010.severity = warning\n");

        var result = consumer.Build();
        Assert.True(result.ExitCode == 0, result.ToString());

        var found = Consumer.Diagnostics(result, "PL0010").Select(m => Path.GetFileName(m.Groups["file"].Value) + ":" + m.Groups["line"].Value).OrderBy(x => x, StringComparer.Ordinal);
        Assert.Equal(new[] { "Assistant.cs:8", "tone.md:1" }, found);

        using var report = System.Text.Json.JsonDocument.Parse(File.ReadAllText(consumer.ReportPath));
        var saved = report.RootElement.GetProperty("diagnostics").EnumerateArray()
            .Where(d => d.GetProperty("id").GetString() == "PL0010")
            .ToDictionary(d => d.GetProperty("promptId").GetString()!, d => d.GetProperty("tokensSaved").GetInt32());
        Assert.Equal(3, saved["Contoso.Typography.Assistant.Ask#1"]);
        Assert.Equal(1, saved["Prompts/tone.md"]);

        var markdown = File.ReadAllText(Path.Combine(consumer.Directory, "obj", "promptlint", "report.md"));
        Assert.Contains("2 findings state a saving", markdown);
        Assert.Contains("| PL0010 | `Contoso.Typography.Assistant.Ask#1` | `Assistant.cs:8` | 3 | $0.0075 |", markdown);
    }

    [Fact]
    public void TokenWasteRulesAndAnEncoderMismatch_ReachTheBuildOutputAndTheReport()
    {
        var consumer = _feed.NewConsumer("Contoso.Waste");
        consumer.SetProject(
            "net10.0",
            "<ImplicitUsings>enable</ImplicitUsings>",
            """<PackageReference Include="Microsoft.Extensions.AI.Abstractions" Version="10.11.0" />""");
        consumer.Write("Assistant.cs", """
            using Microsoft.Extensions.AI;

            namespace Contoso.Waste;

            public sealed class Assistant(IChatClient client)
            {
                [PromptLint.Prompt("support.triage", Model = "gpt-4")]
                private const string Triage = "Classify the customer's message as billing, shipping, returns or other. Reply with the label only.";

                public Task<ChatResponse> Classify(string q) => client.GetResponseAsync(
                    [new ChatMessage(ChatRole.System, Triage), new ChatMessage(ChatRole.User, q)],
                    new ChatOptions { ModelId = "gpt-4o", MaxOutputTokens = 20 });
            }
            """);
        consumer.Write("Prompts/support.md", """
            You answer questions about Contoso invoices for the billing team.

            Always answer in English, even when the customer writes in another language.

            Always use bullet points for the list of charges.
            Escalate disputes to the finance desk at +1 4255550199 and quote account 7300012345678901.

            Known plans:
            [{"plan":"basic","seats":5,"monthly_price_usd":10},{"plan":"team","seats":25,"monthly_price_usd":45},{"plan":"business","seats":100,"monthly_price_usd":160},{"plan":"enterprise","seats":1000,"monthly_price_usd":1400}]

            Never use bullet points; answer in one short paragraph.

            Always answer in English, even when the customer writes in another language.

            Question: {{question}}
            Current date: 2024-05-13. Our logo: data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==
            """);
        consumer.Write("Tools/crm.tools.json", """
            [{"type":"function","function":{"name":"find_customer","description":"Finds a customer by email.","parameters":{"$schema":"http://json-schema.org/draft-07/schema#","type":"object","title":"find_customer","additionalProperties":false,"properties":{"email":{"type":"string","description":"The email","default":"someone@example.com","examples":["ada@contoso.com","bob@contoso.com"]},"limit":{"type":"integer","description":"The limit","default":10}},"required":["email"]}}}]
            """);
        consumer.Write(".globalconfig", "is_global = true\n" + string.Concat(new[] { "PL0014", "PL0015", "PL0016", "PL0017", "PL0018", "PL0019" }.Select(id => $"dotnet_diagnostic.{id}.severity = warning\n")));

        var result = consumer.Build();
        Assert.True(result.ExitCode == 0, result.ToString());

        string Where(string id) => string.Join(" ", Consumer.Diagnostics(result, id).Select(m => Path.GetFileName(m.Groups["file"].Value) + ":" + m.Groups["line"].Value).Distinct().OrderBy(x => x, StringComparer.Ordinal));
        // Each finding at the line of the text it is about (issue 15): the repeated sentence, the long numbers, the JSON rows, the instruction a later one contradicts.
        Assert.Equal("support.md:13", Where("PL0015"));
        Assert.Equal("support.md:6", Where("PL0016"));
        Assert.Equal("crm.tools.json:1", Where("PL0017"));
        Assert.Equal("support.md:9", Where("PL0018"));
        Assert.Equal("support.md:5", Where("PL0019"));
        Assert.Equal("Assistant.cs:12", Where("PL0020"));
        // Issue 15's new detections through the packed package: a current date written into the text, a data: URI.
        Assert.Equal("support.md:16", Where("PL0005"));
        Assert.Equal("support.md:16", Where("PL0014"));
        Assert.Contains("(data: URI)", Consumer.Diagnostics(result, "PL0014").First().Groups["message"].Value);

        using var report = System.Text.Json.JsonDocument.Parse(File.ReadAllText(consumer.ReportPath));
        var saved = report.RootElement.GetProperty("diagnostics").EnumerateArray()
            .Where(d => d.TryGetProperty("tokensSaved", out _))
            .Select(d => d.GetProperty("id").GetString()!)
            .ToHashSet(StringComparer.Ordinal);
        Assert.Superset(new HashSet<string> { "PL0015", "PL0016", "PL0017", "PL0018", "PL0019" }, saved);
    }
}
