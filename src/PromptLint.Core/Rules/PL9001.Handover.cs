using PromptLint.Contracts.Rules;
using PromptLint.Core.Engine;

namespace PromptLint.Core.Rules;

/// <summary>PL9001: never reported; its descriptor keeps the analyzer running in command-line builds for the hand-over.</summary>
public sealed class HandoverRule : PromptRule
{
    /// <summary>Its catalogue entry.</summary>
    internal static readonly RuleInfo Rule = new(
        RuleIds.Handover,
        "PromptLint hands its measurements to the build",
        RuleCategory.Measurement,
        RuleSeverity.Warning,
        RuleHost.Never,
        hasFix: false,
        "Never reported. The compiler skips an analyzer whose rules are all switched off; this entry cannot be switched off, so report.json and the baseline keep their measurements when every rule is silenced. Switch PromptLint off with PromptLintEnabled=false.",
        new string[0],
        ("default", "PromptLint hands its measurements to the build."));

    /// <inheritdoc/>
    public override RuleInfo Info => Rule;
}
