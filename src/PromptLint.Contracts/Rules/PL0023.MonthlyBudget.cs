namespace PromptLint.Contracts.Rules;

/// <summary>
/// PL0023: with a traffic file (<c>PromptLintTrafficFile</c>) the change in money per month goes over the monthly budget
/// (<c>PromptLintMonthlyBudget</c>; an error), or over 80% of it (a warning); or the traffic file cannot be used (a warning:
/// no money per month is computed, nothing is failed on it). The MSBuild task logs it, so its entry lives here.
/// </summary>
internal static class MonthlyBudgetRule
{
    /// <summary>Its catalogue entry.</summary>
    public static readonly RuleInfo Rule = new(
        RuleIds.MonthlyBudget,
        "Monthly cost change over budget",
        RuleCategory.Cost,
        RuleSeverity.Error,
        RuleHost.Task,
        hasFix: false,
        "At the traffic of the traffic file, the change in the prompts' cost per call adds up to more money per month than the monthly budget allows (or more than 80% of it), or the traffic file cannot be used.",
        new string[0],
        ("over", "The prompts' cost change adds {monthly} a month at {traffic}, over the monthly budget of {budget}; largest: {largest}. Undo the costliest change, or raise PromptLintMonthlyBudget in the same pull request."),
        ("near", "The prompts' cost change adds {monthly} a month at {traffic}, over 80% of the monthly budget of {budget}; largest: {largest}. Check the costliest change before it passes the budget."),
        ("traffic", "The traffic file cannot be used: {problem}. Fix it, or remove PromptLintTrafficFile; until then the report shows no money per month."));
}
