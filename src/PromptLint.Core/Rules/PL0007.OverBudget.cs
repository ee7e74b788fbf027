using System.Collections.Generic;
using static PromptLint.Core.Engine.StaticTextSaving;

using PromptLint.Contracts.Rules;
using PromptLint.Core.Engine;

namespace PromptLint.Core.Rules;

/// <summary>PL0007: static tokens plus the caps of the holes exceed the prompt's token budget.</summary>
public sealed class OverBudgetRule : PromptRule
{
    /// <summary><c>promptlint.budget</c>.</summary>
    public static readonly RuleSetting<int?> Budget = RuleSetting.Optional("promptlint.budget", "the token budget of prompts that declare none");

    internal static readonly RuleInfo Rule = new(
        RuleIds.OverBudget,
        "Prompt over its token budget",
        RuleCategory.Cost,
        RuleSeverity.Error,
        RuleHost.Analyzer,
        hasFix: false,
        "Static tokens plus the caps of its holes exceed the prompt's declared budget.",
        new[] { Budget.Key },
        ("default", "Prompt '{prompt}' needs up to {total} tokens ({staticTokens} static + {holeTokens} from capped holes), over its budget of {budget}. Trim the static text or lower the hole caps."));

    /// <inheritdoc/>
    public override RuleInfo Info => Rule;

    /// <inheritdoc/>
    public override IReadOnlyList<RuleSetting> Settings { get; } = new RuleSetting[] { Budget };

    /// <inheritdoc/>
    public override bool Evaluates => true;

    /// <inheritdoc/>
    internal override void Evaluate(RuleInput i)
    {
        if ((i.Template.Budget ?? i.Settings.Get(Budget)) is not { } budget)
        {
            return;
        }

        var m = i.Measurement;
        var holeTokens = i.CappedHoleTokens;
        if (m.StaticTokens + holeTokens > budget)
        {
            i.Report(Rule.Message, RuleTarget.Prompt, m.StaticTokens + holeTokens - budget, ("prompt", m.Id), ("total", N(m.StaticTokens + holeTokens)), ("staticTokens", N(m.StaticTokens)), ("holeTokens", N(holeTokens)), ("budget", N(budget)));
        }
    }
}
