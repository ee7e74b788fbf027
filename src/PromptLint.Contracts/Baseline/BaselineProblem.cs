namespace PromptLint.Contracts.Baseline;

/// <summary>Why a baseline file (or part of it) could not be read, and where.</summary>
public sealed class BaselineProblem
{
    /// <summary>Creates a problem.</summary>
    public BaselineProblem(int line, int column, string message, bool isFatal)
    {
        Line = line;
        Column = column;
        Message = message;
        IsFatal = isFatal;
    }

    /// <summary>1-based line.</summary>
    public int Line { get; }

    /// <summary>1-based column.</summary>
    public int Column { get; }

    /// <summary>What is wrong, as a sentence.</summary>
    public string Message { get; }

    /// <summary>True when the whole file is unusable (no comparison can be made).</summary>
    public bool IsFatal { get; }
}
