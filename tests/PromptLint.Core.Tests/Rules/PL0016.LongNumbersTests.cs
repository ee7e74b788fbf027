using PromptLint.Contracts.Pricing;
using PromptLint.Core.Engine;
using PromptLint.Core.Model;
using PromptLint.Core.Rules;
using SharpToken;

namespace PromptLint.Core.Tests.Rules;

public class LongNumbersTests
{
    private static readonly GptEncoding O200k = StaticTextRule.O200k;

    private static IReadOnlyList<RuleFinding> Evaluate(RuleSettings? settings, params PromptSegment[] segments) => StaticTextRule.Findings("PL0016", settings, segments);

    [Fact]
    public void CardNumberAndTimestamp_AreReportedWithWhatTheyCost()
    {
        const string text = "Use the test card 4111111111111111. Treat orders placed before 1732550400 as legacy.";
        Assert.Equal(new[] { "4111111111111111", "1732550400" }, LongNumbers.Find(text, 10));

        var finding = Assert.Single(Evaluate(null, PromptSegment.Static(text)));

        var tokens = O200k.CountTokens("4111111111111111") + O200k.CountTokens("1732550400");
        Assert.Equal(10, tokens);
        Assert.Equal(tokens, finding.TokensSaved);
        Assert.Equal(
            $"Prompt 'p' has 2 long numbers in its static text (4111111111111111, 1732550400) that split into {tokens} tokens per call ({Cost.Format(Cost.PerThousandCalls(tokens, 2.50m))} per 1K calls at gpt-4o's input price). Pass ids in a hole, round measurements, or drop digits the model does not need.",
            finding.Message);
    }

    [Fact]
    public void SeparatedNumbersAndLongDecimals_Count()
    {
        const string text = "Account 1234-5678-9012, ref 1_000_000_000, total 1,234,567,890.50, pi 3.14159265358979, call 555-123-4567.";
        Assert.Equal(new[] { "1234-5678-9012", "1_000_000_000", "1,234,567,890.50", "3.14159265358979", "555-123-4567" }, LongNumbers.Find(text, 10));

        var finding = Assert.Single(Evaluate(null, PromptSegment.Static(text)));
        Assert.Equal(LongNumbers.Find(text, 10).Sum(n => O200k.CountTokens(n)), finding.TokensSaved);
        Assert.Contains("has 5 long numbers in its static text (1234-5678-9012, 1_000_000_000, 1,234,567,890.50, …)", finding.Message);
    }

    [Theory]
    [InlineData("Orders from 2024-11-25 10:30 onwards; refunds over $5,000 take 14 days.")]
    [InlineData("Requires Windows 10.0.19045.2006 and the proxy at 192.168.100.200.")]
    [InlineData("Score each answer 1,2,3,4,5,6,7,8,9,10 or 11.")]
    [InlineData("Order codes look like ORD20241125000123 and SKU-A12345678901.")]
    [InlineData("Tenant 12345678-1234-1234-1234-123456789012 and hash 12345678901234567890123456789012 are PL0014's.")]
    public void DatesVersionsListsCodesAndBlobs_AreNotLongNumbers(string text)
    {
        Assert.Empty(LongNumbers.Find(text, 10));
        Assert.Empty(Evaluate(null, PromptSegment.Static(text)));
    }

    [Fact]
    public void OneTenDigitNumber_CostsTooLittleToReport()
    {
        Assert.Single(LongNumbers.Find("Escalate to 555-123-4567 when asked.", 10));
        Assert.Empty(Evaluate(null, PromptSegment.Static("Escalate to 555-123-4567 when asked.")));
    }

    [Fact]
    public void NumbersInHoles_AreNeverRead_AndBothThresholdsAreConfigurable()
    {
        Assert.Empty(Evaluate(null, PromptSegment.Static("Card "), PromptSegment.Hole("4111111111111111 1732550400 9876543210"), PromptSegment.Static(".")));

        const string text = "Cards 4111111111111111 and 5500000000000004.";
        Assert.Single(Evaluate(null, PromptSegment.Static(text)));
        Assert.Empty(Evaluate(new RuleSettings { { LongNumbers.MinTokens, 100 } }, PromptSegment.Static(text)));
        Assert.Empty(Evaluate(new RuleSettings { { LongNumbers.MinDigits, 17 } }, PromptSegment.Static(text)));
        Assert.Single(Evaluate(new RuleSettings { { LongNumbers.MinDigits, 6 }, { LongNumbers.MinTokens, 4 } }, PromptSegment.Static("Order 123456 then 654321.")));
    }

    [Fact]
    public void CrLfText_IsNormalizedFirst()
    {
        Assert.Single(Evaluate(null, PromptSegment.Static("Cards:\r\n4111111111111111\r\n5500000000000004\r\n")));
    }
}
