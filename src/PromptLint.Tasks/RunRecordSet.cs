using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.Build.Framework;
using PromptLint.Core.Handover;
using PromptLint.Core.Reporting;

namespace PromptLint.Tasks;

/// <summary>
/// The run records a report is made of (one per target framework), each checked to describe this project, this
/// target framework and this PromptLint version, and to be at least as new as the compile's inputs. A record that
/// fails a check is refused with the reason in a sentence: the report and the baseline are never made from another
/// project's measurements, a stale run, or a build in which the analyzer did not run.
/// </summary>
internal sealed class RunRecordSet
{
    private RunRecordSet(List<RunRecord> records, List<string> texts, List<string> refusals)
    {
        Records = records;
        Texts = texts;
        Refusals = refusals;
    }

    /// <summary>The records that passed every check, in the order given (the reporting target framework first).</summary>
    public List<RunRecord> Records { get; }

    /// <summary>The accepted records' text as written.</summary>
    public List<string> Texts { get; }

    /// <summary>Why records were refused; empty when all passed.</summary>
    public List<string> Refusals { get; }

    /// <param name="items">The records, the reporting target framework's first.</param>
    /// <param name="projectFile">The project being built.</param>
    /// <param name="version">This PromptLint's version.</param>
    /// <param name="compileInputs">The reporting target framework's compile inputs.</param>
    /// <param name="intermediateDirectory">Its intermediate folder: the inputs there are its own and do not date the other target frameworks' records.</param>
    public static RunRecordSet Read(IReadOnlyList<ITaskItem> items, string projectFile, string version, IReadOnlyList<ITaskItem> compileInputs, string intermediateDirectory)
    {
        var records = new List<RunRecord>();
        var texts = new List<string>();
        var refusals = new List<string>();
        var own = string.IsNullOrEmpty(intermediateDirectory) ? null : Path.GetFullPath(intermediateDirectory).TrimEnd('/', '\\') + Path.DirectorySeparatorChar;
        var newestOwn = NewestInput(compileInputs, null);
        var newestShared = NewestInput(compileInputs, own);
        for (var index = 0; index < items.Count; index++)
        {
            var item = items[index];
            var newestInput = index == 0 ? newestOwn : newestShared;
            var path = Path.GetFullPath(item.ItemSpec);
            var framework = item.GetMetadata("TargetFramework");
            var label = string.IsNullOrEmpty(framework) ? "the project" : framework;
            if (!File.Exists(path))
            {
                refusals.Add($"the analyzer did not run in the last compile of {label} (no run record at {path}): analyzers were off for it, or the compiler stopped before analyzing");
                continue;
            }

            RunRecord record;
            var text = File.ReadAllText(path);
            try
            {
                record = RunRecordJson.Read(text);
            }
            catch (InvalidDataException ex)
            {
                refusals.Add($"the run record of {label} at {path} cannot be read: {ex.Message}");
                continue;
            }

            if (!SamePath(record.ProjectFile, projectFile))
            {
                refusals.Add($"the run record at {path} describes {Display(record.ProjectFile)}, not this project; give each project its own intermediate folder");
                continue;
            }

            if (!string.Equals(record.TargetFramework, framework, StringComparison.OrdinalIgnoreCase))
            {
                refusals.Add($"the run record at {path} describes target framework '{record.TargetFramework}', not '{framework}'");
                continue;
            }

            if (!string.Equals(record.PromptLintVersion, version, StringComparison.Ordinal))
            {
                refusals.Add($"the run record of {label} was written by PromptLint {Display(record.PromptLintVersion)}, and this build runs {version}: the last compile did not run this version's analyzer");
                continue;
            }

            var written = File.GetLastWriteTimeUtc(path);
            if (newestInput is { } newest && newest.Time > written)
            {
                refusals.Add($"the analyzer did not run in the last compile of {label}: its run record is older than {newest.Path}");
                continue;
            }

            records.Add(record);
            texts.Add(text);
        }

        return new RunRecordSet(records, texts, refusals);
    }

    /// <summary>
    /// The prompts of every record, one per id: a prompt compiled differently per target framework (#if) keeps its
    /// largest measurement, so no target framework fails the gate right after a baseline update.
    /// </summary>
    public IEnumerable<ReportPrompt> Prompts() => Records.SelectMany(r => r.Prompts);

    public IEnumerable<ReportDiagnostic> Diagnostics() => Records.SelectMany(r => r.Diagnostics);

    private static (DateTime Time, string Path)? NewestInput(IEnumerable<ITaskItem> inputs, string? skipUnder)
    {
        (DateTime Time, string Path)? newest = null;
        foreach (var input in inputs)
        {
            var path = input.GetMetadata("FullPath");
            if (string.IsNullOrEmpty(path) || !File.Exists(path)
                || (skipUnder is not null && path.StartsWith(skipUnder, Path.DirectorySeparatorChar == '\\' ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal)))
            {
                continue;
            }

            var time = File.GetLastWriteTimeUtc(path);
            if (newest is null || time > newest.Value.Time)
            {
                newest = (time, path);
            }
        }

        return newest;
    }

    private static bool SamePath(string a, string b)
    {
        if (string.IsNullOrEmpty(a) || string.IsNullOrEmpty(b))
        {
            return false;
        }

        var comparison = Path.DirectorySeparatorChar == '\\' ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        return string.Equals(Path.GetFullPath(a), Path.GetFullPath(b), comparison);
    }

    private static string Display(string value) => string.IsNullOrEmpty(value) ? "(unknown)" : value;
}
