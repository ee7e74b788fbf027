using PromptLint.Core.Model;
using PromptLint.Core.Rules;
using PromptLint.Core.Tests.Rules;
using PromptLint.Core.Text;

namespace PromptLint.Core.Tests.Text;

/// <summary>
/// Issue 29, fifth held-out round: an HTML comment in a Markdown prompt is a note or a tool's metadata, never an
/// instruction or the output format, so JSON kept in one is not judged by the prose rules (PL0018).
/// </summary>
public sealed class HtmlCommentRegionTests
{
    private const string Rows = """[{"ticketType":"refund","owningTeam":"billing","escalationLevel":2,"active":true},{"ticketType":"dispute","owningTeam":"billing","escalationLevel":3,"active":true},{"ticketType":"invoice","owningTeam":"finance","escalationLevel":1,"active":false},{"ticketType":"upgrade","owningTeam":"sales","escalationLevel":1,"active":true},{"ticketType":"outage","owningTeam":"operations","escalationLevel":3,"active":true}]""";

    [Fact]
    public void CommentSpan_IsData_AndTheTextAroundItIsProse()
    {
        const string text = "Answer the ticket.\n<!-- {\"id\": \"refund\"} -->\nBe brief.";
        var regions = TextRegions.Of(text);

        Assert.Equal(PromptRegionKind.Data, regions.KindAt(text.IndexOf("<!--", StringComparison.Ordinal)));
        Assert.Equal(PromptRegionKind.Data, regions.KindAt(text.IndexOf("refund", StringComparison.Ordinal)));
        Assert.Equal(PromptRegionKind.Prose, regions.KindAt(text.IndexOf("Answer", StringComparison.Ordinal)));
        Assert.Equal(PromptRegionKind.Prose, regions.KindAt(text.IndexOf("Be brief", StringComparison.Ordinal)));
    }

    [Fact]
    public void UnclosedComment_StaysProse()
    {
        const string text = "Answer the ticket. <!-- not closed\nBe brief.";
        Assert.Equal(PromptRegionKind.Prose, TextRegions.Of(text).KindAt(text.IndexOf("<!--", StringComparison.Ordinal)));
    }

    [Fact]
    public void RowJsonInsideAnHtmlComment_DoesNotTriggerPL0018()
    {
        var text = $"Route the ticket to the right team.\n<!--\n{Rows}\n-->\nAnswer with the team name only.";
        Assert.Empty(StaticTextRule.Findings("PL0018", null, PromptSegment.Static(text)));
    }

    [Fact]
    public void SameRowJsonInProse_StillTriggersPL0018()
    {
        var text = $"Route the ticket to the right team.\n{Rows}\nAnswer with the team name only.";
        Assert.Single(StaticTextRule.Findings("PL0018", null, PromptSegment.Static(text)));
    }
}
