using PromptLint.Core.Engine;
using PromptLint.Core.Measuring;
using PromptLint.Core.Model;
using PromptLint.Core.Rules;
using static PromptLint.Core.Tests.Rules.CostRulesTest;

namespace PromptLint.Core.Tests.Rules;

/// <summary>PL0003: a missing cap, and a cap above the ceiling.</summary>
public sealed class OutputCapTests
{
    [Fact]
    public void MissingCap_ReportsWorstCaseAndHowToSetIt()
    {
        var finding = Assert.Single(Evaluate(Template(new[] { PromptSegment.Static("Hi") }, cap: null, status: OutputCapStatus.Missing)));

        Assert.Equal("PL0003", finding.RuleId);
        Assert.Equal(RuleTarget.Call, finding.Target);
        Assert.Equal("Prompt 'p' is sent without a max output token cap, so one call can produce up to 16,384 output tokens ($0.1638 at gpt-4o's output price). Set ChatOptions.MaxOutputTokens (for example to 1,024).", finding.Message);
    }

    [Theory]
    [InlineData(OutputCapStatus.Unknown)]
    [InlineData(OutputCapStatus.Declared)]
    public void UnknownOrDeclaredCap_IsSilent(OutputCapStatus status)
    {
        Assert.Empty(Evaluate(Template(new[] { PromptSegment.Static("Hi") }, cap: status == OutputCapStatus.Declared ? 100 : null, status: status)));
    }

    [Fact]
    public void CapAboveCeiling_IsReported()
    {
        var finding = Assert.Single(Evaluate(Template(new[] { PromptSegment.Static("Hi") }, cap: 8000), new RuleSettings { { OutputCapRule.MaxOutputTokensCeiling, 2000 } }));

        Assert.Equal("PL0003", finding.RuleId);
        Assert.Contains("caps output at 8,000 tokens, above the ceiling of 2,000", finding.Message);
    }
}
