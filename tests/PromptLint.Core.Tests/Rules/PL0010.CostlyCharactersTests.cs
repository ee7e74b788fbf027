using PromptLint.Contracts.Pricing;
using PromptLint.Core.Engine;
using PromptLint.Core.Model;
using PromptLint.Core.Rules;
using SharpToken;

namespace PromptLint.Core.Tests.Rules;

public class CostlyCharactersTests
{
    private static readonly GptEncoding O200k = StaticTextRule.O200k;

    private static IReadOnlyList<RuleFinding> Evaluate(RuleSettings? settings, params PromptSegment[] segments) => StaticTextRule.Findings("PL0010", settings, segments);

    [Fact]
    public void WordProcessorCharacters_AreReportedWithTheSavingAnIndependentTokenizerAgreesWith()
    {
        const string pasted = "You are \u201CContoso\u00A0Support\u201D\u200B. Don\u2019t guess \u2014 ask\u2026\uFEFF";
        const string ascii = "You are \"Contoso Support\". Don't guess - ask...";

        var finding = Assert.Single(Evaluate(null, PromptSegment.Static(pasted)));

        var saved = O200k.CountTokens(pasted) - O200k.CountTokens(ascii);
        Assert.True(saved > 0, "the example must cost more than its ASCII form");
        Assert.Equal(saved, finding.TokensSaved);
        Assert.Equal(ascii, CostlyCharacters.ToAscii(pasted));
        Assert.Equal(RuleTarget.Prompt, finding.Target);
        Assert.Equal(
            $"Prompt 'p' has 8 typographic or invisible characters in its static text (byte order mark, curly quote, dash, ellipsis, non-breaking space, zero-width space) that cost {saved} more token{(saved == 1 ? "" : "s")} per call than their ASCII form ({Cost.Format(Cost.PerThousandCalls(saved, 2.50m))} per 1K calls at gpt-4o's input price). Use plain ASCII quotes, dashes and spaces, and delete invisible characters.",
            finding.Message);
    }

    [Fact]
    public void TextInsideAHole_IsNeverJudged()
    {
        Assert.Empty(Evaluate(null, PromptSegment.Static("Answer: "), PromptSegment.Hole("\u201Cquoted\u00A0name\u201D\u200B")));
    }

    [Fact]
    public void CharactersThatCostNoExtraToken_AreNotReported()
    {
        const string text = "Be brief \u2014 one paragraph.";
        Assert.Equal(O200k.CountTokens(text), O200k.CountTokens("Be brief - one paragraph."));

        Assert.Empty(Evaluate(null, PromptSegment.Static(text)));
    }

    [Fact]
    public void JoinersThatShapeTextAndEmoji_AreLeftAlone()
    {
        const string text = "Reply with \U0001F469\u200D\U0001F4BB when the user asks for a developer, and keep \u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645 as written.";

        Assert.Equal(text, CostlyCharacters.ToAscii(text));
        Assert.Empty(Evaluate(null, PromptSegment.Static(text)));
    }

    [Fact]
    public void MinimumSaving_IsConfigurable()
    {
        var pasted = PromptSegment.Static("Use \u201Cformal\u201D tone\u200B\u200B\u200B.");
        Assert.Single(Evaluate(null, pasted));

        Assert.Empty(Evaluate(new RuleSettings { { CostlyCharacters.MinTokens, 50 } }, pasted));
    }

    [Fact]
    public void PlainAscii_IsSilent()
    {
        Assert.Empty(Evaluate(null, PromptSegment.Static("You are \"Contoso Support\". Don't guess - ask...")));
    }
}
