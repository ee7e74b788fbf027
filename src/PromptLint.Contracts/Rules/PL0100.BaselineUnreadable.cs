namespace PromptLint.Contracts.Rules;

/// <summary>PL0100: the committed baseline cannot be read; the problems come from <see cref="PromptLint.Contracts.Baseline.BaselineSerializer"/>.</summary>
internal static class BaselineUnreadableRule
{
    /// <summary>Its catalogue entry.</summary>
    public static readonly RuleInfo Rule = new(
        RuleIds.BaselineUnreadable,
        "Baseline file cannot be read",
        RuleCategory.Configuration,
        RuleSeverity.Warning,
        RuleHost.Analyzer,
        hasFix: false,
        "The committed baseline is not valid (merge-conflict markers, bad JSON, wrong schema). No regression gate runs until it is fixed; it is never overwritten silently.",
        new string[0],
        ("default", "The baseline '{file}' cannot be read: {problem}. Fix it by hand, or regenerate it with 'dotnet build -p:PromptLintUpdateBaseline=true'."),
        ("task:replaced", "PromptLint replaced the unreadable baseline ({problem}) with the current measurements. Review the change before committing it."));
}
