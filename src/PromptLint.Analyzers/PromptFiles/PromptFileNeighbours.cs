using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using PromptLint.Core.FrontEnds;

namespace PromptLint.Analyzers.PromptFiles;

/// <summary>What the additional files say about each other (<see cref="PromptFileEvidence"/>), read once per compilation.</summary>
internal static class PromptFileNeighbours
{
    /// <summary>The evidence of the flows and Cursor rules among <paramref name="files"/>, or null when there is none (nearly every project).</summary>
    public static PromptFileEvidence? EvidenceIn(ImmutableArray<AdditionalText> files, CancellationToken cancellation)
    {
        PromptFileEvidence? evidence = null;
        foreach (var file in files)
        {
            if (!PromptFileEvidence.Reads(file.Path) || file.GetText(cancellation) is not { } text)
            {
                continue;
            }

            evidence ??= new PromptFileEvidence();
            evidence.Add(file.Path, text.ToString());
        }

        return evidence is { IsEmpty: false } ? evidence : null;
    }
}
