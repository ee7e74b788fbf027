using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using PromptLint.Core.FrontEnds;

namespace PromptLint.Cli.Check;

/// <summary>What the files a run found say about each other (<see cref="PromptFileEvidence"/>), read once, as the analyzer reads it from its additional files.</summary>
internal static class NeighbourFiles
{
    /// <summary>The evidence of the flows and Cursor rules among <paramref name="files"/>, or null when there is none.</summary>
    public static PromptFileEvidence? EvidenceIn(IEnumerable<string> files)
    {
        PromptFileEvidence? evidence = null;
        foreach (var file in files)
        {
            if (!PromptFileEvidence.Reads(file))
            {
                continue;
            }

            string text;
            try
            {
                text = File.ReadAllText(file);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                continue; // the file's own check reports that it cannot be read
            }

            evidence ??= new PromptFileEvidence();
            evidence.Add(file, text);
        }

        return evidence is { IsEmpty: false } ? evidence : null;
    }

    /// <summary>
    /// The templates the flows of <paramref name="evidence"/> name under <paramref name="root"/> that the default globs
    /// did not find (a <c>.txt</c> outside a <c>prompts/</c> folder, a <c>.tmpl</c>) and that exist, in ordinal order:
    /// the build hands the analyzer the files of a flow's folder for the same reason.
    /// </summary>
    public static IReadOnlyList<string> FlowTemplatesNotFound(string root, IReadOnlyList<string> found, PromptFileEvidence? evidence)
    {
        if (evidence is null || evidence.FlowTemplates.Count == 0)
        {
            return Array.Empty<string>();
        }

        var known = new HashSet<string>(found.Select(f => Path.GetFullPath(f)), StringComparer.Ordinal);
        var prefix = root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        return evidence.FlowTemplates
            .Select(t => Path.GetFullPath(t))
            .Where(t => t.StartsWith(prefix, StringComparison.Ordinal) && !known.Contains(t) && File.Exists(t))
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }
}
