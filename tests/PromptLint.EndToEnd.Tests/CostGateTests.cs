using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace PromptLint.EndToEnd.Tests;

/// <summary>
/// Issue 31 through the packed package and plain 'dotnet build': the cost gate (PL0022) on a model swap, a cap raise
/// and added tools with the prompt's text unchanged; money per month in report.md from a hand-written traffic file,
/// to the cent, failing on PromptLintMonthlyBudget (PL0023); and an old-format baseline migrated by the next update.
/// </summary>
[Collection(PackageCollection.Name)]
[Trait("Category", PackageCollection.Category)]
public sealed class CostGateTests
{
    private const string ToolOne = """{"type":"function","function":{"name":"lookup_order","description":"Looks up an order by its number.","parameters":{"type":"object","properties":{"order":{"type":"string"}},"required":["order"]}}}""";
    private const string ToolTwo = """{"type":"function","function":{"name":"refund_order","description":"Refunds an order in full and emails the customer a receipt.","parameters":{"type":"object","properties":{"order":{"type":"string"},"reason":{"type":"string"}},"required":["order","reason"]}}}""";
    private const string ToolThree = """{"type":"function","function":{"name":"escalate","description":"Hands the ticket to the on-call engineer with a one-line summary.","parameters":{"type":"object","properties":{"summary":{"type":"string"}},"required":["summary"]}}}""";

    private readonly PackageFeed _feed;

    public CostGateTests(PackageFeed feed) => _feed = feed;

    private static string Triage(string model, int maxTokens) => $$$"""
        ---
        name: Triage
        model:
          api: chat
          configuration:
            type: azure_openai
            azure_deployment: {{{model}}}
          parameters:
            max_tokens: {{{maxTokens}}}
        ---
        system:
        You are the support triage assistant for Contoso. Classify each ticket into exactly one of:
        billing, outage, account, feature-request, other. Answer with the category name only.

        user:
        {{ticket}}
        """;

    private static string Tools(params string[] tools) => "[\n  " + string.Join(",\n  ", tools) + "\n]\n";

    private Consumer Accepted()
    {
        var consumer = _feed.NewConsumer("Contoso.Money");
        consumer.Write("Prompts/triage.prompty", Triage("gpt-4o-mini", 256));
        consumer.Write("Tools/support.tools.json", Tools(ToolOne));
        var accept = consumer.Build("PromptLintUpdateBaseline=true");
        Assert.True(accept.ExitCode == 0, accept.ToString());
        return consumer;
    }

    [Fact]
    public void ModelSwap_CapRaise_AndAddedTools_EachFailTheCostGate_WithThePromptTextUnchanged()
    {
        var consumer = Accepted();
        var baseline = consumer.Read("promptlint.baseline.json");
        Assert.Contains("{\"id\":\"Prompts/triage.prompty\",\"tokenizer\":\"o200k_base\",\"model\":\"gpt-4o-mini\",", baseline);
        Assert.Contains("\"outputCap\":256,", baseline);

        // 1. Model swap: same tokenizer, same tokens, 16.7 times the price per call.
        consumer.Write("Prompts/triage.prompty", Triage("gpt-4o", 256));
        var swap = consumer.Build();
        Assert.NotEqual(0, swap.ExitCode);
        Assert.Empty(Consumer.Diagnostics(swap, "PL0001"));
        var swapped = Assert.Single(Consumer.Diagnostics(swap, "PL0022"));
        Assert.Equal("error", swapped.Groups["severity"].Value);
        Assert.EndsWith(Path.Combine("Prompts", "triage.prompty"), swapped.Groups["file"].Value);
        Assert.Contains("costs ×16.7 per call", swapped.Groups["message"].Value);
        Assert.Contains("model gpt-4o-mini → gpt-4o: input $0.15 → $2.50 per 1M tokens", swapped.Groups["message"].Value);
        Assert.Contains("dotnet build -p:PromptLintUpdateBaseline=true", swapped.Groups["message"].Value);

        // 2. Cap raise: 256 → 4,096 output tokens at the worst case.
        consumer.Write("Prompts/triage.prompty", Triage("gpt-4o-mini", 4096));
        var cap = consumer.Build();
        Assert.NotEqual(0, cap.ExitCode);
        Assert.Empty(Consumer.Diagnostics(cap, "PL0001"));
        Assert.Contains("output cap 256 → 4,096 tokens", Assert.Single(Consumer.Diagnostics(cap, "PL0022")).Groups["message"].Value);

        // 3. Added tools: the triage prompt as accepted, two tools more in the tool list.
        consumer.Write("Prompts/triage.prompty", Triage("gpt-4o-mini", 256));
        consumer.Write("Tools/support.tools.json", Tools(ToolOne, ToolTwo, ToolThree));
        var tools = consumer.Build();
        Assert.NotEqual(0, tools.ExitCode);
        var added = Assert.Single(Consumer.Diagnostics(tools, "PL0022"));
        Assert.EndsWith(Path.Combine("Tools", "support.tools.json"), added.Groups["file"].Value);
        Assert.Matches(@"tool schemas \d+ → \d+ tokens", added.Groups["message"].Value);
        Assert.DoesNotContain(Consumer.Diagnostics(tools, "PL0022"), d => d.Groups["file"].Value.EndsWith("triage.prompty", StringComparison.Ordinal));
    }

    [Fact]
    public void HandWrittenTraffic_ReportLeadsWithTheMonthlyDelta_ToTheCent_AndTheBudgetFails()
    {
        var consumer = Accepted();
        consumer.Write("Prompts/triage.prompty", Triage("gpt-4o", 256));
        consumer.Write(".globalconfig", "is_global = true\ndotnet_diagnostic.PL0022.severity = warning\n");
        consumer.Write("traffic.json", """
            {
              "schema": "promptlint.traffic/1",
              "source": "hand-written: launch estimate",
              "prompts": [
                {"id":"Prompts/triage.prompty","callsPerDay":1234}
              ]
            }
            """);

        var build = consumer.Build("PromptLintTrafficFile=traffic.json", "PromptLintMonthlyBudget=50");

        Assert.NotEqual(0, build.ExitCode);
        Assert.Matches(new Regex(@"error PL0023: The prompts' cost change adds \+\$[\d,]+\.\d\d a month at the assumed traffic, over the monthly budget of \$50\.00"), build.Output);

        // calls per day × 30 × per-call delta, from the catalogue's prices and the report's token counts, to the cent.
        var prompt = JsonDocument.Parse(File.ReadAllText(consumer.ReportPath)).RootElement.GetProperty("prompts").EnumerateArray().Single(p => p.GetProperty("id").GetString() == "Prompts/triage.prompty");
        var tokens = prompt.GetProperty("staticTokens").GetInt32();
        Assert.True(prompt.GetProperty("staticPrefixTokens").GetInt32() < 1024); // under OpenAI's cache minimum: every token at the input price
        var (miniIn, miniOut) = Price("gpt-4o-mini");
        var (fullIn, fullOut) = Price("gpt-4o");
        var perCallDelta = (tokens * (fullIn - miniIn) + 256 * (fullOut - miniOut)) / 1_000_000m;
        var monthly = decimal.Round(1234m * 30m * perCallDelta, 2, MidpointRounding.AwayFromZero);
        var expected = "+$" + monthly.ToString("N2", CultureInfo.InvariantCulture);

        var markdown = File.ReadAllText(Path.Combine(consumer.Directory, "obj", "promptlint", "report.md"));
        var lines = markdown.Split('\n');
        Assert.Equal("## PromptLint footprint: Contoso.Money", lines[0]);
        Assert.Equal($"**❌ {expected}/month at assumed traffic (hand-written: launch estimate); 1 prompt; largest: `Prompts/triage.prompty` {expected}, model swap**", lines[2]);
        Assert.Equal($"FAIL: {expected}/month is over the monthly budget of $50.00", lines[4]);
        Assert.Contains($"| 1,234 | {expected} |", markdown);
        File.WriteAllText(Path.Combine(Path.GetTempPath(), "promptlint-issue31-report.md"), markdown);

        // A budget the delta fits in (but over 80% of it) warns and passes.
        var warn = consumer.Build("PromptLintTrafficFile=traffic.json", "PromptLintMonthlyBudget=" + (monthly * 1.1m).ToString("0.00", CultureInfo.InvariantCulture));
        Assert.True(warn.ExitCode == 0, warn.ToString());
        Assert.Contains("warning PL0023:", warn.Output);
    }

    [Fact]
    public void OldFormatBaseline_StillGatesTokens_NotCost_AndTheNextUpdateMigratesIt()
    {
        var consumer = Accepted();
        var current = consumer.Read("promptlint.baseline.json");
        var old = Regex.Replace(Regex.Replace(current, "\"model\":\"[^\"]*\",", string.Empty), "\"outputCap\":(\\d+|null),", string.Empty);
        Assert.DoesNotContain("\"model\"", old);
        consumer.Write("promptlint.baseline.json", old);
        consumer.Write("Prompts/triage.prompty", Triage("gpt-4o", 256));

        var build = consumer.Build();
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Empty(Consumer.Diagnostics(build, "PL0022"));
        var plain = File.ReadAllText(Path.Combine(consumer.Directory, "obj", "promptlint", "report.md"));
        Assert.DoesNotContain("$/call", plain); // no traffic file, no budget: no money section

        // With money asked for, the report says what it assumed for the entry of the first format.
        var priced = consumer.Build("PromptLintMonthlyBudget=1000");
        Assert.True(priced.ExitCode == 0, priced.ToString());
        Assert.Contains("baseline entry has no model or cap yet: assumed as now", File.ReadAllText(Path.Combine(consumer.Directory, "obj", "promptlint", "report.md")));

        var update = consumer.Build("PromptLintUpdateBaseline=true");
        Assert.True(update.ExitCode == 0, update.ToString());
        var migrated = consumer.Read("promptlint.baseline.json");
        Assert.Contains("\"model\":\"gpt-4o\"", migrated);
        Assert.Contains("\"outputCap\":256,", migrated);
        Assert.Equal(current.Replace("gpt-4o-mini", "gpt-4o"), migrated);
    }

    [Fact]
    public void ToolAddedToACSharpCall_FailsTheCostGate_WithTheMessagesUnchanged()
    {
        // The tools a call offers through ChatOptions.Tools are sent with every call: one more is a cost change even
        // though no message text changed (the call's static tokens include its tools, so the token gate may speak too).
        static string Support(string tools) => $$"""
            using System.ComponentModel;
            using Microsoft.Extensions.AI;

            public static class Support
            {
                public static Task<ChatResponse> AskAsync(IChatClient client, string question)
                    => client.GetResponseAsync(
                        [new ChatMessage(ChatRole.System, "You answer questions about Contoso orders. Quote the order number and keep it brief."), new ChatMessage(ChatRole.User, question)],
                        new ChatOptions { ModelId = "gpt-4o-mini", MaxOutputTokens = 256, Tools = [{{tools}}] });

                [Description("Looks up an order by its number.")]
                public static string Lookup([Description("The order number")] string orderNumber) => orderNumber;

                [Description("Refunds an order in full and emails the customer a receipt.")]
                public static string Refund([Description("The order number")] string orderNumber, [Description("Why the customer wants the refund")] string reason) => orderNumber;
            }
            """;
        var consumer = _feed.NewConsumer("Contoso.CallTools");
        consumer.SetProject("net10.0", "<ImplicitUsings>enable</ImplicitUsings>", """<PackageReference Include="Microsoft.Extensions.AI.Abstractions" Version="10.11.0" />""");
        consumer.Write("Support.cs", Support("AIFunctionFactory.Create(Lookup)"));
        var accept = consumer.Build("PromptLintUpdateBaseline=true");
        Assert.True(accept.ExitCode == 0, accept.ToString());
        Assert.Contains("\"id\":\"Support.AskAsync", consumer.Read("promptlint.baseline.json"));

        consumer.Write("Support.cs", Support("AIFunctionFactory.Create(Lookup), AIFunctionFactory.Create(Refund)"));
        var added = consumer.Build();
        Assert.NotEqual(0, added.ExitCode);
        var gate = Assert.Single(Consumer.Diagnostics(added, "PL0022"));
        Assert.EndsWith("Support.cs", gate.Groups["file"].Value);
        Assert.Matches(@"tool schemas \d+ → \d+ tokens", gate.Groups["message"].Value);
    }

    // The shipped catalogue's list prices (USD per 1M tokens), read from the repository's data file, not through PromptLint.
    private (decimal Input, decimal Output) Price(string model)
    {
        using var data = JsonDocument.Parse(File.ReadAllText(Path.Combine(_feed.RepoRoot, "src", "PromptLint.Contracts", "Pricing", "Data", "models.json")));
        var entry = data.RootElement.GetProperty("models").EnumerateArray().Single(m => m.GetProperty("id").GetString() == model);
        return (entry.GetProperty("input").GetDecimal(), entry.GetProperty("output").GetDecimal());
    }
}
