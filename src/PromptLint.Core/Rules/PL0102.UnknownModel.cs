using PromptLint.Contracts.Rules;
using PromptLint.Core.Engine;

namespace PromptLint.Core.Rules;

/// <summary>PL0102: a model with no known tokenizer; <see cref="PromptLint.Counting.Tokenizers.TokenizerRegistry"/> decides.</summary>
public sealed class UnknownModelRule : PromptRule
{
    /// <summary>Its catalogue entry.</summary>
    internal static readonly RuleInfo Rule = new(
        RuleIds.UnknownModel,
        "Unknown model",
        RuleCategory.Configuration,
        RuleSeverity.Warning,
        RuleHost.Analyzer,
        hasFix: false,
        "The model has no known tokenizer; counts are estimates and may be off.",
        new[] { SettingKeys.Model },
        ("default", "Model '{model}' is not known to PromptLint, so its prompts are counted with {encoding} as an estimate. Name a known model where '{model}' is set (in the code or prompt file, PromptLintModel or 'promptlint.model')."));

    /// <inheritdoc/>
    public override RuleInfo Info => Rule;
}
