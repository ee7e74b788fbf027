using PromptLint.Core.Engine;
using PromptLint.Core.Model;
using PromptLint.Core.Rules;

namespace PromptLint.Core.Tests.Rules;

/// <summary>
/// PL0011 and drawings written outside a code fence (found on real agent files: a framework drawn as a box, each row
/// padded to the right border). The spaces are the drawing, so they are neither counted nor collapsed; the prose
/// around a drawing is judged as before.
/// </summary>
public sealed class DiagramTests
{
    private static readonly RuleSettings AnyWaste = new() { { WhitespaceBloat.MinTokens, 1 } };

    // Rows padded to a right border that is one column off from its neighbours here and there, as hand-drawn boxes are.
    private const string Box = """
        ## Release checklist

        ┌──────────────────────────────────────┐
        │ Before tagging:                       │
        │ • Update the change log               │
        │ • Run the smoke tests on staging     │
        │                                       │
        │ After tagging:                        │
        │ • Tag the release commit              │
        │ • Announce in the release channel      │
        └──────────────────────────────────────┘

        Follow the checklist in order.
        """;

    private const string Tree = """
        Services and what they own:

        orders ─┬─ checkout      (payments, receipts)
                ├─ returns       (refund requests)
                └─ shipping      (labels, tracking)

        Route each question to its service.
        """;

    private const string AsciiBox = """
        The pipeline:

        +-----------+      +-------------+
        |  ingest   | ---> |  summarise  |
        +-----------+      +-------------+
        |  store raw input  |   keep 30 days  |

        Keep the stages in this order.
        """;

    [Theory]
    [InlineData(Box)]
    [InlineData(Tree)]
    [InlineData(AsciiBox)]
    public void DrawingOutsideAFence_IsLeftAsDrawn(string text)
    {
        Assert.Equal(text, WhitespaceBloat.Collapse(text));
        Assert.Empty(StaticTextRule.Findings("PL0011", AnyWaste, PromptSegment.Static(text)));
    }

    [Fact]
    public void ProseBesideADrawing_IsStillJudged()
    {
        var text = Box + "\nAnswer  in   English, then   list the open items.\n";

        var finding = Assert.Single(StaticTextRule.Findings("PL0011", AnyWaste, PromptSegment.Static(text)));

        Assert.Contains("1 line with runs of spaces between words", finding.Message);
        Assert.Equal(Box + "\nAnswer in English, then list the open items.\n", WhitespaceBloat.Collapse(text));
    }
}
