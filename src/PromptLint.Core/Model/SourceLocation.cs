namespace PromptLint.Core.Model;

/// <summary>Where something is in a source: a path and a 1-based line and column.</summary>
public readonly struct SourceLocation
{
    /// <summary>Creates a location.</summary>
    public SourceLocation(string path, int line, int column)
    {
        Path = path;
        Line = line < 1 ? 1 : line;
        Column = column < 1 ? 1 : column;
    }

    /// <summary>Path as the host gave it (absolute in a build, relative in tests).</summary>
    public string Path { get; }

    /// <summary>1-based line.</summary>
    public int Line { get; }

    /// <summary>1-based column.</summary>
    public int Column { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Path}({Line},{Column})";
}
