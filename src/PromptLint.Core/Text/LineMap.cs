namespace PromptLint.Core.Text;

/// <summary>A text's lines, 1-based, as both hosts see them: Roslyn's <c>SourceText</c> in the analyzer, <c>PromptFileText</c> in <c>promptlint check</c>.</summary>
public interface ILineMap
{
    /// <summary>Number of lines (at least 1).</summary>
    int LineCount { get; }

    /// <summary>Offset of the first character of the 1-based <paramref name="line"/>.</summary>
    int LineStart(int line);

    /// <summary>Offset just past the last character of <paramref name="line"/>, before its line break.</summary>
    int LineEnd(int line);

    /// <summary>The character at <paramref name="offset"/>.</summary>
    char CharAt(int offset);
}

/// <summary>
/// Where a finding goes when a front end gives a line and column: the one clamp both hosts use, so a position that is
/// out of range never throws and lands on the same character in the build, the IDE and <c>promptlint check</c>.
/// </summary>
public static class LineClamp
{
    /// <summary>
    /// The line clamped into the text, the column onto its line (its start when past its end); the span runs to the end
    /// of the line. Returns the 1-based line, the 1-based column and the offset where the span starts.
    /// </summary>
    public static (int Line, int Column, int Start) Clamp(ILineMap lines, int line, int column)
    {
        var l = line < 1 ? 1 : line > lines.LineCount ? lines.LineCount : line;
        var c = column < 1 ? 1 : column;
        if (lines.LineStart(l) + c - 1 > lines.LineEnd(l))
        {
            c = 1;
        }

        return (l, c, lines.LineStart(l) + c - 1);
    }

    /// <summary>The column of <paramref name="line"/>'s first character that is not whitespace (1 for a line out of range): where a tool or a baseline entry is reported.</summary>
    public static int ContentColumn(ILineMap lines, int line)
    {
        if (line < 1 || line > lines.LineCount)
        {
            return 1;
        }

        var start = lines.LineStart(line);
        var i = start;
        while (i < lines.LineEnd(line) && char.IsWhiteSpace(lines.CharAt(i)))
        {
            i++;
        }

        return i - start + 1;
    }
}
