using PromptLint.Contracts.Pricing;
using PromptLint.Core.Engine;
using PromptLint.Core.Model;
using PromptLint.Core.Rules;
using SharpToken;

namespace PromptLint.Core.Tests.Rules;

public class WhitespaceBloatTests
{
    private static readonly GptEncoding O200k = StaticTextRule.O200k;

    private static IReadOnlyList<RuleFinding> Evaluate(RuleSettings? settings, params PromptSegment[] segments) => StaticTextRule.Findings("PL0011", settings, segments);

    [Fact]
    public void TrailingWhitespaceAndBlankLineRuns_AreReportedWithTheSavingAnIndependentTokenizerAgreesWith()
    {
        const string bloated = "# Role   \nYou answer billing questions.\t\t\n\n\n\n\n## Rules  \n- Be brief.    \n- Cite the policy.\n\n\n\nEnd.";
        const string collapsed = "# Role\nYou answer billing questions.\n\n## Rules\n- Be brief.\n- Cite the policy.\n\nEnd.";
        Assert.Equal(collapsed, WhitespaceBloat.Collapse(bloated));

        var finding = Assert.Single(Evaluate(null, PromptSegment.Static(bloated)));

        var saved = O200k.CountTokens(bloated) - O200k.CountTokens(collapsed);
        Assert.True(saved >= 2);
        Assert.Equal(saved, finding.TokensSaved);
        Assert.Equal(
            $"Prompt 'p' has 4 lines ending in spaces or tabs and 2 runs of blank lines in its static text, which cost {saved} tokens per call ({Cost.Format(Cost.PerThousandCalls(saved, 2.50m))} per 1K calls at gpt-4o's input price). Delete trailing whitespace and keep at most one blank line between paragraphs.",
            finding.Message);
    }

    [Fact]
    public void CrLfFiles_CountAsTheyAreMeasured()
    {
        Assert.Single(Evaluate(null, PromptSegment.Static("Rules:   \r\n\r\n\r\n\r\n- Be brief.   \r\n")));
    }

    [Fact]
    public void IndentationCodeSpacesAndTheSpaceBeforeAHole_AreLeftAlone()
    {
        // Padded Markdown tables are judged (MarkdownTablePaddingTests), and so are runs of spaces between words in
        // prose since issue 15 (SpacesBetweenWordsTests); a line indented like code by four spaces is not.
        const string text = "Answer with JSON:\n  {\n    \"score\":  1\n  }\nName: Ada Lovelace\n\nCustomer: ";

        Assert.Equal(text, WhitespaceBloat.Collapse(text));
        Assert.Empty(Evaluate(null, PromptSegment.Static(text), PromptSegment.Hole("name"), PromptSegment.Static("   ")));
    }

    [Fact]
    public void OneBlankLineBetweenParagraphs_IsFine()
    {
        Assert.Empty(Evaluate(null, PromptSegment.Static("First paragraph.\n\nSecond paragraph.\n\nThird.\n")));
    }

    [Fact]
    public void SmallSavings_StayUnderTheDefaultMinimum_AndTheMinimumIsConfigurable()
    {
        var single = PromptSegment.Static("Be brief. \nCite the policy.");
        Assert.Equal(1, O200k.CountTokens("Be brief. \nCite the policy.") - O200k.CountTokens("Be brief.\nCite the policy."));

        Assert.Empty(Evaluate(null, single));
        Assert.Single(Evaluate(new RuleSettings { { WhitespaceBloat.MinTokens, 1 } }, single));
    }
}
