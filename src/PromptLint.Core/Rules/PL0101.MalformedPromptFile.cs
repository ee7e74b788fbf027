using PromptLint.Contracts.Rules;
using PromptLint.Core.Engine;

namespace PromptLint.Core.Rules;

/// <summary>PL0101: a prompt file, or a part of it, cannot be read; the problems come from the front ends (<see cref="FrontEnds.PromptFileReader"/>).</summary>
public sealed class MalformedPromptFileRule : PromptRule
{
    /// <summary>Its catalogue entry.</summary>
    internal static readonly RuleInfo Rule = new(
        RuleIds.MalformedPromptFile,
        "Prompt file is malformed",
        RuleCategory.Configuration,
        RuleSeverity.Warning,
        RuleHost.Analyzer,
        hasFix: false,
        "A prompt file, or a part of it, could not be read; what could not be read is not measured.",
        new[] { SettingKeys.MaxPromptFileChars, SettingKeys.MaxNestingDepth },
        ("default", "Prompt file '{file}' has a problem: {problem}. Fix the file, or remove it from the PromptLintFile items."));

    /// <inheritdoc/>
    public override RuleInfo Info => Rule;
}
