using PromptLint.Contracts.Rules;
using PromptLint.Core.Engine;

namespace PromptLint.Core.Rules;

/// <summary>PL0001: a prompt's static token count grew past the regression threshold against the committed baseline. The comparison is <see cref="PromptLint.Contracts.Baseline.RegressionPolicy"/>'s; the analyzer reports it.</summary>
public sealed class FootprintRegressedRule : PromptRule
{
    /// <summary>Its catalogue entry.</summary>
    internal static readonly RuleInfo Rule = new(
        RuleIds.FootprintRegressed,
        "Prompt token footprint regressed",
        RuleCategory.Cost,
        RuleSeverity.Error,
        RuleHost.Analyzer,
        hasFix: true,
        "The prompt's static token count grew past the regression threshold against the committed baseline. Every call pays for those tokens.",
        new[] { SettingKeys.RegressionThreshold, SettingKeys.RegressionMinTokens },
        ("default", "Prompt '{prompt}' grew from {baseline} to {current} tokens ({growth}, limit +{percent}% and {tokens} tokens). Trim it, or accept the growth with 'dotnet build -p:PromptLintUpdateBaseline=true' and commit the baseline."));

    /// <inheritdoc/>
    public override RuleInfo Info => Rule;
}
