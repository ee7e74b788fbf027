using System.Collections.Generic;
using System.Linq;
using static PromptLint.Core.Engine.StaticTextSaving;

using PromptLint.Contracts.Rules;
using PromptLint.Core.Engine;

namespace PromptLint.Core.Rules;

/// <summary>PL0006: a hole without a size cap in a prompt that has a token budget.</summary>
public sealed class UnboundedHoleRule : PromptRule
{
    internal static readonly RuleInfo Rule = new(
        RuleIds.UnboundedHole,
        "Dynamic hole without a size cap",
        RuleCategory.Cost,
        RuleSeverity.Info,
        RuleHost.Analyzer,
        hasFix: false,
        "A value inserted into a budgeted prompt without a cap makes the budget impossible to hold.",
        new[] { OverBudgetRule.Budget.Key },
        ("default", "Hole '{hole}' of prompt '{prompt}' has no size cap, so the prompt's budget of {budget} tokens cannot be held. Cap the value before it is inserted (Substring(0, N), [..N], a Truncate(N) helper)."));

    /// <inheritdoc/>
    public override RuleInfo Info => Rule;

    /// <inheritdoc/>
    public override IReadOnlyList<RuleSetting> Settings { get; } = new RuleSetting[] { OverBudgetRule.Budget };

    /// <inheritdoc/>
    public override bool Evaluates => true;

    /// <inheritdoc/>
    internal override void Evaluate(RuleInput i)
    {
        if ((i.Template.Budget ?? i.Settings.Get(OverBudgetRule.Budget)) is not { } budget)
        {
            return;
        }

        foreach (var hole in i.Holes.Where(h => h.Cap is null))
        {
            i.Report(Rule.Message, RuleTarget.Prompt, null, ("hole", hole.Text), ("prompt", i.Measurement.Id), ("budget", N(budget)));
        }
    }
}
