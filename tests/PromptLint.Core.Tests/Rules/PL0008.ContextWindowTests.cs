using PromptLint.Core.Measuring;
using PromptLint.Core.Model;
using static PromptLint.Core.Tests.Rules.CostRulesTest;

namespace PromptLint.Core.Tests.Rules;

/// <summary>PL0008: static tokens, hole caps and output against the context window.</summary>
public sealed class ContextWindowTests
{
    [Fact]
    public void ContextWindow_CountsStaticHoleCapsAndOutput()
    {
        var findings = Evaluate(Template(new[] { PromptSegment.Static("Summarize: "), PromptSegment.Hole("doc", cap: 7000, capUnit: CapUnit.Tokens) }, model: "gpt-4", cap: 2000));

        var finding = Assert.Single(findings, f => f.RuleId == "PL0008");
        Assert.Contains("7,000 from capped holes, 2,000 output) but gpt-4's context window is 8,192", finding.Message);
    }
}
