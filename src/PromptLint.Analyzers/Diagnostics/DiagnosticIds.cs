namespace PromptLint.Analyzers.Diagnostics;

/// <summary>Every PromptLint rule id, in one place. Ids are permanent: add, never renumber.</summary>
public static class DiagnosticIds
{
    /// <summary>Token footprint regressed past the threshold.</summary>
    public const string FootprintRegressed = "PL0001";

    /// <summary>Prompt missing from the baseline, or baseline entry without a prompt.</summary>
    public const string BaselineMismatch = "PL0002";

    /// <summary>Baseline unreadable.</summary>
    public const string BaselineUnreadable = "PL0100";

    /// <summary>Malformed prompt file.</summary>
    public const string MalformedPromptFile = "PL0101";

    /// <summary>Unknown model.</summary>
    public const string UnknownModel = "PL0102";

    /// <summary>The MSBuild task could not write the report or the baseline (logged by the task, not the analyzer).</summary>
    public const string ReportNotWritten = "PL0103";

    /// <summary>Measurement record handed to the build (and visible in the IDE when enabled).</summary>
    public const string PromptMeasured = "PL9000";
}
