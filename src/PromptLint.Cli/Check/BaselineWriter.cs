using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using PromptLint.Contracts.Baseline;
using PromptLint.Contracts.Reporting;
using PromptLint.Core.Checking;
using PromptLint.Core.FrontEnds;

using static PromptLint.Cli.Check.Counts;

namespace PromptLint.Cli.Check;

/// <summary>
/// <c>promptlint check --update-baseline</c> (and <c>init</c>): per project, the measured prompt files' entries, with the
/// entries this command does not answer for (prompts in C# code) kept as they are: the bytes a build writes for the
/// same prompts.
/// </summary>
internal static class BaselineWriter
{
    // --update-baseline: per project, the measured prompt files' entries, with the entries this command does not
    // answer for (prompts in C# code) kept as they are; the same bytes a build writes for the same prompts.
    public static void Write(CheckRun run, string cwd, TextWriter error)
    {
        foreach (var project in run.Projects.Where(p => !p.Stdin))
        {
            var report = ReportBuilder.Build(project.Name, project.Prompts, Array.Empty<ReportDiagnostic>());
            var entries = ReportBuilder.ToBaseline(report).ToList();
            if (project.Baseline is { IsUsable: true } old)
            {
                var measured = new HashSet<string>(entries.Select(e => e.Id), StringComparer.Ordinal);
                entries.AddRange(old.Entries.Values.Where(e => !measured.Contains(e.Id) && !OwnedByCheck(project, e.Id)));
            }

            var written = PromptLint.Shared.AtomicFile.WriteIfChanged(project.BaselinePath, BaselineSerializer.Write(entries));
            var display = PromptWorkspace.Relative(cwd, project.BaselinePath);
            error.WriteLine(written
                ? $"promptlint: baseline {display} updated with {N(entries.Count)} prompt{Plural(entries.Count)}; commit it to accept the current footprint."
                : $"promptlint: baseline {display} already matches the current {N(entries.Count)} prompt{Plural(entries.Count)}.");
        }
    }

    // A baseline id this command answers for: a prompt file it checked, or the path of a prompt file that is gone.
    public static bool OwnedByCheck(ProjectRun project, string id)
        => project.Seen.Contains(id)
            || (PromptFileKinds.Detect(id) is not PromptFileKind.Unknown and not PromptFileKind.SemanticKernelConfig
                && PromptWorkspace.MatchesDefaultGlobs(id)
                && !File.Exists(Path.Combine(project.Root, id)));
}
