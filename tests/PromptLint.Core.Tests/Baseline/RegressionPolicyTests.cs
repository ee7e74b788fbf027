
using PromptLint.Contracts.Baseline;

namespace PromptLint.Core.Tests.Baseline;

public class RegressionPolicyTests
{
    [Theory]
    [InlineData(100, 130, true)]   // +30 tokens, +30%
    [InlineData(100, 105, false)]  // +5%: not above 5%
    [InlineData(1000, 1019, false)] // +1.9%
    [InlineData(10, 12, false)]    // +20% but only 2 tokens: under the absolute floor
    [InlineData(10, 30, true)]     // +200% and 20 tokens
    [InlineData(100, 80, false)]   // shrinking never regresses
    [InlineData(0, 25, true)]      // from nothing to 25 tokens
    [InlineData(0, 0, false)]
    public void DefaultPolicy_NeedsPercentAndFloor(int baseline, int current, bool regressed)
    {
        Assert.Equal(regressed, new RegressionPolicy().Compare(baseline, current).IsRegression);
    }

    [Fact]
    public void Compare_ReportsDeltaAndPercent()
    {
        var change = new RegressionPolicy(10, 0).Compare(812, 1040);

        Assert.Equal(228, change.Delta);
        Assert.Equal(28.08, Math.Round(change.Percent, 2));
        Assert.True(change.IsRegression);
    }

    [Fact]
    public void NegativeSettings_AreClampedToZero()
    {
        var policy = new RegressionPolicy(-5, -1);

        Assert.Equal(0, policy.ThresholdPercent);
        Assert.Equal(0, policy.MinTokens);
        Assert.True(policy.Compare(100, 101).IsRegression);
    }
}
