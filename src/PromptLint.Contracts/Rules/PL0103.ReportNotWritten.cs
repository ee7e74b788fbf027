namespace PromptLint.Contracts.Rules;

/// <summary>PL0103: the MSBuild task (PromptLint.Tasks) could not write the report or the baseline; the task logs it.</summary>
internal static class ReportNotWrittenRule
{
    /// <summary>Its catalogue entry.</summary>
    public static readonly RuleInfo Rule = new(
        RuleIds.ReportNotWritten,
        "Report not written",
        RuleCategory.None,
        RuleSeverity.Warning,
        RuleHost.Task,
        hasFix: false,
        "The MSBuild task could not write the footprint report or the baseline, or could not use the analyzer's measurements.",
        new string[0],
        ("refused", "PromptLint wrote no report: {reason}. Rebuild; if this persists, check that analyzers run for this project."),
        ("update-refused", "PromptLint did not update the baseline: {reason}. The committed baseline is unchanged."),
        ("failed", "PromptLint could not write its report: {problem}."));
}
