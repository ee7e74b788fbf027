namespace PromptLint.Contracts.Reporting;

/// <summary>A PromptLint diagnostic as listed in <c>report.json</c>.</summary>
public sealed class ReportDiagnostic
{
    /// <summary>Rule id (PLxxxx).</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>error, warning or info.</summary>
    public string Severity { get; set; } = string.Empty;

    /// <summary>File relative to the project.</summary>
    public string File { get; set; } = string.Empty;

    /// <summary>1-based line.</summary>
    public int Line { get; set; }

    /// <summary>The prompt the diagnostic is about, when the analyzer said (written to report.json only when known).</summary>
    public string? PromptId { get; set; }

    /// <summary>Tokens per call that fixing the finding saves (or, for PL0004, lets the provider cache), when the rule says.</summary>
    public int? TokensSaved { get; set; }

    /// <summary>The message as the build printed it.</summary>
    public string Message { get; set; } = string.Empty;
}
