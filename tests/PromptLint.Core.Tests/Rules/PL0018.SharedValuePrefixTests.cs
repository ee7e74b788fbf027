using PromptLint.Core.Engine;
using PromptLint.Core.Model;
using PromptLint.Core.Rules;

namespace PromptLint.Core.Tests.Rules;

/// <summary>PL0018 for long keys and enum-style values with a shared prefix in row-oriented JSON (issue 15, item 6).</summary>
public sealed class SharedValuePrefixTests
{
    private const string Tickets = """[{"ticketIdentifier":"T-1","ticketStatus":"TICKET_STATUS_OPEN"},{"ticketIdentifier":"T-2","ticketStatus":"TICKET_STATUS_CLOSED"},{"ticketIdentifier":"T-3","ticketStatus":"TICKET_STATUS_PENDING"},{"ticketIdentifier":"T-4","ticketStatus":"TICKET_STATUS_OPEN"}]""";

    // Written by hand: the table with the prefix said once in its column's header.
    private const string TicketsTable = "ticketIdentifier|ticketStatus:TICKET_STATUS_*\n\"T-1\"|\"OPEN\"\n\"T-2\"|\"CLOSED\"\n\"T-3\"|\"PENDING\"\n\"T-4\"|\"OPEN\"";

    [Fact]
    public void AColumnWithASharedPrefix_SaysItOnceInItsHeader_AndTheMessageNamesIt()
    {
        var text = $"Open tickets:\n{Tickets}\nSummarize them.";
        var array = Assert.Single(RowOrientedJson.Arrays(text));
        Assert.Equal(TicketsTable, array.Table);
        Assert.Equal(new[] { ("ticketStatus", "TICKET_STATUS_") }, array.Prefixes);

        var finding = Assert.Single(StaticTextRule.Findings("PL0018", new RuleSettings { { RowOrientedJson.MinTokens, 1 } }, PromptSegment.Static(text)));
        var saved = StaticTextRule.O200k.CountTokens(Tickets) - StaticTextRule.O200k.CountTokens(TicketsTable);
        Assert.Equal(saved, finding.TokensSaved);
        Assert.Contains("the values of 'ticketStatus' all start with 'TICKET_STATUS_'", finding.Message);
        Assert.Contains("Repeat the keys and the prefix once, in a header.", finding.Message);
    }

    [Theory]
    // A shared start that is not a whole word, one value only, numbers, and a value that is only the prefix.
    [InlineData("""[{"s":"APPROVED"},{"s":"APPROXIMATE"},{"s":"APPROVED"}]""")]
    [InlineData("""[{"s":"STATUS_OPEN"},{"s":"STATUS_OPEN"},{"s":"STATUS_OPEN"}]""")]
    [InlineData("""[{"s":1001},{"s":1002},{"s":1003}]""")]
    [InlineData("""[{"s":"STATUS_"},{"s":"STATUS_OPEN"},{"s":"STATUS_CLOSED"}]""")]
    public void NoWordPrefixSharedByDifferentValues_IsNoPrefix(string json)
    {
        Assert.Empty(Assert.Single(RowOrientedJson.Arrays(json)).Prefixes);
    }
}
