using PromptLint.Contracts.Pricing;
using PromptLint.Core.Engine;
using PromptLint.Core.Model;
using PromptLint.Core.Rules;
using SharpToken;

namespace PromptLint.Core.Tests.Rules;

public class FillerPhrasesTests
{
    private static readonly GptEncoding O200k = StaticTextRule.O200k;

    private static IReadOnlyList<RuleFinding> Evaluate(RuleSettings? settings, params PromptSegment[] segments) => StaticTextRule.Findings("PL0013", settings, segments);

    [Fact]
    public void FillerPhrases_AreListedWithWhatTheyCost()
    {
        const string text = "You are a billing assistant. Please note that refunds take 5 days.\nIt is important to note that\ninvoices are final. Please note that we never share data. I want you to answer briefly.";
        const string without = "You are a billing assistant. refunds take 5 days.\ninvoices are final. we never share data. answer briefly.";

        var finding = Assert.Single(Evaluate(null, PromptSegment.Static(text)));

        var saved = O200k.CountTokens(text) - O200k.CountTokens(without);
        Assert.Equal(saved, finding.TokensSaved);
        Assert.Equal(
            $"Prompt 'p' has 4 filler phrases in its static text ('please note that' ×2, 'i want you to', 'it is important to note that'), about {saved} tokens per call ({Cost.Format(Cost.PerThousandCalls(saved, 2.50m))} per 1K calls at gpt-4o's input price). State the instruction directly.",
            finding.Message);
    }

    [Theory]
    [InlineData("Make sure the note that you write is short.")]
    [InlineData("Explain what 'note' means. It is important to cite the policy.")]
    [InlineData("Customers who want you to call back must give a number.")] // not the phrase "i want you to"
    [InlineData("Example:\nMessage: \"I want you to cancel my subscription today.\"\nLabel: cancel")] // quoted example data (corpus: classifier-fewshot.md)
    [InlineData("Example: \u201CPlease note that my order is late\u201D \u2192 shipping")]
    [InlineData("The digest is sent at the end of the day, at 17:30 local time.")] // literal time, not filler (corpus: meeting-digest.md)
    public void SimilarWording_IsNotReported(string text)
    {
        Assert.Empty(Evaluate(null, PromptSegment.Static(text)));
    }

    [Fact]
    public void PhraseAfterAClosedQuotation_IsStillReported()
    {
        var finding = Assert.Single(Evaluate(null, PromptSegment.Static("Reply \"ok\" when done. Please note that refunds take 5 days.")));

        Assert.Contains("'please note that'", finding.Message);
    }

    [Fact]
    public void PhrasesInsideHoles_AreNeverRead()
    {
        Assert.Empty(Evaluate(null, PromptSegment.Static("Answer: "), PromptSegment.Hole("please note that")));
    }

    [Fact]
    public void TheListIsReplacedBySettings_AndAnEmptyListReportsNothing()
    {
        var text = PromptSegment.Static("Kindly answer in English. Please note that refunds take 5 days.");

        var finding = Assert.Single(Evaluate(new RuleSettings { { FillerPhrases.Phrases, new[] { "kindly" } } }, text));
        Assert.Contains("('kindly')", finding.Message);
        Assert.Empty(Evaluate(new RuleSettings { { FillerPhrases.Phrases, Array.Empty<string>() } }, text));
    }
}
