using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using PromptLint.Core.Text;

namespace PromptLint.Analyzers.Diagnostics;

/// <summary>Locations inside additional files, from 1-based line and column.</summary>
internal static class Locations
{
    /// <summary>From the column to the end of the line; clamped so bad numbers never throw.</summary>
    public static Location InText(string path, SourceText text, int line, int column)
    {
        if (text.Lines.Count == 0)
        {
            return Location.Create(path, default, default);
        }

        var lines = new SourceLines(text);
        var (l, _, start) = LineClamp.Clamp(lines, line, column);
        var span = TextSpan.FromBounds(start, lines.LineEnd(l));
        return Location.Create(path, span, text.Lines.GetLinePositionSpan(span));
    }

    /// <summary><paramref name="length"/> characters from the line and column, cut at the line's end (to the end of the line when that leaves nothing).</summary>
    public static Location Span(string path, SourceText text, int line, int column, int length)
    {
        var whole = InText(path, text, line, column);
        var span = whole.SourceSpan;
        if (length > 0 && span.Start + length < span.End)
        {
            span = new TextSpan(span.Start, length);
        }

        return Location.Create(path, span, text.Lines.GetLinePositionSpan(span));
    }

    /// <summary>The line's content without its indentation: where a baseline entry or a marker is.</summary>
    public static Location LineContent(string path, SourceText text, int line)
        => InText(path, text, line, LineClamp.ContentColumn(new SourceLines(text), line));

    /// <summary>A location in a file whose text is not at hand.</summary>
    public static Location AtLine(string path, int line, int column)
    {
        var position = new LinePosition(line < 1 ? 0 : line - 1, column < 1 ? 0 : column - 1);
        return Location.Create(path, default, new LinePositionSpan(position, position));
    }

    // Roslyn's lines as Core's clamp reads them (1-based).
    private readonly struct SourceLines(SourceText text) : ILineMap
    {
        public int LineCount => text.Lines.Count;

        public int LineStart(int line) => text.Lines[line - 1].Start;

        public int LineEnd(int line) => text.Lines[line - 1].End;

        public char CharAt(int offset) => text[offset];
    }
}
