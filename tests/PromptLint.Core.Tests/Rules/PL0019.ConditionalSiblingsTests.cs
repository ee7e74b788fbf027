using PromptLint.Core.Engine;
using PromptLint.Core.Model;

namespace PromptLint.Core.Tests.Rules;

/// <summary>
/// Issue 29, seventh held-out round: opposite advice that closes two sibling list items, each opening with its own
/// condition ("If X, … Do not A." / "If Y, … A."), is advice for two cases, not a contradiction.
/// </summary>
public sealed class ConditionalSiblingsTests
{
    private static IReadOnlyList<RuleFinding> Evaluate(string text) => StaticTextRule.Findings("PL0019", null, PromptSegment.Static(text));

    [Fact]
    public void OppositeAdviceUnderTwoConditionalBullets_DoesNotTrigger()
    {
        const string text = "Spacing heuristics:\n"
            + "  * If a helper is called only by the function right below it,\n    the two belong together. Do not add a comment header\n    between them.\n"
            + "  * If a helper is called from several modules, not just the next\n    function, it stands on its own. Add a comment header\n    between them.\n";

        Assert.Empty(Evaluate(text));
    }

    [Fact]
    public void OppositeAdviceUnderTwoConditionalParagraphs_DoesNotTrigger()
    {
        const string text = "When the customer writes in French, reply in French. Do not add an English summary.\n\nWhen the ticket is escalated to the legal team, reply in French. Add an English summary.\n";

        Assert.Empty(Evaluate(text));
    }

    [Fact]
    public void OppositeAdviceInOneConditionalBullet_StillTriggers()
    {
        const string text = "* If the build fails, read the log first. Do not retry the build. Retry the build.\n";

        Assert.Single(Evaluate(text));
    }

    [Fact]
    public void OppositeAdviceInTwoPlainBullets_StillTriggers()
    {
        const string text = "* Keep answers short. Do not add an English summary.\n* Be friendly. Add an English summary.\n";

        Assert.Single(Evaluate(text));
    }
}
