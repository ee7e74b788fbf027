using System.Collections.Generic;

using PromptLint.Contracts.Reporting;

namespace PromptLint.Contracts.Handover;

/// <summary>
/// What one compilation's analysis hands to the build: which project, target framework and PromptLint version
/// produced it, how many prompts it saw, their measurements and every finding with the severity the build gave it.
/// The analyzer writes it in command-line builds only; the MSBuild task refuses a record that does not describe the
/// project and target framework it is building, or that is older than the compile's inputs.
/// </summary>
public sealed class RunRecord
{
    /// <summary>Version of this file's shape.</summary>
    public const int CurrentSchemaVersion = 2;

    /// <summary>The PromptLint version that wrote the record (its informational version).</summary>
    public string PromptLintVersion { get; set; } = string.Empty;

    /// <summary>Full path of the project file the compilation belongs to.</summary>
    public string ProjectFile { get; set; } = string.Empty;

    /// <summary>The target framework compiled (empty for a project that does not set one).</summary>
    public string TargetFramework { get; set; } = string.Empty;

    /// <summary>True when the C# front end ran (<c>PromptLintAnalyzeCode</c> was not false).</summary>
    public bool AnalyzedCode { get; set; }

    /// <summary>Prompt files handed to the analyzer.</summary>
    public int PromptFiles { get; set; }

    /// <summary>Number of prompts measured (also when only the header was read).</summary>
    public int PromptCount { get; set; }

    /// <summary>
    /// The report files the analyzer rendered itself (full paths), for a single-target command-line build; empty when
    /// the MSBuild task renders them.
    /// </summary>
    public List<string> Reports { get; } = new();

    /// <summary>The build's summary line for <see cref="Reports"/> (empty when there are none).</summary>
    public string Summary { get; set; } = string.Empty;

    /// <summary>Prompts measured, sorted by id.</summary>
    public List<ReportPrompt> Prompts { get; } = new();

    /// <summary>Findings, with the severity the build reported them at (suppressed ones left out).</summary>
    public List<ReportDiagnostic> Diagnostics { get; } = new();

    /// <summary>Milliseconds per phase, summed over threads, when the build asked for them (<c>PromptLintTimings</c>).</summary>
    public SortedDictionary<string, long> Timings { get; } = new(System.StringComparer.Ordinal);
}
