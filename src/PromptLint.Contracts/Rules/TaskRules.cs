namespace PromptLint.Contracts.Rules;

/// <summary>
/// The rules whose entries live here rather than in Core, because the MSBuild task, which does not load Core, logs
/// them (PL0103, PL0023) or reads their messages (PL0100). Core's catalogue adds them to its own list of rules.
/// </summary>
internal static class TaskRules
{
    /// <summary>Their entries.</summary>
    public static readonly RuleInfo[] All = { BaselineUnreadableRule.Rule, ReportNotWrittenRule.Rule, MonthlyBudgetRule.Rule };
}
