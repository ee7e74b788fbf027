using PromptLint.Contracts.Rules;
using PromptLint.Core.Engine;

namespace PromptLint.Core.Rules;

/// <summary>PL9000: a measurement as an info diagnostic, reported only when PromptLintEmitMeasurements is true.</summary>
public sealed class PromptMeasuredRule : PromptRule
{
    /// <summary>Its catalogue entry.</summary>
    internal static readonly RuleInfo Rule = new(
        RuleIds.PromptMeasured,
        "Prompt measured",
        RuleCategory.Measurement,
        RuleSeverity.Info,
        RuleHost.Analyzer,
        hasFix: false,
        "Each measured prompt as an info diagnostic, to read its count where it is declared (for example in the IDE). Off unless PromptLintEmitMeasurements is true; the build's report does not depend on it.",
        new string[0],
        ("default", "Prompt '{prompt}' sends {tokens} static tokens on every call ({prefix} in the cacheable prefix; dynamic holes: {holes}), counted with {tokenizer}."));

    /// <inheritdoc/>
    public override RuleInfo Info => Rule;
}
