using PromptLint.Core.Measuring;
using PromptLint.Core.Model;
using static PromptLint.Core.Tests.Rules.CostRulesTest;

namespace PromptLint.Core.Tests.Rules;

/// <summary>PL0006 and PL0007: holes without caps, and a prompt over its budget.</summary>
public sealed class BudgetTests
{
    [Fact]
    public void Budget_ReportsUnboundedHolesAndOverBudget()
    {
        var findings = Evaluate(Template(new[] { PromptSegment.Static(LargePolicy), PromptSegment.Hole("doc", cap: 8000, capUnit: CapUnit.Characters), PromptSegment.Hole("q") }, budget: 1000));

        Assert.Contains(findings, f => f.RuleId == "PL0006" && f.Message.StartsWith("Hole 'q' of prompt 'p' has no size cap", StringComparison.Ordinal));
        var over = Assert.Single(findings, f => f.RuleId == "PL0007");
        Assert.Contains("+ 2,000 from capped holes), over its budget of 1,000", over.Message);
    }
}
