
using PromptLint.Contracts.Baseline;

namespace PromptLint.Cli.Tests;

/// <summary>
/// Issue 31 through 'promptlint check': the cost gate (PL0022) on a model swap and a cap raise with no token change, an
/// old-format baseline migrated by --update-baseline, and money per month with --traffic / --monthly-budget (PL0023).
/// </summary>
public sealed class CostGateTests
{
    private static string Triage(string model, int maxTokens) => $"""
        ---
        name: Triage
        model:
          api: chat
          configuration:
            type: azure_openai
            azure_deployment: {model}
          parameters:
            max_tokens: {maxTokens}
        ---
        system:
        You are the support triage assistant for Contoso. Classify each ticket into exactly one of:
        billing, outage, account, feature-request, other. Answer with the category name only.

        user:
        {"{{"}ticket{"}}"}
        """;

    private static Fixture Accepted(string model = "gpt-4o-mini", int maxTokens = 256)
    {
        var f = new Fixture();
        f.Write("Prompts/triage.prompty", Triage(model, maxTokens));
        Assert.Equal(0, f.Run("check", "--update-baseline").Exit);
        return f;
    }

    [Fact]
    public void UpdateBaseline_RecordsModelAndCap()
    {
        using var f = Accepted();

        var entry = BaselineSerializer.Parse(f.Read("promptlint.baseline.json")).Entries["Prompts/triage.prompty"];

        Assert.Equal("gpt-4o-mini", entry.Model);
        Assert.Equal(256, entry.OutputCap);
    }

    [Fact]
    public void ModelSwap_WithNoTokenChange_FailsWithPL0022NamingBothPrices()
    {
        using var f = Accepted();
        f.Write("Prompts/triage.prompty", Triage("gpt-4o", 256));

        var (exit, output, _) = f.Run("check");

        Assert.Equal(1, exit);
        Assert.DoesNotContain("PL0001", output);
        Assert.Contains("error PL0022: Prompt 'Prompts/triage.prompty' costs ×16.7 per call", output);
        Assert.Contains("model gpt-4o-mini → gpt-4o: input $0.15 → $2.50 per 1M tokens", output);
        Assert.Contains("promptlint check --update-baseline", output);
    }

    [Fact]
    public void CapRaise_WithNoTokenChange_FailsWithPL0022NamingTheCaps()
    {
        using var f = Accepted();
        f.Write("Prompts/triage.prompty", Triage("gpt-4o-mini", 4096));

        var (exit, output, _) = f.Run("check");

        Assert.Equal(1, exit);
        Assert.Contains("output cap 256 → 4,096 tokens", output);
    }

    [Fact]
    public void AcceptingTheSwap_WritesTheNewModel_AndPasses()
    {
        using var f = Accepted();
        f.Write("Prompts/triage.prompty", Triage("gpt-4o", 256));

        Assert.Equal(0, f.Run("check", "--update-baseline").Exit);

        Assert.Equal("gpt-4o", BaselineSerializer.Parse(f.Read("promptlint.baseline.json")).Entries["Prompts/triage.prompty"].Model);
        Assert.Equal(0, f.Run("check").Exit);
    }

    [Fact]
    public void OldFormatBaseline_DoesNotGateCost_AndIsMigratedByTheNextUpdate()
    {
        using var f = Accepted();
        var current = BaselineSerializer.Parse(f.Read("promptlint.baseline.json")).Entries["Prompts/triage.prompty"];
        var old = BaselineSerializer.Write(new[] { new BaselineEntry(current.Id, current.Tokenizer, current.StaticTokens, current.StaticPrefixTokens, current.ToolSchemaTokens, current.ContentHash) });
        f.Write("promptlint.baseline.json", old);
        Assert.DoesNotContain("\"model\"", old);
        f.Write("Prompts/triage.prompty", Triage("gpt-4o", 256));

        Assert.Equal(0, f.Run("check").Exit);
        Assert.Equal(0, f.Run("check", "--update-baseline").Exit);

        var migrated = f.Read("promptlint.baseline.json");
        Assert.Contains("\"model\":\"gpt-4o\"", migrated);
        Assert.Contains("\"outputCap\":256", migrated);
    }

    [Fact]
    public void Traffic_MarkdownLeadsWithTheMonthlyDelta_AndTheBudgetFails()
    {
        using var f = Accepted();
        f.Write("Prompts/triage.prompty", Triage("gpt-4o", 256));
        f.Write("traffic.json", """{ "source": "hand-written", "prompts": [ { "id": "Prompts/triage.prompty", "callsPerDay": 1000 } ] }""");

        var (exit, output, error) = f.Run("check", "--format", "markdown", "--traffic", "traffic.json", "--monthly-budget", "10", "--severity", "PL0022=warning");

        Assert.Equal(1, exit);
        var lines = output.Split('\n');
        Assert.StartsWith("**❌ +$", lines[2]);
        Assert.Contains("/month at assumed traffic (hand-written); 1 prompt; largest: `Prompts/triage.prompty`", lines[2]);
        Assert.StartsWith("FAIL: +$", lines[4]);
        Assert.Contains("error PL0023: FAIL", error);
    }

    [Fact]
    public void Traffic_UnderTheBudget_Passes()
    {
        using var f = Accepted();
        f.Write("Prompts/triage.prompty", Triage("gpt-4o", 256));
        f.Write("traffic.json", """{ "defaultCallsPerDay": 1 }""");

        var (exit, _, error) = f.Run("check", "--traffic", "traffic.json", "--monthly-budget", "1000", "--severity", "PL0022=warning");

        Assert.Equal(0, exit);
        Assert.Contains("info PL0023: PASS", error);
    }

    [Fact]
    public void UnusableTrafficFile_IsBadInput_NamingTheFileAndLine()
    {
        using var f = Accepted();
        f.Write("traffic.json", "{\n  \"prompts\": [\n    oops\n  ]\n}\n");

        var (exit, _, error) = f.Run("check", "--traffic", "traffic.json");

        Assert.Equal(2, exit);
        Assert.Matches(@"traffic\.json:\d+: error PL0023: ", error);
    }

    [Fact]
    public void MissingTrafficFile_IsBadInput()
    {
        using var f = Accepted();

        var (exit, _, error) = f.Run("check", "--traffic", "nowhere.json");

        Assert.Equal(2, exit);
        Assert.Contains("--traffic: nowhere.json does not exist", error);
    }
}
