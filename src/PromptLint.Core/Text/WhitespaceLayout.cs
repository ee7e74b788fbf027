using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using PromptLint.Core.Text;

namespace PromptLint.Core.Text;

/// <summary>
/// How PL0011 reads and tidies whitespace: which lines are kept as they are (code, aligned columns, text next to a
/// hole), Markdown table rows and their padding, and the collapsed text its fix writes.
/// </summary>
internal static class WhitespaceLayout
{
    // Collapse with the regions of the message the text is in (text starting at offset), or of the text alone when null:
    // a fence opened before a hole and closed after it is only seen whole in its message.
    internal static string Collapse(string text, TextRegions? regions, int offset)
    {
        var lines = text.Split('\n');
        var kept = KeptLines(text, lines, regions, offset);
        var table = TableRows(lines, kept);
        var prose = ProseRows(lines, table, kept);
        var builder = new StringBuilder(text.Length);
        var blank = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            // The last piece does not end in a newline: what follows it is a hole or the end of the message, and its
            // trailing whitespace may separate the text from the hole's value.
            var last = i == lines.Length - 1;
            if (kept[i])
            {
                blank = 0;
                builder.Append(lines[i]);
                if (!last)
                {
                    builder.Append('\n');
                }

                continue;
            }

            var line = last ? lines[i] : lines[i].TrimEnd(' ', '\t');
            if (table[i])
            {
                line = Unpad(line);
            }
            else if (prose[i])
            {
                line = Unspace(line);
            }

            if (!last && line.Length == 0 && i > 0)
            {
                blank++;
                if (blank > 1)
                {
                    continue;
                }
            }
            else
            {
                blank = 0;
            }

            builder.Append(line);
            if (!last)
            {
                builder.Append('\n');
            }
        }

        return builder.ToString();
    }

    // Lines the rule leaves as they are, by the prompt's regions: code (fenced blocks, their fence lines included),
    // verbatim output shown to the model (a terminal's or a tool's result) and front matter that is never sent.
    internal static bool[] KeptLines(string text, string[] lines, TextRegions? regions, int offset)
    {
        var kept = new bool[lines.Length];
        KeepDiagrams(lines, kept);
        if (regions is null)
        {
            if (text.IndexOf("```", StringComparison.Ordinal) < 0 && text.IndexOf("~~~", StringComparison.Ordinal) < 0 && text.IndexOf(':') < 0)
            {
                return kept;
            }

            regions = TextRegions.Of(text);
            offset = 0;
        }

        var start = offset;
        for (var i = 0; i < lines.Length; i++)
        {
            kept[i] |= (regions.KindAt(start) & (PromptRegionKind.Code | PromptRegionKind.Verbatim | PromptRegionKind.NotSent)) != 0;
            start += lines[i].Length + 1;
        }

        return kept;
    }

    // Drawings written outside a code fence: a box or tree drawn with box-drawing or block characters (U+2500-U+259F:
    // "│ Clock setup        │"), and ASCII boxes, two or more lines in a row that start and end with '|' or '+' with no
    // Markdown table separator among them ("+------+", "| step |"). Their spaces are the drawing: collapsing them
    // breaks the picture the model is shown, so PL0011 neither counts nor rewrites them.
    private static void KeepDiagrams(string[] lines, bool[] kept)
    {
        var start = -1;
        for (var i = 0; i <= lines.Length; i++)
        {
            if (i < lines.Length && HasBoxDrawing(lines[i]))
            {
                kept[i] = true;
            }

            var trimmed = i < lines.Length ? lines[i].Trim() : string.Empty;
            var boxed = trimmed.Length > 1 && trimmed[0] is '|' or '+' && trimmed[trimmed.Length - 1] is '|' or '+';
            if (boxed && start < 0)
            {
                start = i;
            }
            else if (!boxed && start >= 0)
            {
                if (i - start >= 2 && !Enumerable.Range(start, i - start).Any(r => Separator.IsMatch(lines[r].Trim())))
                {
                    for (var r = start; r < i; r++)
                    {
                        kept[r] = true;
                    }
                }

                start = -1;
            }
        }
    }

    private static bool HasBoxDrawing(string line)
    {
        foreach (var c in line)
        {
            if (c >= '\u2500' && c <= '\u259F')
            {
                return true;
            }
        }

        return false;
    }

    // Rows of Markdown tables: two or more consecutive lines that start and end with '|' (after indentation), one of
    // them a separator row (|---|:--:|), outside code. The last piece (before a hole) is never one.
    internal static bool[] TableRows(string[] lines, bool[] kept)
    {
        var rows = new bool[lines.Length];
        var start = -1;
        for (var i = 0; i <= lines.Length; i++)
        {
            var trimmed = i < lines.Length - 1 ? lines[i].Trim() : string.Empty;
            var row = i < lines.Length && !kept[i] && trimmed.Length > 1 && trimmed[0] == '|' && trimmed[trimmed.Length - 1] == '|';
            if (row && start < 0)
            {
                start = i;
            }
            else if (!row && start >= 0)
            {
                if (i - start >= 2 && Enumerable.Range(start, i - start).Any(r => Separator.IsMatch(lines[r].Trim())))
                {
                    for (var r = start; r < i; r++)
                    {
                        rows[r] = true;
                    }
                }

                start = -1;
            }
        }

        return rows;
    }

    // Lines whose runs of spaces between words may go: outside fenced code, not indented like code (four spaces or a
    // tab), not code-like (braces, ';', '='), not table rows, and with no run that ends in the same column as a run, or
    // the indentation, of a line up to three above or below (a column aligned on purpose: options and their wrapped
    // descriptions, a hand-made table).
    internal static bool[] ProseRows(string[] lines, bool[] table, bool[] kept)
    {
        var rows = new bool[lines.Length];
        // Most prompts have no two spaces after a word at all: nothing to look at, no per-line lists (this runs on every
        // analysis of every prompt, in the IDE on every keystroke).
        if (!lines.Any(l => l.TrimStart(' ', '\t').IndexOf("  ", StringComparison.Ordinal) > 0))
        {
            return rows;
        }

        List<int>?[] ends = new List<int>?[lines.Length];
        for (var i = 0; i < lines.Length; i++)
        {
            if (!kept[i] && !table[i] && !lines[i].StartsWith("    ", StringComparison.Ordinal) && !lines[i].StartsWith("\t", StringComparison.Ordinal))
            {
                ends[i] = RunEnds(lines[i]);
            }
        }

        for (var i = 0; i < lines.Length; i++)
        {
            // Within three lines either way: a wrapped description ("--update  Update patterns." then an indented
            // continuation line) sits between two aligned rows.
            rows[i] = ends[i] is { Count: > 0 } mine
                && !LooksLikeCode(lines[i])
                && !Enumerable.Range(i - AlignmentReach, (2 * AlignmentReach) + 1).Any(j => j != i && j >= 0 && j < lines.Length && Aligned(mine, Columns(lines[j])));
        }

        return rows;
    }

    private const int AlignmentReach = 3;

    private static bool Aligned(List<int> mine, List<int> theirs) => mine.Any(theirs.Contains);

    // Where a line's words start after a run of spaces, and where its text starts when it is indented by two or more:
    // a wrapped description continues at its column.
    private static List<int> Columns(string line)
    {
        var columns = RunEnds(line);
        var indent = 0;
        while (indent < line.Length && line[indent] == ' ')
        {
            indent++;
        }

        if (indent >= 2 && indent < line.Length)
        {
            columns.Add(indent);
        }

        return columns;
    }

    // Code outside a fence (CSS, a shell line): braces, semicolons, an assignment or a comment after two spaces (PEP 8's
    // "x = 1  # why") say its spacing may be its own.
    private static bool LooksLikeCode(string line)
        => line.IndexOfAny(CodeMarks) >= 0 || line.IndexOf("  #", StringComparison.Ordinal) >= 0 || line.IndexOf("  //", StringComparison.Ordinal) >= 0;

    private static readonly char[] CodeMarks = { '{', '}', ';', '=' };

    // Columns where a word starts after two or more spaces that follow a word of the line (tabs are left alone: a
    // tab between fields is how tab-separated data looks).
    private static List<int> RunEnds(string line)
    {
        var ends = new List<int>();
        for (var i = 1; i < line.Length; i++)
        {
            if (line[i] == ' ' && line[i - 1] is not (' ' or '\t'))
            {
                var end = i;
                while (end < line.Length && line[end] == ' ')
                {
                    end++;
                }

                if (end < line.Length && end - i >= 2 && line[end] != '\t')
                {
                    ends.Add(end);
                }

                i = end;
            }
        }

        return ends;
    }

    // "Name:    value" -> "Name: value": each run RunEnds finds becomes one space; indentation and the line's end stay.
    private static string Unspace(string line)
    {
        var builder = new StringBuilder(line.Length);
        var position = 0;
        foreach (var end in RunEnds(line))
        {
            var start = end;
            while (line[start - 1] == ' ')
            {
                start--;
            }

            builder.Append(line, position, start - position).Append(' ');
            position = end;
        }

        return builder.Append(line, position, line.Length - position).ToString();
    }

    private static readonly Regex Separator = new(@"^\|(?:[ \t]*:?-+:?[ \t]*\|)+$", RegexOptions.CultureInvariant);
    private static readonly Regex PaddingBeforePipe = new(@"(?<=\S)[ \t]{2,}\|", RegexOptions.CultureInvariant);
    private static readonly Regex PaddingAfterPipe = new(@"\|[ \t]{2,}(?=\S)", RegexOptions.CultureInvariant);
    private static readonly Regex LongRule = new(@"-{4,}", RegexOptions.CultureInvariant);

    // "|  Plan    | Seats |" -> "| Plan | Seats |"; "|:-------:|" -> "|:---:|". Only shortens: one space stays where there
    // were several, a compact row stays compact, indentation and escaped pipes are kept.
    internal static string Unpad(string line)
    {
        if (line.Contains("\\|"))
        {
            return line;
        }

        var unpadded = PaddingAfterPipe.Replace(PaddingBeforePipe.Replace(line, " |"), "| ");
        return Separator.IsMatch(unpadded.Trim()) ? LongRule.Replace(unpadded, "---") : unpadded;
    }
}
