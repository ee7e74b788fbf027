using PromptLint.Core.Engine;
using PromptLint.Core.Model;
using PromptLint.Core.Rules;
using PromptLint.Core.Text;

namespace PromptLint.Core.Tests.Rules;

/// <summary>
/// Issue 29, held-out shapes: a skill or agent file ends several sections with the same short pointer to another file,
/// section or link ("See `reference.md` for details."). That is navigation, not a repeated instruction, so PL0015 stays
/// silent on it; a real instruction repeated under two headings is still reported.
/// </summary>
public sealed class CrossReferenceTests
{
    private static readonly RuleSettings AnyRepeat = new() { { RepeatedBlocks.MinTokens, 5 } };

    private static IReadOnlyList<RuleFinding> Evaluate(string text) => StaticTextRule.Findings("PL0015", AnyRepeat, PromptSegment.Static(text));

    [Theory]
    [InlineData("See `references/billing-api.md` for details.")]
    [InlineData("- See `references/billing-api.md` for the complete list of fields.")]
    [InlineData("For more details on retries and limits, see [the billing reference](docs/billing.md).")]
    [InlineData("Refer to the Output section below for the exact layout.")]
    [InlineData("Read `guides/invoices.md` for more information.")]
    [InlineData("More examples in https://example.org/billing/examples.")]
    public void PointerEndingTwoSections_DoesNotTrigger(string pointer)
    {
        var text = "## Invoices\n\nCreate invoices only for customers with an active plan.\n\n" + pointer + "\n\n## Refunds\n\nIssue refunds only after the payment has settled.\n\n" + pointer + "\n";

        Assert.Empty(Evaluate(text));
    }

    [Fact]
    public void PointerEndingTwoListItems_DoesNotTrigger()
    {
        const string text = "Tasks:\n\n- Draft the invoice for the customer. See `references/billing-api.md` for details.\n- Check the refund window for the order. See `references/billing-api.md` for details.\n";

        Assert.Empty(Evaluate(text));
    }

    [Fact]
    public void InstructionRepeatedUnderTwoHeadings_StillTriggers()
    {
        const string text = "## Invoices\n\nNever include the card number or the security code in any reply to the customer.\n\n## Refunds\n\nNever include the card number or the security code in any reply to the customer.\n";

        Assert.Single(Evaluate(text));
    }

    [Fact]
    public void PointerThatAlsoAsksForWork_StillTriggers()
    {
        const string text = "## Invoices\n\nSee `references/billing-api.md`, then update every invoice total and run the reconciliation script.\n\n## Refunds\n\nSee `references/billing-api.md`, then update every invoice total and run the reconciliation script.\n";

        Assert.Single(Evaluate(text));
    }

    [Theory]
    [InlineData("See `billing.md` for details.", true)]
    [InlineData("**See also:** [the refund guide](refunds.md)", true)]
    [InlineData("Consult the troubleshooting section below.", true)]
    [InlineData("See that every total in `billing.md` matches the ledger.", false)]
    [InlineData("Always check `billing.md` for details before you answer.", false)]
    [InlineData("Use the totals from `billing.md` when you write the summary.", false)]
    [InlineData("See `billing.md` for details. Then send the invoice to the customer by email.", false)]
    [InlineData("See the customer's last three invoices and list every late payment with its amount, date and the reminder sent.", false)]
    public void IsPointer_TellsNavigationFromInstructions(string sentence, bool expected)
        => Assert.Equal(expected, CrossReference.IsPointer(sentence));
}
