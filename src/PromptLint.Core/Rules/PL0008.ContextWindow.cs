using static PromptLint.Core.Engine.StaticTextSaving;

using PromptLint.Contracts.Rules;
using PromptLint.Core.Engine;

namespace PromptLint.Core.Rules;

/// <summary>PL0008: static tokens, hole caps and the output cap together exceed the model's context window.</summary>
public sealed class ContextWindowRule : PromptRule
{
    internal static readonly RuleInfo Rule = new(
        RuleIds.ExceedsContextWindow,
        "Prompt exceeds the model's context window",
        RuleCategory.Cost,
        RuleSeverity.Error,
        RuleHost.Analyzer,
        hasFix: false,
        "Static tokens, hole caps and the output cap together do not fit the model's context window.",
        new string[0],
        ("default", "Prompt '{prompt}' needs up to {total} tokens ({staticTokens} static, {holeTokens} from capped holes, {output} output) but {model}'s context window is {window}. Shrink the prompt or its caps, or use a model with a larger window."));

    /// <inheritdoc/>
    public override RuleInfo Info => Rule;

    /// <inheritdoc/>
    public override bool Evaluates => true;

    /// <inheritdoc/>
    internal override void Evaluate(RuleInput i)
    {
        if (i.Model is not { ContextWindow: > 0 } model)
        {
            return;
        }

        var m = i.Measurement;
        var holeTokens = i.CappedHoleTokens;
        var output = i.Template.OutputCap ?? 0;
        var total = m.StaticTokens + holeTokens + output;
        if (total > model.ContextWindow)
        {
            i.Report(Rule.Message, RuleTarget.Prompt, null, ("prompt", m.Id), ("total", N(total)), ("staticTokens", N(m.StaticTokens)), ("holeTokens", N(holeTokens)), ("output", N(output)), ("model", model.Id), ("window", N(model.ContextWindow)));
        }
    }
}
