using System.Collections.Generic;

namespace PromptLint.Contracts.Traffic;

/// <summary>A traffic file as read, with what could not be read.</summary>
public sealed class TrafficDocument
{
    internal TrafficDocument(TrafficFile? file, IReadOnlyList<TrafficProblem> problems)
    {
        File = file;
        Problems = problems;
    }

    /// <summary>The numbers; null when the file is unusable (see <see cref="Problems"/>).</summary>
    public TrafficFile? File { get; }

    /// <summary>Problems, each with a line.</summary>
    public IReadOnlyList<TrafficProblem> Problems { get; }
}

/// <summary>Why a traffic file (or an entry) could not be read, and where.</summary>
public sealed class TrafficProblem
{
    /// <summary>Creates a problem.</summary>
    public TrafficProblem(int line, string message, bool isFatal)
    {
        Line = line;
        Message = message;
        IsFatal = isFatal;
    }

    /// <summary>1-based line.</summary>
    public int Line { get; }

    /// <summary>What is wrong, as a sentence.</summary>
    public string Message { get; }

    /// <summary>True when the whole file is unusable.</summary>
    public bool IsFatal { get; }
}
