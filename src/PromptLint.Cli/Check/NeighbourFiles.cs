using System;
using System.Collections.Generic;
using System.IO;
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
}
