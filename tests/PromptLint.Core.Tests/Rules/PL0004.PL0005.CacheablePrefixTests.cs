using PromptLint.Core.Measuring;
using PromptLint.Core.Model;
using static PromptLint.Core.Tests.Rules.CostRulesTest;

namespace PromptLint.Core.Tests.Rules;

/// <summary>PL0004 and PL0005: dynamic or volatile content before a cacheable static block.</summary>
public sealed class CacheablePrefixTests
{
    [Fact]
    public void VolatileTimestampBeforeLargePolicy_IsNonCacheableAndVolatile()
    {
        var findings = Evaluate(Template(new[] { PromptSegment.Static("Current time: "), PromptSegment.Hole("DateTime.UtcNow", isVolatile: true), PromptSegment.Static(". " + LargePolicy) }));

        Assert.Equal(new[] { "PL0004", "PL0005" }, findings.Select(f => f.RuleId));
        Assert.Contains("static tokens after dynamic content", findings[0].Message);
        Assert.Contains("per 1K calls instead of", findings[0].Message);
        Assert.Contains("(DateTime.UtcNow) in its system message", findings[1].Message);
    }

    [Fact]
    public void DynamicPartLast_IsCacheFriendly()
    {
        Assert.Empty(Evaluate(Template(new[] { PromptSegment.Static(LargePolicy + "\nQuestion: "), PromptSegment.Hole("question") })));
    }

    [Fact]
    public void StaticBlockBelowProviderMinimum_IsNotReported()
    {
        Assert.Empty(Evaluate(Template(new[] { PromptSegment.Hole("name"), PromptSegment.Static(": please answer briefly and politely.") })));
    }
}
