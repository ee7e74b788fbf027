namespace PromptLint.Contracts.Rules;

/// <summary>
/// Severities as PromptLint writes them (report.json, the run record, <c>promptlint check</c>'s output) and reads them
/// (<c>--severity</c>, config values): one spelling everywhere.
/// </summary>
public static class SeverityNames
{
    /// <summary>An error.</summary>
    public const string Error = "error";

    /// <summary>A warning.</summary>
    public const string Warning = "warning";

    /// <summary>An informational finding.</summary>
    public const string Info = "info";

    /// <summary>Switched off.</summary>
    public const string None = "none";

    /// <summary>The name of a rule's default severity.</summary>
    public static string Of(RuleSeverity severity) => severity switch
    {
        RuleSeverity.Error => Error,
        RuleSeverity.Warning => Warning,
        _ => Info,
    };

    /// <summary>
    /// A severity as a user writes it, in any case: error; warning or warn; info or suggestion; none, silent, hidden or
    /// off (<see cref="None"/>). Null for anything else.
    /// </summary>
    public static string? Parse(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "error" => Error,
        "warning" or "warn" => Warning,
        "info" or "suggestion" => Info,
        "none" or "silent" or "hidden" or "off" => None,
        _ => null,
    };
}
