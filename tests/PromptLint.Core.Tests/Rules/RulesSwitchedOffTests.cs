using PromptLint.Contracts.Pricing;
using PromptLint.Core.Engine;
using PromptLint.Core.Measuring;
using PromptLint.Core.Model;
using PromptLint.Counting.Tokenizers;

namespace PromptLint.Core.Tests.Rules;

/// <summary>A rule switched off is not evaluated at all (counted through the test hook, not timed).</summary>
public sealed class RulesSwitchedOffTests
{
    private const string English = "Always answer in English, even when the customer writes in another language.";

    private static PromptTemplate Template()
        => new(
            "p",
            new SourceLocation("p.txt", 1, 1),
            PromptRole.System,
            new[] { new PromptMessage(PromptRole.System, new[] { PromptSegment.Static(English + "\n\n" + English + "\n") }) },
            outputCapStatus: OutputCapStatus.Missing);

    private static (IReadOnlyList<RuleFinding> Findings, List<string> Evaluated) Evaluate(IReadOnlyCollection<string>? off)
    {
        var evaluated = new List<string>();
        RuleTestHooks.Evaluating.Value = evaluated.Add;
        try
        {
            var template = Template();
            var findings = CostRules.Evaluate(template, PromptMeasurer.Shared.Measure(template, null), ModelCatalog.Shipped, new RuleSettings(), TokenizerRegistry.Shared, off);
            return (findings, evaluated);
        }
        finally
        {
            RuleTestHooks.Evaluating.Value = null;
        }
    }

    [Fact]
    public void EveryRuleRuns_WhenNoneIsOff()
    {
        var (findings, evaluated) = Evaluate(off: null);

        Assert.Contains("PL0015", evaluated);
        Assert.Contains("PL0003", evaluated);
        Assert.Contains(findings, f => f.RuleId == "PL0015");
        Assert.Equal(CostRules.Entries.Select(r => r.Id), evaluated); // each cost rule once, in catalogue order
        Assert.Equal(19, evaluated.Count);
    }

    [Fact]
    public void ARuleSwitchedOff_IsNotEvaluated_AndTheOthersAre()
    {
        var (findings, evaluated) = Evaluate(off: new[] { "PL0015", "PL0003" });

        Assert.DoesNotContain("PL0015", evaluated);
        Assert.DoesNotContain("PL0003", evaluated);
        Assert.Contains("PL0004", evaluated);
        Assert.DoesNotContain(findings, f => f.RuleId is "PL0015" or "PL0003");
    }

    [Fact]
    public void BudgetRules_AreSwitchedOffOneByOne()
    {
        // PL0006 and PL0007 both read the budget; once one method, they are now a rule each, so one can be off alone.
        var (_, onlyOne) = Evaluate(off: new[] { "PL0006" });
        var (_, both) = Evaluate(off: new[] { "PL0006", "PL0007" });

        Assert.DoesNotContain("PL0006", onlyOne);
        Assert.Contains("PL0007", onlyOne);
        Assert.DoesNotContain("PL0006", both);
        Assert.DoesNotContain("PL0007", both);
    }
}
