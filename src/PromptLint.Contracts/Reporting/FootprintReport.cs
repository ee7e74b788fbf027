using System.Collections.Generic;

namespace PromptLint.Contracts.Reporting;

/// <summary>The footprint of one project: the contract of <c>report.json</c> (schema version 1).</summary>
public sealed class FootprintReport
{
    /// <summary>Current schema version.</summary>
    public const int CurrentSchemaVersion = 1;

    /// <summary>Project name.</summary>
    public string Project { get; set; } = string.Empty;

    /// <summary>Prompts, sorted by id.</summary>
    public List<ReportPrompt> Prompts { get; } = new();

    /// <summary>PromptLint diagnostics other than measurements, in a stable order.</summary>
    public List<ReportDiagnostic> Diagnostics { get; } = new();
}
