using PromptLint.Contracts.Rules;
using PromptLint.Core.Engine;

namespace PromptLint.Core.Rules;

/// <summary>PL0002: a prompt without a baseline entry (a warning) or a baseline entry without a prompt (reported as info, inside the baseline file).</summary>
public sealed class BaselineMismatchRule : PromptRule
{
    /// <summary>Its catalogue entry.</summary>
    internal static readonly RuleInfo Rule = new(
        RuleIds.BaselineMismatch,
        "Prompt and baseline disagree",
        RuleCategory.Cost,
        RuleSeverity.Warning,
        RuleHost.Analyzer,
        hasFix: true,
        "A prompt has no baseline entry (its growth is not gated), or a baseline entry names a prompt that no longer exists.",
        new string[0],
        ("new", "Prompt '{prompt}' ({tokens} tokens) is not in the baseline, so its growth is not gated. Accept it with 'dotnet build -p:PromptLintUpdateBaseline=true' and commit the baseline."),
        ("orphan", "Baseline entry '{prompt}' has no prompt any more. Remove it with 'dotnet build -p:PromptLintUpdateBaseline=true' and commit the baseline."));

    /// <inheritdoc/>
    public override RuleInfo Info => Rule;
}
