using System;
using System.Collections.Generic;
using PromptLint.Core.Engine;
using PromptLint.Core.Model;

namespace PromptLint.Core.Checking;

/// <summary>
/// A prompt file's text with its lines, split where a compiler's <c>SourceText</c> splits them (CR LF, CR, LF, NEL,
/// LS, PS), so a line and column from here is the one the build and the IDE show. It says where a finding about
/// static text is in the file: the analyzer and <c>promptlint check</c> both ask it.
/// </summary>
public sealed class PromptFileText : Text.ILineMap
{
    private readonly List<int> _starts = new() { 0 };
    private readonly List<int> _ends = new();

    /// <summary>Indexes <paramref name="text"/>.</summary>
    public PromptFileText(string text)
    {
        Text = text;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '\r' or '\n' or '\u0085' or '\u2028' or '\u2029')
            {
                _ends.Add(i);
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                _starts.Add(i + 1);
            }
        }

        _ends.Add(text.Length);
    }

    /// <summary>The whole text.</summary>
    public string Text { get; }

    /// <summary>Number of lines (a text ending in a line break has an empty last line).</summary>
    public int LineCount => _starts.Count;

    /// <summary>Offset where a 1-based line starts.</summary>
    public int LineStart(int line) => _starts[line - 1];

    /// <summary>Offset where a 1-based line's content ends (before its line break).</summary>
    public int LineEnd(int line) => _ends[line - 1];

    /// <inheritdoc/>
    public char CharAt(int offset) => Text[offset];

    /// <summary>The 1-based line and column of an offset.</summary>
    public (int Line, int Column) PositionOf(int offset)
    {
        var index = _starts.BinarySearch(offset);
        if (index < 0)
        {
            index = ~index - 1;
        }

        return (index + 1, offset - _starts[index] + 1);
    }

    /// <summary>
    /// Where a finding's text is in the file: where the front end says it starts, when the file has that text there;
    /// otherwise the first place at or after the prompt's start that has it (a YAML escape or a dropped comment shifts
    /// the front end's arithmetic); null when the text is nowhere as written (the prompt's location stands then). The
    /// span is the finding's first line of text.
    /// </summary>
    public TextPosition? Locate(PromptTemplate template, PromptTextSpan span)
    {
        var newline = span.Text.IndexOf('\n');
        var firstLine = newline < 0 ? span.Text : span.Text.Substring(0, newline);
        if (span.LocationIn(template) is { } at && at.Line >= 1 && at.Line <= LineCount)
        {
            var start = LineStart(at.Line) + at.Column - 1;
            var end = LineEnd(at.Line);
            if (start <= end && start + firstLine.Length <= end && string.CompareOrdinal(Text, start, firstLine, 0, firstLine.Length) == 0)
            {
                return new TextPosition(at.Line, at.Column, firstLine.Length);
            }
        }

        if (firstLine.Trim().Length == 0 || template.Location.Line < 1 || template.Location.Line > LineCount)
        {
            return null;
        }

        var found = Text.IndexOf(firstLine, LineStart(template.Location.Line), StringComparison.Ordinal);
        if (found < 0)
        {
            return null;
        }

        var (line, column) = PositionOf(found);
        return new TextPosition(line, column, firstLine.Length);
    }
}

/// <summary>A 1-based line and column in a file, and the length of the text there (0 when unknown).</summary>
public readonly struct TextPosition
{
    /// <summary>Creates a position.</summary>
    public TextPosition(int line, int column, int length)
    {
        Line = line;
        Column = column;
        Length = length;
    }

    /// <summary>1-based line.</summary>
    public int Line { get; }

    /// <summary>1-based column.</summary>
    public int Column { get; }

    /// <summary>Characters of the text on that line (0 when unknown).</summary>
    public int Length { get; }
}
