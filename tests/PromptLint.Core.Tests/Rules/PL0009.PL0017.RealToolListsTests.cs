using PromptLint.Core.Engine;
using PromptLint.Core.Model;
using PromptLint.Core.Rules;
using static PromptLint.Core.Tests.Rules.CostRulesTest;

namespace PromptLint.Core.Tests.Rules;

/// <summary>
/// PL0017 and PL0009 on the shapes of real tool lists (issue 29): a 'pattern' that restates its 'format', bounds at the
/// integer limit written by schema generators, a default that is the only place its value is written, and a tool
/// catalogue served on demand. Schemas written for the test.
/// </summary>
public sealed class RealToolListsTests
{
    private static readonly SourceLocation At = new("tools.json", 1, 1);

    private const string UuidPattern = "^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12})$";

    private static PromptTemplate Tools(params ToolDefinition[] tools)
        => new("tools.json", At, PromptRole.ToolSchema, Array.Empty<PromptMessage>(), tools);

    private static ToolDefinition Tool(string name, string parameters, string description = "Does one thing.", string extra = "")
        => new(name, $"{{\"type\":\"function\",\"function\":{{\"name\":\"{name}\",\"description\":\"{description}\",\"parameters\":{parameters}}}{extra}}}", At);

    private static string IdProperties(string idSchema)
        => "{\"type\":\"object\",\"properties\":{" + string.Join(",", Enumerable.Range(1, 4).Select(n => $"\"id{n}\":{idSchema}")) + "}}";

    [Fact]
    public void UuidPatternBesideFormatUuid_IsReportedAsRestatingTheFormat()
    {
        var escaped = UuidPattern.Replace("\\", "\\\\");
        var findings = Evaluate(Tools(Tool("get_items", IdProperties($"{{\"type\":\"string\",\"format\":\"uuid\",\"pattern\":\"{escaped}\"}}")))).Where(f => f.RuleId == "PL0017").ToList();

        var finding = Assert.Single(findings);
        Assert.Contains("'pattern' ×4 restating their 'format'", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PatternThatNarrowsTheFormatOrHasNoFormat_IsNotReported()
    {
        var narrowing = IdProperties("{\"type\":\"string\",\"format\":\"uri\",\"pattern\":\"^https://contoso\\\\.com/.*$\"}");
        var alone = IdProperties("{\"type\":\"string\",\"pattern\":\"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$\"}");

        Assert.DoesNotContain(Evaluate(Tools(Tool("a", narrowing), Tool("b", alone))), f => f.RuleId == "PL0017");
    }

    [Fact]
    public void BoundsAtTheIntegerLimit_AreReported()
    {
        var limits = IdProperties("{\"type\":\"integer\",\"minimum\":-9007199254740991,\"maximum\":9007199254740991}");
        var real = IdProperties("{\"type\":\"integer\",\"minimum\":1,\"maximum\":500}");

        var finding = Assert.Single(Evaluate(Tools(Tool("page", limits))), f => f.RuleId == "PL0017");
        Assert.Contains("8 bounds at the integer limit", finding.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Evaluate(Tools(Tool("page", real))), f => f.RuleId == "PL0017");
    }

    [Fact]
    public void DefaultThatIsTheOnlyPlaceItsValueIsWritten_IsNotReported()
    {
        static string Limits(string description) => "{\"type\":\"object\",\"properties\":{" + string.Join(",", Enumerable.Range(1, 6).Select(n => $"\"limit{n}\":{{\"type\":\"integer\",\"description\":\"{string.Format(System.Globalization.CultureInfo.InvariantCulture, description, n)}\",\"default\":30}}")) + "}}";

        Assert.DoesNotContain(Evaluate(Tools(Tool("search", Limits("How many results of source {0} to return.")))), f => f.RuleId == "PL0017");
        Assert.Single(Evaluate(Tools(Tool("search", Limits("How many results of source {0} to return; 30 when omitted.")))), f => f.RuleId == "PL0017");
    }

    [Fact]
    public void ToolCatalogueServedOnDemand_HasNoBudgetForTheWholeList()
    {
        var tools = Enumerable.Range(1, 12).Select(n => Tool($"tool_{n}", "{\"type\":\"object\",\"properties\":{\"query\":{\"type\":\"string\",\"description\":\"What to look for in the records of the system.\"}}}", "Finds records of one kind and returns them with their fields.")).ToArray();
        var budget = new RuleSettings { { ToolSchemaFootprintRule.ToolSchemaBudget, 300 } };

        Assert.Contains(Evaluate(Tools(tools), budget), f => f.RuleId == "PL0009");
        Assert.DoesNotContain(Evaluate(Tools(tools), new RuleSettings { { ToolSchemaFootprintRule.ToolSchemaBudget, 300 }, { ToolSchemaFootprintRule.ToolsSent, true } }), f => f.RuleId == "PL0009");
    }

    [Fact]
    public void ToolsMarkedDeferLoading_DoNotCountTowardTheBudget()
    {
        var parameters = "{\"type\":\"object\",\"properties\":{\"query\":{\"type\":\"string\"}}}";
        var sent = Enumerable.Range(1, 2).Select(n => Tool($"core_{n}", parameters));
        var deferred = Enumerable.Range(1, 12).Select(n => Tool($"extra_{n}", parameters, "Finds records of one kind and returns them with their fields.", ",\"defer_loading\":true"));
        var budget = new RuleSettings { { ToolSchemaFootprintRule.ToolSchemaBudget, 300 } };

        Assert.DoesNotContain(Evaluate(Tools(sent.Concat(deferred).ToArray()), budget), f => f.RuleId == "PL0009");
        Assert.Contains(Evaluate(Tools(sent.Concat(deferred.Select(d => new ToolDefinition(d.Name, d.WireJson.Replace(",\"defer_loading\":true", string.Empty), At))).ToArray()), budget), f => f.RuleId == "PL0009");
    }
}
