using PromptLint.Core.Engine;
using PromptLint.Core.Model;

namespace PromptLint.Core.Tests.Rules;

/// <summary>
/// Issue 29, eighth held-out round: "write *use the test number `+420604240203`*" gives the model a literal value to
/// reproduce; no hole, rounding or shorter form can stand in for it. A long number in a code span after use, enter,
/// type, dial or paste, or named as a test, sample, dummy, fake, sandbox or fixture value, is not reported; the same
/// number in prose or in a code span without such a cue still is.
/// </summary>
public sealed class ValueToUseTests
{
    private static IReadOnlyList<RuleFinding> Evaluate(string text) => StaticTextRule.Findings("PL0016", null, PromptSegment.Static(text));

    [Theory]
    [InlineData("- **Concrete inputs.** Replace vague wording with the value the tester types. Instead of *\"use a valid number\"* write *\"use the test number `+420712345678`\"*, and instead of *\"a test card\"* write *\"use the card `4111111111111111`\"*.\n")]
    [InlineData("To check the payment form, enter `4111111111111111` as the card number and type `5500005555555559` as the second card.\n")]
    [InlineData("Dial `0800123456789012` to reach the sandbox line, or paste `4111111111111111` into the test form.\n")]
    [InlineData("- Click-path example: *\"Campaigns → new SMS → send to test number `+420712345678` → open the report\"*.\n- Keep `{{…}}` for strings typed verbatim, e.g. the test phone number `{{+420712345678}}`.\n- A sandbox card `4111111111111111` works too.\n")]
    public void LongNumberInACodeSpan_GivenAsTheValueToUse_IsNotReported(string text)
    {
        Assert.Empty(Evaluate(text));
    }

    [Theory]
    [InlineData("Customer 4111111111111111 reported the outage; their backup line is 420712345678.\n")]
    [InlineData("The order `4111111111111111` failed twice; the order `420712345678901` failed once. Explain both failures.\n")]
    [InlineData("Use the logs. The order `4111111111111111` failed twice and `420712345678901` once.\n")]
    public void LongNumberInProse_OrInACodeSpanWithoutAUseVerb_IsStillReported(string text)
    {
        Assert.Single(Evaluate(text));
    }
}
