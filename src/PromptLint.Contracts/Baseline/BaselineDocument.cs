using System.Collections.Generic;
using System.Linq;

namespace PromptLint.Contracts.Baseline;

/// <summary>A parsed baseline: its entries by id and the problems met while reading it.</summary>
public sealed class BaselineDocument
{
    /// <summary>The version of the file format written and read.</summary>
    public const int SchemaVersion = 1;

    /// <summary>Creates a document.</summary>
    public BaselineDocument(IReadOnlyDictionary<string, BaselineEntry> entries, IReadOnlyList<BaselineProblem> problems)
    {
        Entries = entries;
        Problems = problems;
    }

    /// <summary>Entries by prompt id.</summary>
    public IReadOnlyDictionary<string, BaselineEntry> Entries { get; }

    /// <summary>Problems, in file order.</summary>
    public IReadOnlyList<BaselineProblem> Problems { get; }

    /// <summary>False when a fatal problem makes comparison meaningless.</summary>
    public bool IsUsable => !Problems.Any(p => p.IsFatal);
}
