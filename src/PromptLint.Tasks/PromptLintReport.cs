using System;
using System.Globalization;
using System.IO;
using System.Linq;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using System.Collections.Generic;
using PromptLint.Core.Baseline;
using PromptLint.Core.Pricing;
using PromptLint.Core.Reporting;

namespace PromptLint.Tasks;

/// <summary>
/// Runs after compilation: reads the measurements the analyzer left in the compiler's SARIF log, writes
/// <c>report.json</c>, rewrites the baseline on request and prints one summary line. It measures nothing itself.
/// </summary>
public sealed class PromptLintReport : Task
{
    /// <summary>The compiler's SARIF 2.1 error log.</summary>
    [Required]
    public string ErrorLog { get; set; } = string.Empty;

    /// <summary>Project name written to the report.</summary>
    [Required]
    public string ProjectName { get; set; } = string.Empty;

    /// <summary>Directory that report paths are relative to.</summary>
    [Required]
    public string ProjectDirectory { get; set; } = string.Empty;

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

    /// <summary>False when the analyzer was told not to emit measurements (PromptLintEmitMeasurements=false): there is then nothing to report.</summary>
    public bool MeasurementsEnabled { get; set; } = true;

    /// <summary>The report written.</summary>
    [Output]
    public string ReportFile { get; set; } = string.Empty;

    /// <inheritdoc />
    public override bool Execute()
    {
        try
        {
            return Run();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            Warn(ErrorLog, 0, 0, "PromptLint could not write its report: {0}.", ex.Message);
            return true;
        }
    }

    private bool Run()
    {
        var projectDirectory = Path.GetFullPath(ProjectDirectory);
        if (!MeasurementsEnabled)
        {
            if (UpdateBaseline)
            {
                // Without measurements an update would write an empty baseline over the committed one.
                Warn(BaselineFile, 0, 0, "PromptLint did not update the baseline: PromptLintEmitMeasurements is false, so no prompt was measured. Build without -p:PromptLintEmitMeasurements=false.");
            }

            return true;
        }

        if (!File.Exists(ErrorLog))
        {
            Log.LogMessage(MessageImportance.Normal, "PromptLint: no compiler log at {0}; nothing to report.", ErrorLog);
            return true;
        }

        var contents = SarifReader.Read(File.ReadAllText(ErrorLog), path => Relative(projectDirectory, path));
        var report = ReportBuilder.Build(ProjectName, contents.Prompts, contents.Diagnostics);

        ReportFile = Path.Combine(ReportDirectory, "report.json");
        AtomicFile.WriteIfChanged(ReportFile, ReportJsonWriter.Write(report));
        var markdownFile = Path.Combine(ReportDirectory, "report.md");
        var (removed, regressed, threshold, catalog) = ReportInputs(report, contents);
        var markdown = ReportMarkdownWriter.Write(report, removed, regressed, threshold, catalog);
        AtomicFile.WriteIfChanged(markdownFile, markdown);
        if (HtmlReport)
        {
            AtomicFile.WriteIfChanged(Path.Combine(ReportDirectory, "report.html"), ReportHtmlWriter.Write(report, removed, regressed, threshold, catalog));
        }

        PublishToCi(markdownFile, markdown);

        if (UpdateBaseline)
        {
            WriteBaseline(report);
        }

        var total = report.Prompts.Sum(p => p.StaticTokens);
        Log.LogMessage(
            MessageImportance.High,
            "PromptLint: {0} prompt{1}, {2} tokens, {3}, report: {4}",
            Format(report.Prompts.Count),
            report.Prompts.Count == 1 ? string.Empty : "s",
            Format(total),
            VersusBaseline(report),
            Relative(projectDirectory, markdownFile));
        return true;
    }

    // What report.md and report.html need besides the measurements: removed prompts, regressions, threshold, prices.
    private (List<BaselineEntry> Removed, HashSet<string> Regressed, double Threshold, ModelCatalog Catalog) ReportInputs(FootprintReport report, SarifReader.Contents contents)
    {
        var removed = new List<BaselineEntry>();
        if (File.Exists(BaselineFile))
        {
            var baseline = BaselineSerializer.Parse(File.ReadAllText(BaselineFile));
            if (baseline.IsUsable)
            {
                var ids = new HashSet<string>(report.Prompts.Select(p => p.Id), StringComparer.Ordinal);
                removed.AddRange(baseline.Entries.Values.Where(e => !ids.Contains(e.Id)));
            }
        }

        var catalog = ModelCatalog.Shipped;
        if (!string.IsNullOrEmpty(ModelDataFile) && File.Exists(ModelDataFile))
        {
            catalog = catalog.With(ModelCatalog.Parse(File.ReadAllText(ModelDataFile), out _));
        }

        var regressed = new HashSet<string>(contents.Diagnostics.Where(d => d.Id == "PL0001" && d.PromptId is not null).Select(d => d.PromptId!), StringComparer.Ordinal);
        var threshold = double.TryParse(RegressionThreshold, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed : 5;
        return (removed, regressed, threshold, catalog);
    }

    // GitHub Actions shows GITHUB_STEP_SUMMARY under the job; Azure Pipelines attaches an uploaded summary to the run.
    private void PublishToCi(string markdownFile, string markdown)
    {
        var summary = Environment.GetEnvironmentVariable("GITHUB_STEP_SUMMARY");
        if (!string.IsNullOrEmpty(summary))
        {
            File.AppendAllText(summary, markdown + "\n", new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        }

        if (string.Equals(Environment.GetEnvironmentVariable("TF_BUILD"), "True", StringComparison.OrdinalIgnoreCase))
        {
            Log.LogMessage(MessageImportance.High, "##vso[task.uploadsummary]{0}", Path.GetFullPath(markdownFile));
        }
    }

    // New prompts add their whole footprint; prompts with a baseline add their delta.
    private static string VersusBaseline(FootprintReport report)
    {
        var known = report.Prompts.Where(p => p.Delta is not null).ToList();
        if (known.Count == 0)
        {
            return "no baseline";
        }

        var fresh = report.Prompts.Where(p => p.Delta is null).ToList();
        var delta = known.Sum(p => p.Delta!.Value) + fresh.Sum(p => p.StaticTokens);
        var text = (delta >= 0 ? "+" : string.Empty) + Format(delta) + " vs baseline";
        return fresh.Count == 0 ? text : $"{text} ({Format(fresh.Count)} new)";
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
                Log.LogWarning(null, BaselineUnreadableId, null, HelpLink(BaselineUnreadableId), BaselineFile, fatal.Line, fatal.Column, 0, 0, "PromptLint replaced the unreadable baseline ({0}) with the current measurements. Review the change before committing it.", fatal.Message);
            }
        }

        var written = AtomicFile.WriteIfChanged(BaselineFile, content);
        Log.LogMessage(
            MessageImportance.High,
            written
                ? "PromptLint: baseline {0} updated with {1} prompt{2}; commit it to accept the current footprint."
                : "PromptLint: baseline {0} already matches the current {1} prompt{2}.",
            display,
            Format(report.Prompts.Count),
            report.Prompts.Count == 1 ? string.Empty : "s");
    }

    private const string ReportFailedId = "PL0103";
    private const string BaselineUnreadableId = "PL0100";

    private static string HelpLink(string id) => "https://github.com/promptlint/promptlint/blob/main/docs/rules/" + id + ".md";

    private void Warn(string file, int line, int column, string message, params object[] args)
        => Log.LogWarning(null, ReportFailedId, null, HelpLink(ReportFailedId), file, line, column, 0, 0, message, args);

    internal static string Relative(string directory, string path)
    {
        var full = Path.GetFullPath(path).Replace('\\', '/');
        var root = directory.Replace('\\', '/').TrimEnd('/') + "/";
        return full.StartsWith(root, StringComparison.OrdinalIgnoreCase) ? full.Substring(root.Length) : full;
    }

    private static string Format(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
