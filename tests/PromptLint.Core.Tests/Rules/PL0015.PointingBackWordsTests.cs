using PromptLint.Core.Engine;
using PromptLint.Core.Model;
using PromptLint.Core.Rules;

namespace PromptLint.Core.Tests.Rules;

/// <summary>
/// Third held-out round of issue 29 (a Cursor rule on typing JavaScript): a sentence whose object points back ("Keep
/// these in one module", "log them once") says something else under each heading, because "these" is what the heading
/// is about. Only a copy in the same section is a repeat.
/// </summary>
public sealed class PointingBackWordsTests
{
    private static readonly RuleSettings AnyRepeat = new() { { RepeatedBlocks.MinTokens, 5 } };

    private static IReadOnlyList<RuleFinding> Evaluate(string text) => StaticTextRule.Findings("PL0015", AnyRepeat, PromptSegment.Static(text));

    [Fact]
    public void SentenceWithTheseInsideItUnderTwoHeadings_DoesNotTrigger()
    {
        const string text = "## Error codes\n\nError codes name the failure for support staff. Keep these in one shared module, then import them where needed.\n\n## Feature flags\n\nFeature flags switch behaviour without a deploy. Keep these in one shared module, then import them where needed.\n";

        Assert.Empty(Evaluate(text));
    }

    [Fact]
    public void SentenceWithTheseInsideItTwiceInOneSection_Triggers()
    {
        const string text = "## Error codes\n\nKeep these in one shared module, then import them where needed.\n\nError codes name the failure for support staff.\n\nKeep these in one shared module, then import them where needed.\n";

        Assert.Single(Evaluate(text));
    }

    [Fact]
    public void SentenceWithoutAPointingBackWordUnderTwoHeadings_StillTriggers()
    {
        const string text = "## Error codes\n\nWrite every identifier in English and spell out abbreviations on first use.\n\n## Feature flags\n\nWrite every identifier in English and spell out abbreviations on first use.\n";

        Assert.Single(Evaluate(text));
    }

    [Theory]
    [InlineData("Prefer small pure helpers, such as formatters and parsers, over shared mutable state.")]
    [InlineData("Reply only to those who opened the ticket and keep every answer under five sentences.")]
    public void SentenceWhosePronounIsAboutItself_UnderTwoHeadings_StillTriggers(string sentence)
    {
        var text = "## Error codes\n\n" + sentence + "\n\n## Feature flags\n\n" + sentence + "\n";

        Assert.Single(Evaluate(text));
    }
}
