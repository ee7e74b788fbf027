using PromptLint.Core.Engine;
using PromptLint.Core.Model;

namespace PromptLint.Core.Tests.Rules;

/// <summary>Issue 30: PROMPTLINT_TIMINGS shows each rule's time, so a rule that is not linear shows at once.</summary>
public class RuleTimingsTests
{
    [Fact]
    public void WhenOn_EveryRuleThatRanHasALine()
    {
        var wasOn = RuleTimings.On;
        RuleTimings.On = true;
        try
        {
            StaticTextRule.Findings("PL0019", null, PromptSegment.Static("Always use bullet points.\nNever use bullet points.\n"));

            var lines = RuleTimings.Lines();

            foreach (var rule in CostRules.Entries)
            {
                Assert.Contains(lines, l => l.StartsWith(rule.Id + " ", StringComparison.Ordinal) && l.Contains(" ms in ", StringComparison.Ordinal));
            }
        }
        finally
        {
            RuleTimings.On = wasOn;
        }
    }
}
