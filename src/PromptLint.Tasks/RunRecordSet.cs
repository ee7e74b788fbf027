using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.Build.Framework;

using PromptLint.Contracts.Handover;
using PromptLint.Contracts.Reporting;

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
    /// <param name="headersOnly">True to read each record's header only (no prompts, diagnostics or text).</param>
    public static RunRecordSet Read(IReadOnlyList<ITaskItem> items, string projectFile, string version, IReadOnlyList<ITaskItem> compileInputs, string intermediateDirectory, bool headersOnly = false)
    {
        var records = new List<RunRecord>();
        var texts = new List<string>();
        var refusals = new List<string>();
        var own = string.IsNullOrEmpty(intermediateDirectory) ? null : Path.GetFullPath(intermediateDirectory).TrimEnd('/', '\\') + Path.DirectorySeparatorChar;
        var (newestOwn, newestShared) = NewestInputs(compileInputs, Path.GetDirectoryName(Path.GetFullPath(projectFile)) ?? string.Empty, own);
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
            var text = headersOnly ? string.Empty : File.ReadAllText(path);
            try
            {
                record = headersOnly ? ReadHeader(path) : RunRecordJson.Read(text);
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
    /// The prompts of every record, a shared prompt once per record; <see cref="ReportBuilder"/> keeps one per id, the
    /// largest (a prompt compiled differently per target framework), so no target framework fails the gate right after
    /// a baseline update.
    /// </summary>
    public IEnumerable<ReportPrompt> Prompts() => Records.SelectMany(r => r.Prompts);

    public IEnumerable<ReportDiagnostic> Diagnostics() => Records.SelectMany(r => r.Diagnostics);

    // The header is the file's first few kilobytes; the whole file is read only when it is longer than that.
    private static RunRecord ReadHeader(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1, FileOptions.SequentialScan);
        var buffer = new byte[(int)Math.Min(stream.Length, 16 * 1024)];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = stream.Read(buffer, length, buffer.Length - length)) > 0)
        {
            length += read;
        }

        return RunRecordJson.ReadHeader(buffer, length, whole: length == stream.Length)
            ?? ReadWhole(path);

        static RunRecord ReadWhole(string path)
        {
            var all = File.ReadAllBytes(path);
            return RunRecordJson.ReadHeader(all, all.Length, whole: true)!;
        }
    }

    // One pass over the inputs: the newest of all, and the newest outside the reporting target framework's own folder.
    private static ((DateTime Time, string Path)? All, (DateTime Time, string Path)? Shared) NewestInputs(IEnumerable<ITaskItem> inputs, string projectDirectory, string? own)
    {
        (DateTime Time, string Path)? all = null;
        (DateTime Time, string Path)? shared = null;
        var comparison = Path.DirectorySeparatorChar == '\\' ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        var missing = DateTime.FromFileTimeUtc(0);
        foreach (var input in inputs)
        {
            if (string.IsNullOrEmpty(input.ItemSpec))
            {
                continue;
            }

            var path = Path.GetFullPath(Path.Combine(projectDirectory, input.ItemSpec));
            var time = File.GetLastWriteTimeUtc(path);
            if (time <= missing)
            {
                continue;
            }

            if (all is null || time > all.Value.Time)
            {
                all = (time, path);
            }

            if ((own is null || !path.StartsWith(own, comparison)) && (shared is null || time > shared.Value.Time))
            {
                shared = (time, path);
            }
        }

        return (all, shared);
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
