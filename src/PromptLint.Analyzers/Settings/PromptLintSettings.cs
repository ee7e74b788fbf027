using System;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis.Diagnostics;
using PromptLint.Contracts.Baseline;
using PromptLint.Core.Checking;
using PromptLint.Counting.Tokenizers;

namespace PromptLint.Analyzers.Settings;

/// <summary>
/// Project-wide settings (MSBuild properties made visible with <c>CompilerVisibleProperty</c>) with per-file
/// <c>.editorconfig</c> overrides (<c>promptlint.*</c> keys). Read only from analyzer options, never from disk.
/// </summary>
internal sealed class PromptLintSettings
{
    public const string ModelProperty = "build_property.PromptLintModel";
    public const string ThresholdProperty = "build_property.PromptLintRegressionThreshold";
    public const string MinTokensProperty = "build_property.PromptLintRegressionMinTokens";
    public const string UpdateBaselineProperty = "build_property.PromptLintUpdateBaseline";
    public const string ProjectDirectoryProperty = "build_property.PromptLintProjectDirectory";
    public const string EmitMeasurementsProperty = "build_property.PromptLintEmitMeasurements";
    public const string RunRecordProperty = "build_property.PromptLintRunRecord";
    public const string ProjectFileProperty = "build_property.PromptLintProjectFile";
    public const string TargetFrameworkProperty = "build_property.PromptLintTargetFramework";
    public const string TimingsProperty = "build_property.PromptLintTimings";
    public const string AnalyzeCodeProperty = "build_property.PromptLintAnalyzeCode";
    public const string RenderReportsProperty = "build_property.PromptLintRenderReports";
    public const string HtmlReportProperty = "build_property.PromptLintHtmlReport";


    public const string KindMetadata = "build_metadata.AdditionalFiles.PromptLintKind";
    public const string BaselineKind = "baseline";
    public const string ModelsKind = "models";

    private PromptLintSettings(string? model, RegressionPolicy policy, bool updateBaseline, string projectDirectory, bool analyzeCode)
    {
        AnalyzeCode = analyzeCode;
        Model = model;
        Policy = policy;
        UpdateBaseline = updateBaseline;
        ProjectDirectory = projectDirectory;
    }

    /// <summary>Project default model; null means <see cref="TokenizerRegistry.DefaultModel"/>.</summary>
    public string? Model { get; }

    public RegressionPolicy Policy { get; }

    /// <summary>True while the build rewrites the baseline: no gate diagnostics then.</summary>
    public bool UpdateBaseline { get; }

    /// <summary>Project directory with a trailing '/', or empty when unknown.</summary>
    public string ProjectDirectory { get; }

    /// <summary>Where a command-line build's run record goes (see <c>RunRecordCollector</c>); empty when none.</summary>
    public string RunRecordPath { get; private set; } = string.Empty;

    /// <summary>The project file, written into the run record so the task can tell it is this project's.</summary>
    public string ProjectFile { get; private set; } = string.Empty;

    /// <summary>The target framework compiled, written into the run record.</summary>
    public string TargetFramework { get; private set; } = string.Empty;

    /// <summary>True when each measurement is also reported as a PL9000 info diagnostic (opt-in, for the IDE).</summary>
    public bool EmitMeasurements { get; private set; }

    /// <summary>
    /// The folder the analyzer writes the report files to, set by the targets for a single-target command-line build
    /// (<c>PromptLintRenderReports</c>); empty when the MSBuild task renders them.
    /// </summary>
    public string ReportDirectory { get; private set; } = string.Empty;

    /// <summary>True when report.html is written too (<c>PromptLintHtmlReport</c>).</summary>
    public bool HtmlReport { get; private set; }

    /// <summary>True when the build asked for the time each phase took (<c>PromptLintTimings</c>).</summary>
    public bool Timings { get; private set; }

    /// <summary>False turns the C# front end off (prompt files are still measured).</summary>
    public bool AnalyzeCode { get; }

    public static PromptLintSettings Read(AnalyzerConfigOptions global)
    {
        var model = Get(global, ModelProperty);
        var policy = new RegressionPolicy(
            ParseDouble(Get(global, ThresholdProperty)) ?? RegressionPolicy.DefaultThresholdPercent,
            ParseInt(Get(global, MinTokensProperty)) ?? RegressionPolicy.DefaultMinTokens);
        var directory = (Get(global, ProjectDirectoryProperty) ?? string.Empty).Replace('\\', '/');
        if (directory.Length > 0 && !directory.EndsWith("/", StringComparison.Ordinal))
        {
            directory += "/";
        }

        return new PromptLintSettings(model, policy, IsTrue(Get(global, UpdateBaselineProperty)), directory, !string.Equals(Get(global, AnalyzeCodeProperty), "false", StringComparison.OrdinalIgnoreCase))
        {
            RunRecordPath = Get(global, RunRecordProperty) ?? string.Empty,
            ProjectFile = Get(global, ProjectFileProperty) ?? string.Empty,
            TargetFramework = Get(global, TargetFrameworkProperty) ?? string.Empty,
            Timings = IsTrue(Get(global, TimingsProperty)),
            ReportDirectory = Get(global, RenderReportsProperty) ?? string.Empty,
            HtmlReport = IsTrue(Get(global, HtmlReportProperty)),
            EmitMeasurements = IsTrue(Get(global, EmitMeasurementsProperty)),
        };
    }

    /// <summary>
    /// The settings in force for one file (a source file's, a prompt file's, or the global ones): <c>.editorconfig</c>
    /// keys for its folder win over project properties. Core's one reading of the keys, shared with <c>promptlint check</c>.
    /// </summary>
    public PromptFileOptions OptionsFor(AnalyzerConfigOptions file)
        => PromptLintOptions.ForFile(Raw(file), Model, Policy);

    /// <summary>How large and how deep a prompt file may be (<c>.editorconfig</c> keys, or the global config).</summary>
    public static Core.FrontEnds.PromptFileLimits LimitsFor(AnalyzerConfigOptions file) => PromptLintOptions.Limits(Raw(file));

    /// <summary>The options as Core's settings reader asks for them: a key's value as configured, or null.</summary>
    public static Func<string, string?> Raw(AnalyzerConfigOptions options)
        => key => options.TryGetValue(key, out var value) ? value : null;

    /// <summary>Path relative to the project with '/' separators (the id of a prompt file).</summary>
    public string RelativePath(string path)
    {
        var normalized = path.Replace('\\', '/');
        if (ProjectDirectory.Length > 0 && normalized.StartsWith(ProjectDirectory, StringComparison.OrdinalIgnoreCase))
        {
            return normalized.Substring(ProjectDirectory.Length);
        }

        return normalized.TrimStart('/');
    }

    private static string? Get(AnalyzerConfigOptions options, string key)
        => options.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static bool IsTrue(string? value) => string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);

    private static double? ParseDouble(string? value) => PromptLintOptions.ParseDouble(value);

    private static int? ParseInt(string? value) => PromptLintOptions.ParseInt(value);
}
