using PromptLint.Contracts.Rules;
using PromptLint.Core.Engine;

namespace PromptLint.Core.Rules;

/// <summary>PL0104: an unexpected failure on one prompt, reported instead of stopping the analysis.</summary>
public sealed class AnalysisFailedRule : PromptRule
{
    /// <summary>Its catalogue entry.</summary>
    internal static readonly RuleInfo Rule = new(
        RuleIds.AnalysisFailed,
        "PromptLint could not analyze a prompt",
        RuleCategory.Configuration,
        RuleSeverity.Warning,
        RuleHost.Analyzer,
        hasFix: false,
        "An unexpected failure while reading, folding or checking one prompt. It is reported here instead of stopping the analysis, so the rest of the project is still measured.",
        new string[0],
        ("default", "PromptLint could not analyze {what}: {problem}. The other prompts are still measured; this one is missing from the report and the baseline. Please report it with the code or file that triggers it."));

    /// <inheritdoc/>
    public override RuleInfo Info => Rule;
}
