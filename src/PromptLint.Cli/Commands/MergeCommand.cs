using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Threading;

using PromptLint.Contracts.Pricing;
using PromptLint.Contracts.Reporting;
using PromptLint.Reporting;

namespace PromptLint.Cli.Commands;

/// <summary><c>promptlint merge REPORTS…</c>: the reports of a solution's projects as one pull-request comment (rendered by <see cref="MergeMarkdownWriter"/>).</summary>
internal static class MergeCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var reports = new Argument<string[]>("reports") { Description = "report.json files, folders or globs (**/obj/promptlint/report.json).", Arity = ArgumentArity.OneOrMore };
        var output = CommonOptions.Output("the Markdown");
        var regression = new RegressionOptions();
        var command = new Command("merge", "Merge the reports of a solution's projects into one pull-request comment.") { reports, output, regression.Threshold };
        CommandAction.Set(command, stderr, (result, cancellation) => Run(result.GetValue(reports)!, result.GetValue(output), result.GetValue(regression.Threshold), stdout, stderr, cancellation));
        return command;
    }

    /// <summary>Merges the reports of several projects into one Markdown comment with per-project subtotals; exit code 1 when one regressed.</summary>
    public static int Run(IReadOnlyList<string> patterns, string? outputPath, double thresholdPercent, TextWriter output, TextWriter error, CancellationToken cancellation = default)
    {
        var files = patterns.SelectMany(Expand).Distinct(StringComparer.Ordinal).OrderBy(f => f, StringComparer.Ordinal).ToList();
        if (files.Count == 0)
        {
            error.WriteLine("promptlint: no report.json matched " + string.Join(", ", patterns));
            return ExitCodes.BadInput;
        }

        var reports = new List<FootprintReport>();
        for (var i = 0; i < files.Count; i++)
        {
            cancellation.ThrowIfCancellationRequested();
            error.WriteLine($"[{i + 1}/{files.Count}] {files[i]}");
            if (!ReportArguments.TryRead(files[i], error, out var report))
            {
                return ExitCodes.BadInput;
            }

            reports.Add(report);
        }

        ReportArguments.Emit(MergeMarkdownWriter.Write(reports, thresholdPercent, ModelCatalog.Shipped), outputPath, output);
        return reports.Any(r => MergeMarkdownWriter.RegressedIds(r).Count > 0) ? ExitCodes.Regressed : ExitCodes.Ok;
    }

    // A pattern is a file, a folder (searched for report.json) or a path with * and ** wildcards.
    private static IEnumerable<string> Expand(string pattern)
    {
        if (File.Exists(pattern))
        {
            return new[] { pattern };
        }

        if (Directory.Exists(pattern))
        {
            return Directory.EnumerateFiles(pattern, "report.json", SearchOption.AllDirectories);
        }

        var normalized = pattern.Replace('\\', '/');
        var firstWildcard = normalized.IndexOf('*');
        if (firstWildcard < 0)
        {
            return Array.Empty<string>();
        }

        var root = normalized.Substring(0, normalized.LastIndexOf('/', firstWildcard) + 1);
        var rootDirectory = root.Length == 0 ? "." : root;
        if (!Directory.Exists(rootDirectory))
        {
            return Array.Empty<string>();
        }

        var regex = Check.PromptWorkspace.Glob(normalized.Substring(root.Length));
        return Directory.EnumerateFiles(rootDirectory, "*", SearchOption.AllDirectories)
            .Where(f => regex.IsMatch(f.Replace('\\', '/').Substring(rootDirectory.Length).TrimStart('/')))
            .Select(f => f.Replace('\\', '/'));
    }
}
