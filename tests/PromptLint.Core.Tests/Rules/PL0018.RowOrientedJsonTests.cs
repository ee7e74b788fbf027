using PromptLint.Contracts.Pricing;
using PromptLint.Core.Engine;
using PromptLint.Core.Model;
using PromptLint.Core.Rules;
using SharpToken;

namespace PromptLint.Core.Tests.Rules;

public class RowOrientedJsonTests
{
    private static readonly GptEncoding O200k = StaticTextRule.O200k;

    private const string Customers = """[{"id":1,"customerName":"Ada Lovelace","plan":"pro","active":true},{"id":2,"customerName":"Alan Turing","plan":"free","active":false},{"id":3,"customerName":"Grace Hopper","plan":"team","active":true},{"id":4,"customerName":"Edsger Dijkstra","plan":"pro","active":true},{"id":5,"customerName":"Barbara Liskov","plan":"free","active":false}]""";

    // Written by hand: what the table form must be, independently of the rule's code.
    private const string CustomersTable = "id|customerName|plan|active\n1|\"Ada Lovelace\"|\"pro\"|true\n2|\"Alan Turing\"|\"free\"|false\n3|\"Grace Hopper\"|\"team\"|true\n4|\"Edsger Dijkstra\"|\"pro\"|true\n5|\"Barbara Liskov\"|\"free\"|false";

    private static IReadOnlyList<RuleFinding> Evaluate(RuleSettings? settings, params PromptSegment[] segments) => StaticTextRule.Findings("PL0018", settings, segments);

    [Fact]
    public void ArrayOfObjectsWithTheSameKeys_IsReportedWithWhatTheTableSaves()
    {
        var text = $"Known customers:\n{Customers}\nAnswer questions about them.";
        var array = Assert.Single(RowOrientedJson.Arrays(text));
        Assert.Equal(new[] { "id", "customerName", "plan", "active" }, array.Keys);
        Assert.Equal(5, array.Rows);
        Assert.Equal(Customers, array.Minified);
        Assert.Equal(CustomersTable, array.Table);

        var finding = Assert.Single(Evaluate(null, PromptSegment.Static(text)));

        var saved = O200k.CountTokens(Customers) - O200k.CountTokens(CustomersTable);
        Assert.Equal(34, saved); // the figure docs/rules/PL0018.md quotes
        Assert.Equal(saved, finding.TokensSaved);
        Assert.Equal(
            $"Prompt 'p' has a JSON array of 5 objects with the same 4 keys (id, customerName, plan, …); written as a table with one header row it costs {saved} fewer tokens per call ({Cost.Format(Cost.PerThousandCalls(saved, 2.50m))} per 1K calls at gpt-4o's input price). Repeat the keys once, in a header.",
            finding.Message);
    }

    [Fact]
    public void PrettyPrintedArray_SavesWhatTheMinifiedOneSaves_NotTheWhitespacePL0012Reports()
    {
        var pretty = Customers.Replace("[{", "[\n  {").Replace("},{", "},\n  {").Replace("}]", "}\n]").Replace(",\"", ", \"").Replace("\":", "\": ");
        Assert.NotEqual(Customers, pretty);
        Assert.Equal(Customers, Assert.Single(RowOrientedJson.Arrays(pretty)).Minified);

        Assert.Equal(
            Assert.Single(Evaluate(null, PromptSegment.Static(Customers))).TokensSaved,
            Assert.Single(Evaluate(null, PromptSegment.Static(pretty))).TokensSaved);
    }

    [Fact]
    public void ArrayNestedInAnObject_IsFound_KeysInAnotherOrderStillMatch()
    {
        const string text = """{"orders":[{"sku":"KB-01","qty":2},{"qty":1,"sku":"MS-07"},{"sku":"HD-22","qty":5}]}""";
        var array = Assert.Single(RowOrientedJson.Arrays(text));
        Assert.Equal("sku|qty\n\"KB-01\"|2\n\"MS-07\"|1\n\"HD-22\"|5", array.Table);
    }

    [Theory]
    [InlineData("""[{"id":1,"customerName":"Ada Lovelace"},{"id":2,"customerName":"Alan Turing"}]""")]
    [InlineData("""[{"id":1,"customerName":"Ada"},{"id":2,"name":"Alan"},{"id":3,"customerName":"Grace"}]""")]
    [InlineData("""[{"id":1,"customerName":"Ada"},{"id":2,"customerName":"Alan"},{"id":3}]""")]
    [InlineData("""[1, 2, 3, 4]""")]
    [InlineData("""[{"id":1},{"id":2},"three"]""")]
    [InlineData("""[{},{},{}]""")]
    public void TwoRowsDifferentKeysAndOtherArrays_HaveNoTableForm(string json)
    {
        Assert.Empty(RowOrientedJson.Arrays($"Example: {json}"));
        Assert.Empty(Evaluate(null, PromptSegment.Static($"Example: {json}")));
    }

    [Fact]
    public void SmallArray_SavesTooLittleToReport()
    {
        const string text = """Answer like [{"a":1},{"a":2},{"a":3}].""";
        Assert.Single(RowOrientedJson.Arrays(text));
        Assert.Empty(Evaluate(null, PromptSegment.Static(text)));
    }

    [Fact]
    public void JsonInHolesOrSplitByAHole_IsNeverRead_AndTheMinimumIsConfigurable()
    {
        Assert.Empty(Evaluate(null, PromptSegment.Static("Customers: "), PromptSegment.Hole(Customers)));
        var split = Customers.IndexOf("Grace", StringComparison.Ordinal);
        Assert.Empty(Evaluate(null, PromptSegment.Static(Customers[..split]), PromptSegment.Hole("name"), PromptSegment.Static(Customers[(split + 5)..])));

        Assert.Empty(Evaluate(new RuleSettings { { RowOrientedJson.MinTokens, 1000 } }, PromptSegment.Static(Customers)));
        Assert.Single(Evaluate(new RuleSettings { { RowOrientedJson.MinTokens, 1 } }, PromptSegment.Static("""Answer like [{"a":1},{"a":2},{"a":3}].""")));
    }
}
