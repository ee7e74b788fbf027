using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using PromptLint.Contracts.Baseline;
using PromptLint.Contracts.Pricing;
using PromptLint.Contracts.Reporting;
using PromptLint.Contracts.Rules;
using PromptLint.Reporting;
using PromptLint.Shared;

namespace PromptLint.Tasks;

/// <summary>
/// Runs after compilation: reads the run records the analyzer wrote (one per target framework), writes
/// <c>report.json</c> and <c>report.md</c>, rewrites the baseline on request and prints one summary line. It measures
/// nothing itself. It refuses, with PL0103 and the reason, to report or write a baseline from records that do not
/// describe this project's last compile; the committed baseline is then left exactly as it was.
/// </summary>
public sealed class PromptLintReport : Task
{
    /// <summary>Project name written to the report.</summary>
    [Required]
    public string ProjectName { get; set; } = string.Empty;

    /// <summary>The project file; a run record must name it.</summary>
    [Required]
    public string ProjectFile { get; set; } = string.Empty;

    /// <summary>Directory that report paths are relative to.</summary>
    [Required]
    public string ProjectDirectory { get; set; } = string.Empty;

    /// <summary>The project's language (<c>$(Language)</c>): the analyzer runs in the C# compiler only.</summary>
    public string Language { get; set; } = "C#";

    /// <summary>False when the build runs no analyzers (<c>RunAnalyzers</c> or <c>RunAnalyzersDuringBuild</c> is false).</summary>
    public bool AnalyzersRun { get; set; } = true;

    /// <summary>The target framework this build reports from.</summary>
    public string TargetFramework { get; set; } = string.Empty;

    /// <summary>The run records to report, this target framework's first (metadata <c>TargetFramework</c>).</summary>
    public ITaskItem[] RunRecords { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>The compile's inputs (sources, additional files, analyzer configs): a record older than any of them is stale.</summary>
    public ITaskItem[] CompileInputs { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>The reporting target framework's intermediate folder (its own compile inputs live there).</summary>
    public string IntermediateDirectory { get; set; } = string.Empty;

    /// <summary>Where report.json goes.</summary>
    [Required]
    public string ReportDirectory { get; set; } = string.Empty;

    /// <summary>The baseline file.</summary>
    [Required]
    public string BaselineFile { get; set; } = string.Empty;

    /// <summary>Rewrite the baseline from the current measurements.</summary>
    public bool UpdateBaseline { get; set; }

    /// <summary>The regression threshold in percent, for the verdict line of report.md.</summary>
    public string RegressionThreshold { get; set; } = "5";

    /// <summary>Also write report.html (PromptLintHtmlReport).</summary>
    public bool HtmlReport { get; set; }

    /// <summary>The project's model and price overrides (PromptLintModelData), if any.</summary>
    public string ModelDataFile { get; set; } = string.Empty;

    /// <summary>Calls per day per prompt id (PromptLintTrafficFile, schema promptlint.traffic/1), if any: money per month.</summary>
    public string TrafficFile { get; set; } = string.Empty;

    /// <summary>The monthly budget for the cost change, USD (PromptLintMonthlyBudget), if any: FAIL over it, WARN over 80%.</summary>
    public string MonthlyBudget { get; set; } = string.Empty;

    /// <summary>The report written.</summary>
    [Output]
    public string ReportFile { get; set; } = string.Empty;

    /// <summary>This task's version; the analyzer that wrote a record must be the same.</summary>
    internal static string Version { get; } = typeof(PromptLintReport).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? string.Empty;

    /// <inheritdoc />
    public override bool Execute()
    {
        try
        {
            Run();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            Warn(ReportDirectory, 0, 0, TaskMessage(ReportFailed, "failed"), ex.Message);
        }

        return !Log.HasLoggedErrors;
    }

    private void Run()
    {
        var projectDirectory = Path.GetFullPath(ProjectDirectory);
        if (!string.Equals(Language, "C#", StringComparison.OrdinalIgnoreCase))
        {
            Refuse($"{ProjectName} is a {Language} project, and PromptLint's analyzer runs in the C# compiler only, so neither its code nor its prompt files are measured. Keep prompt files in a C# project to measure them");
            return;
        }

        if (!AnalyzersRun)
        {
            Refuse("this build runs no analyzers (RunAnalyzers or RunAnalyzersDuringBuild is false), so no prompt was measured");
            return;
        }

        var reports = ReportFiles.Names(HtmlReport).Select(name => Path.Combine(ReportDirectory, name)).ToArray();
        ReportFile = reports[0];
        var withMoney = !string.IsNullOrWhiteSpace(TrafficFile) || !string.IsNullOrWhiteSpace(MonthlyBudget);
        if (!UpdateBaseline && RunRecords.Length == 1 && !withMoney)
        {
            // A single-target build: the analyzer rendered the reports in the compiler; check the record and publish them.
            var headers = RunRecordSet.Read(RunRecords, ProjectFile, Version, CompileInputs, IntermediateDirectory, headersOnly: true);
            if (headers.Refusals.Count > 0)
            {
                Refuse(string.Join("; ", headers.Refusals), warn: true);
                return;
            }

            var header = headers.Records[0];
            if (header.Summary.Length > 0 && SameFiles(header.Reports, reports) && reports.All(File.Exists))
            {
                Publish(projectDirectory, reports, header.Summary, headers);
                return;
            }
        }

        var records = RunRecordSet.Read(RunRecords, ProjectFile, Version, CompileInputs, IntermediateDirectory);
        if (records.Refusals.Count > 0)
        {
            Refuse(string.Join("; ", records.Refusals), warn: true);
            return;
        }

        var stamp = new ReportStamp(ReportDirectory, StampKey(records));

        // A rebuild of unchanged prompts hands over byte-identical records: the reports of the last build stand.
        // With money inputs the verdict is logged on every run, so the reports are rendered every time (a small cost, only then).
        var summaryLine = UpdateBaseline || withMoney ? null : stamp.UnchangedSummary(reports);
        if (summaryLine is null)
        {
            var report = ReportBuilder.Build(ProjectName, records.Prompts(), records.Diagnostics());
            var baseline = File.Exists(BaselineFile) ? BaselineSerializer.Parse(File.ReadAllText(BaselineFile)) : null;
            var catalog = ModelCatalog.Shipped;
            if (!string.IsNullOrEmpty(ModelDataFile) && File.Exists(ModelDataFile))
            {
                catalog = catalog.With(ModelCatalog.Parse(File.ReadAllText(ModelDataFile), out _));
            }

            var threshold = double.TryParse(RegressionThreshold, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed : RegressionPolicy.DefaultThresholdPercent;
            var traffic = MoneyGate.ReadTraffic(this, string.IsNullOrWhiteSpace(TrafficFile) ? string.Empty : Path.Combine(projectDirectory, TrafficFile));
            var budget = MoneyGate.ReadBudget(this, MonthlyBudget);
            var rendered = ReportFiles.Render(report, baseline, catalog, threshold, HtmlReport, traffic, budget, money: withMoney);
            foreach (var file in rendered.Files())
            {
                AtomicFile.WriteIfChanged(Path.Combine(ReportDirectory, file.Key), file.Value);
            }

            if (UpdateBaseline)
            {
                WriteBaseline(report);
            }

            summaryLine = rendered.Summary;
            stamp.Save(summaryLine);
            if (!UpdateBaseline && rendered.Money is { } moneyReport)
            {
                MoneyGate.LogVerdict(this, moneyReport);
            }
        }

        Publish(projectDirectory, reports, summaryLine, records);
    }

    // The reports are this build's outputs: dated now (MSBuild skips the target while they are newer than its
    // inputs), sent to the CI summary, and summed up in one line.
    private void Publish(string projectDirectory, string[] reports, string summaryLine, RunRecordSet records)
    {
        foreach (var file in reports)
        {
            File.SetLastWriteTimeUtc(file, DateTime.UtcNow);
        }

        new CiSummary(ReportDirectory).Publish(reports[1], Log);
        Log.LogMessage(MessageImportance.High, "PromptLint: {0}, report: {1}", summaryLine, Relative(projectDirectory, reports[1]));
        LogTimings(records);
    }

    private static bool SameFiles(List<string> rendered, string[] expected)
    {
        if (rendered.Count != expected.Length)
        {
            return false;
        }

        var comparison = Path.DirectorySeparatorChar == '\\' ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        for (var i = 0; i < expected.Length; i++)
        {
            if (!string.Equals(Path.GetFullPath(rendered[i]), Path.GetFullPath(expected[i]), comparison))
            {
                return false;
            }
        }

        return true;
    }

    // No report from measurements that do not describe this build: the reports of an earlier build are removed so
    // nothing reads them as this one's, and a requested baseline update fails with the committed file untouched.
    private void Refuse(string reason, bool warn = false)
    {
        foreach (var name in new[] { "report.json", "report.md", "report.html", ".report-inputs" })
        {
            var path = Path.Combine(ReportDirectory, name);
            if (File.Exists(path))
            {
                File.Delete(path);
            }
        }

        if (UpdateBaseline)
        {
            Log.LogError(null, ReportFailed.Id, null, ReportFailed.HelpLink, BaselineFile, 0, 0, 0, 0, TaskMessage(ReportFailed, "update-refused"), reason);
        }
        else if (warn)
        {
            Warn(ProjectFile, 0, 0, TaskMessage(ReportFailed, "refused"), reason);
        }
        else
        {
            Log.LogMessage(MessageImportance.High, "PromptLint wrote no report: {0}.", reason);
        }
    }

    // Everything the reports are made from: the records as written, the baseline, the model data and the settings.
    private string StampKey(RunRecordSet records)
    {
        var key = new System.Text.StringBuilder();
        key.Append(Version).Append('\n').Append(ProjectName).Append('\n').Append(RegressionThreshold).Append('\n').Append(HtmlReport).Append('\n');
        foreach (var text in records.Texts)
        {
            key.Append(text.Length).Append(':').Append(text);
        }

        key.Append('\n').Append(MonthlyBudget);
        foreach (var file in new[] { BaselineFile, ModelDataFile, string.IsNullOrWhiteSpace(TrafficFile) ? string.Empty : Path.Combine(ProjectDirectory, TrafficFile) })
        {
            key.Append('\n').Append(!string.IsNullOrEmpty(file) && File.Exists(file) ? File.ReadAllText(file) : "-");
        }

        return ReportStamp.Hash(key.ToString());
    }

    private void LogTimings(RunRecordSet records)
    {
        foreach (var record in records.Records.Where(r => r.Timings.Count > 0))
        {
            Log.LogMessage(
                MessageImportance.High,
                "PromptLint timings ({0}, ms, summed over the compiler's threads): {1}",
                string.IsNullOrEmpty(record.TargetFramework) ? ProjectName : record.TargetFramework,
                string.Join(", ", record.Timings.Select(t => t.Key + " " + t.Value.ToString(CultureInfo.InvariantCulture))));
        }
    }

    private void WriteBaseline(FootprintReport report)
    {
        var content = BaselineSerializer.Write(ReportBuilder.ToBaseline(report));
        var display = Relative(Path.GetFullPath(ProjectDirectory), Path.GetFullPath(BaselineFile));
        if (File.Exists(BaselineFile))
        {
            var existing = BaselineSerializer.Parse(File.ReadAllText(BaselineFile));
            var fatal = existing.Problems.FirstOrDefault(p => p.IsFatal);
            if (fatal is not null)
            {
                // Replacing an unreadable baseline is what the user asked for, but never silently.
                Log.LogWarning(null, BaselineUnreadable.Id, null, BaselineUnreadable.HelpLink, BaselineFile, fatal.Line, fatal.Column, 0, 0, TaskMessage(BaselineUnreadable, "replaced"), fatal.Message);
            }
        }

        bool written;
        try
        {
            written = AtomicFile.WriteIfChanged(BaselineFile, content);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The update was asked for and did not happen: an error, so a script or CI step that accepts a change does
            // not go on as if the baseline had moved. The write goes through a temporary file, so the committed one is
            // as it was.
            Log.LogError(null, ReportFailed.Id, null, ReportFailed.HelpLink, BaselineFile, 0, 0, 0, 0, TaskMessage(ReportFailed, "update-refused"), $"{display} could not be written ({ex.Message})");
            return;
        }

        Log.LogMessage(
            MessageImportance.High,
            written
                ? "PromptLint: baseline {0} updated with {1} prompt{2}; commit it to accept the current footprint."
                : "PromptLint: baseline {0} already matches the current {1} prompt{2}.",
            display,
            Format(report.Prompts.Count),
            report.Prompts.Count == 1 ? string.Empty : "s");
    }

    // The rules the task logs. Their catalogue entries live in PromptLint.Contracts; the rest of the catalogue is in
    // PromptLint.Core, which the task does not load.
    private static readonly RuleInfo ReportFailed = ReportNotWrittenRule.Rule;
    private static readonly RuleInfo BaselineUnreadable = BaselineUnreadableRule.Rule;

    // The task's messages are the catalogue's (one argument each, so the positional format fits MSBuild's logging).
    private static string TaskMessage(RuleInfo rule, string name) => rule.MessageNamed(name).Format;

    private void Warn(string file, int line, int column, string message, params object[] args)
        => Log.LogWarning(null, ReportFailed.Id, null, ReportFailed.HelpLink, file, line, column, 0, 0, message, args);

    internal static string Relative(string directory, string path)
    {
        var full = Path.GetFullPath(path).Replace('\\', '/');
        var root = directory.Replace('\\', '/').TrimEnd('/') + "/";
        return full.StartsWith(root, StringComparison.OrdinalIgnoreCase) ? full.Substring(root.Length) : full;
    }

    private static string Format(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
