using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using PromptLint.Core.Checking;
using PromptLint.Core.Rules;

namespace PromptLint.Cli.Check;

/// <summary>
/// <c>promptlint check --fix</c>: every fixable finding shown in a file, through Core's fixes (the IDE's), one edit per
/// file, written atomically with the file's encoding and byte order mark kept.
/// </summary>
internal static class PromptFileFixer
{
    /// <summary>
    /// Fixes every fixable finding shown in a file, one edit per file; with <paramref name="dryRun"/> prints the unified
    /// diff instead. Cancellation stops it between files: each file is written whole or not at all.
    /// </summary>
    public static (int Files, int Findings, long Tokens) Fix(CheckRun run, bool dryRun, string cwd, TextWriter output, CancellationToken cancellation = default)
    {
        var (files, findings, tokens) = (0, 0, 0L);
        foreach (var project in run.Projects.Where(p => !p.Stdin))
        {
            foreach (var (check, text, options) in project.Checks)
            {
                cancellation.ThrowIfCancellationRequested();
                var fixable = project.Findings
                    .Where(f => string.Equals(f.FullPath, check.Path, StringComparison.Ordinal) && PromptFileFixes.IsFixable(f.RuleId, check.Kind))
                    .ToList();
                if (fixable.Count == 0)
                {
                    continue;
                }

                var (edited, applied) = PromptFileFixes.ApplyAll(fixable.Select(f => f.RuleId), check.Kind, check.Path, text, options.Rules.Get(OutputCapRule.DefaultMaxOutputTokens));
                if (applied.Count == 0 || string.Equals(edited, text, StringComparison.Ordinal))
                {
                    continue;
                }

                var fixedFindings = fixable.Where(f => applied.Contains(f.RuleId)).ToList();
                files++;
                findings += fixedFindings.Count;
                tokens += fixedFindings.Sum(f => (long)(f.TokensSaved ?? 0));
                if (dryRun)
                {
                    output.Write(UnifiedDiff.Create(PromptWorkspace.Relative(cwd, check.Path), text, edited));
                }
                else
                {
                    WritePreservingEncoding(check.Path, edited);
                }
            }
        }

        return (files, findings, tokens);
    }

    // The file keeps its encoding and byte order mark; written beside and moved over it, so no reader sees half of it.
    private static void WritePreservingEncoding(string path, string text)
    {
        Encoding encoding;
        using (var reader = new StreamReader(path, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true))
        {
            reader.Peek();
            encoding = reader.CurrentEncoding;
        }

        var bytes = File.ReadAllBytes(path);
        var preamble = encoding.GetPreamble();
        var hasBom = preamble.Length > 0 && bytes.Length >= preamble.Length && bytes.AsSpan(0, preamble.Length).SequenceEqual(preamble);
        var body = encoding.GetBytes(text);
        var content = hasBom ? preamble.Concat(body).ToArray() : body;
        PromptLint.Shared.AtomicFile.Write(path, content);
    }
}
