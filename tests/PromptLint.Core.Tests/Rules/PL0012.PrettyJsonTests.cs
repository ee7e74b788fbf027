using PromptLint.Contracts.Pricing;
using PromptLint.Core.Engine;
using PromptLint.Core.Model;
using PromptLint.Core.Rules;
using SharpToken;

namespace PromptLint.Core.Tests.Rules;

public class PrettyJsonTests
{
    private static readonly GptEncoding O200k = StaticTextRule.O200k;

    private const string Example = """
        Extract the order. Answer with JSON like this example:
        {
            "orderId": "A-1042",
            "items": [
                { "sku": "KB-01", "quantity": 2, "price": 49.90 },
                { "sku": "MS-07", "quantity": 1, "price": 19.00 }
            ],
            "note": "Leave at the door \u00e9"
        }
        Use null for anything the email does not say.
        """;

    private static IReadOnlyList<RuleFinding> Evaluate(RuleSettings? settings, params PromptSegment[] segments) => StaticTextRule.Findings("PL0012", settings, segments);

    [Fact]
    public void PrettyPrintedExample_IsReportedWithTheSavingOfItsMinifiedForm()
    {
        var minified = PrettyJson.MinifyAll(Example);
        Assert.Equal("""
            Extract the order. Answer with JSON like this example:
            {"orderId":"A-1042","items":[{"sku":"KB-01","quantity":2,"price":49.90},{"sku":"MS-07","quantity":1,"price":19.00}],"note":"Leave at the door é"}
            Use null for anything the email does not say.
            """, minified);

        var finding = Assert.Single(Evaluate(null, PromptSegment.Static(Example)));

        var saved = O200k.CountTokens(Example) - O200k.CountTokens(minified);
        Assert.True(saved >= 10);
        Assert.Equal(saved, finding.TokensSaved);
        Assert.Equal(
            $"Prompt 'p' has 1 pretty-printed JSON block in its static text; minified, it says the same for {saved} fewer tokens per call ({Cost.Format(Cost.PerThousandCalls(saved, 2.50m))} per 1K calls at gpt-4o's input price). Write the JSON on one line.",
            finding.Message);
    }

    [Fact]
    public void JsonWithAHoleInside_IsNeverRewritten()
    {
        // The hole splits every block it sits in; blocks wholly in static text on either side could still be minified.
        var parts = Example.Split("KB-01");
        Assert.Empty(Evaluate(new RuleSettings { { PrettyJson.MinTokens, 1 } }, PromptSegment.Static(parts[0]), PromptSegment.Hole("sku"), PromptSegment.Static(parts[1])));
    }

    [Theory]
    [InlineData("Answer with {\"ok\":true,\"reason\":\"...\"} on one line.")]
    [InlineData("Rules:\n[1] Be brief.\n[2] Cite the policy.\nUse {braces} for names\n{\n  like this\n}\n")]
    [InlineData("Return {\n  \"ok\": true\n}")]
    public void OneLineJson_TextInBrackets_AndSmallBlocks_AreNotReported(string text)
    {
        Assert.Empty(Evaluate(null, PromptSegment.Static(text)));
    }

    [Fact]
    public void MinimumSaving_IsConfigurable()
    {
        Assert.Empty(Evaluate(new RuleSettings { { PrettyJson.MinTokens, 500 } }, PromptSegment.Static(Example)));
        Assert.Single(Evaluate(new RuleSettings { { PrettyJson.MinTokens, 1 } }, PromptSegment.Static("Return {\n  \"ok\": true\n}")));
    }

    [Fact]
    public void ThousandsOfUnclosedBrackets_FinishAndStillFindTheBlocksBeforeThem()
    {
        var text = Example + string.Concat(Enumerable.Repeat("[{ ", 200_000));

        var blocks = PrettyJson.Blocks(text);

        Assert.Single(blocks);
    }
}
