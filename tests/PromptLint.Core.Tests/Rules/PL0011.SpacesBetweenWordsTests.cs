using PromptLint.Core.Engine;
using PromptLint.Core.Model;
using PromptLint.Core.Rules;

namespace PromptLint.Core.Tests.Rules;

/// <summary>PL0011 for runs of spaces between the words of a line (issue 15, item 6).</summary>
public sealed class SpacesBetweenWordsTests
{
    private static readonly RuleSettings AnyWaste = new() { { WhitespaceBloat.MinTokens, 1 } };

    [Fact]
    public void RunsBetweenWords_CollapseToOneSpace_IndentationAndLineEndsStay()
    {
        Assert.Equal("Divide the task into smaller parts.\n  - Name: value", WhitespaceBloat.Collapse("Divide the task into   smaller parts.\n  - Name:    value"));
    }

    [Fact]
    public void RunsBetweenWords_AreReportedWithWhatTheyCost()
    {
        const string text = "You are a support agent.  Answer in English.\nDivide the task into   smaller parts, then answer each.\n";
        var finding = Assert.Single(StaticTextRule.Findings("PL0011", AnyWaste, PromptSegment.Static(text)));

        var saved = StaticTextRule.O200k.CountTokens(text) - StaticTextRule.O200k.CountTokens(WhitespaceBloat.Collapse(text));
        Assert.True(saved > 0);
        Assert.Equal(saved, finding.TokensSaved);
        Assert.Contains("has 2 lines with runs of spaces between words in its static text", finding.Message);
        Assert.Contains("write one space between words", finding.Message);
        Assert.Equal(text.IndexOf("  Answer", StringComparison.Ordinal), finding.Evidence!.Value.Start);
    }

    [Theory]
    // Columns aligned with the line above or below: options and their descriptions, a hand-made table.
    [InlineData("Commands:\n  --help     Show this help\n  --verbose  Print every step\n")]
    [InlineData("Name      Plan   Seats\nContoso   Pro    25\nFabrikam  Free   3\n")]
    // Options whose descriptions wrap onto indented lines at the description's column.
    [InlineData("  --clear         Forget the saved model so that you can\n                  choose another one\n  --update, -u    Update the patterns and then\n                  reload them\n")]
    // Code outside a fence: CSS, an assignment, a comment after two spaces.
    [InlineData(".top    { top: 0; left: 0; }\nCopy it as it is.")]
    [InlineData("@auth_required  # ask for a login first\nKeep the decorator.")]
    // Code: fenced, or indented by four spaces or a tab.
    [InlineData("Example:\n```\nvar x  =  1;\n```\nExplain it.")]
    [InlineData("Example:\n\n    var x  =  1;\n\nExplain it.")]
    // Tab-separated data, and a single space.
    [InlineData("id\tname\tplan\n1\tAda\tpro\n")]
    [InlineData("One space between words, as usual.")]
    public void AlignedColumnsCodeAndTabs_AreLeftAlone(string text)
    {
        Assert.Equal(text, WhitespaceBloat.Collapse(text));
        Assert.Empty(StaticTextRule.Findings("PL0011", AnyWaste, PromptSegment.Static(text)));
    }

    [Fact]
    public void SpacesNextToAHole_AreLeftAlone()
    {
        Assert.Empty(StaticTextRule.Findings("PL0011", AnyWaste, PromptSegment.Static("Question:  "), PromptSegment.Hole("question"), PromptSegment.Static("  \nAnswer briefly.")));
    }
}
