namespace PromptLint.Core.FrontEnds;

/// <summary>A problem found in a prompt file, with where it is.</summary>
public sealed class PromptFileProblem
{
    /// <summary>Creates a problem.</summary>
    public PromptFileProblem(string path, int line, int column, string message)
    {
        Path = path;
        Line = line < 1 ? 1 : line;
        Column = column < 1 ? 1 : column;
        Message = message;
    }

    /// <summary>The file the problem is in (a companion's path when it is there).</summary>
    public string Path { get; }

    /// <summary>1-based line.</summary>
    public int Line { get; }

    /// <summary>1-based column.</summary>
    public int Column { get; }

    /// <summary>What is wrong.</summary>
    public string Message { get; }
}
