using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using PromptLint.Core.Model;

namespace PromptLint.Core.Text;

// How TextRegions reads lines: section names, front matter, fences, inline code.
public sealed partial class TextRegions
{
    // What a section's name says its body is: examples, an output format ("Output format", "Respond in this JSON
    // format:"), data (context, documents) or verbatim output ("EXECUTION RESULT:").
    private static PromptRegionKind NameKind(string name, bool leadIn = false)
    {
        if (ExampleName.IsMatch(name))
        {
            return PromptRegionKind.Example;
        }

        if (FormatName.IsMatch(name))
        {
            return PromptRegionKind.OutputFormat;
        }

        // Only a lead-in introduces output shown as it was ("EXECUTION RESULT of [run]:"); a "## Results" heading is prose.
        if (leadIn && VerbatimName.IsMatch(name))
        {
            return PromptRegionKind.Verbatim;
        }

        return DataName.IsMatch(name) ? PromptRegionKind.Data : PromptRegionKind.Prose;
    }

    // Front matter: the message opens (after blank lines) with a line "---", then "key:" lines, then a line "---" or "...".
    // Returns the first line after it.
    private static int FrontMatter(string text, List<(int Start, int End)> lines, PromptRegionKind[] kinds)
    {
        var l = 0;
        while (l < lines.Count && IsBlank(text, lines[l]))
        {
            l++;
        }

        if (l + 2 >= lines.Count || Line(text, lines[l]).TrimEnd(' ', '\t', '\uFEFF') != "---" || !FrontMatterKey.IsMatch(Line(text, lines[l + 1])))
        {
            return 0;
        }

        for (var close = l + 2; close < lines.Count; close++)
        {
            var line = Line(text, lines[close]).TrimEnd(' ', '\t');
            if (line is "---" or "...")
            {
                var end = lines[close].End < text.Length ? lines[close].End + 1 : lines[close].End;
                Mark(kinds, 0, end, PromptRegionKind.NotSent);
                return close + 1;
            }
        }

        return 0;
    }

    private static string? OpeningFence(string trimmed)
    {
        if (trimmed.Length < 3 || trimmed[0] is not ('`' or '~'))
        {
            return null;
        }

        var n = 0;
        while (n < trimmed.Length && trimmed[n] == trimmed[0])
        {
            n++;
        }

        // An info string of a backtick fence may not hold a backtick (that is inline code: ```a``` on one line).
        return n >= 3 && (trimmed[0] == '~' || trimmed.IndexOf('`', n) < 0) ? trimmed.Substring(0, n) : null;
    }

    private static bool IsClosingFence(string trimmed, char fenceChar, int fenceLength)
    {
        var n = 0;
        while (n < trimmed.Length && trimmed[n] == fenceChar)
        {
            n++;
        }

        return n >= fenceLength && trimmed.Substring(n).Trim().Length == 0;
    }

    // Inline code spans on one line: a run of n backticks up to the next run of exactly n.
    private static void InlineCode(string text, int start, int end, PromptRegionKind[] kinds)
    {
        var i = text.IndexOf('`', start, end - start);
        while (i >= 0 && i < end)
        {
            var n = 0;
            while (i + n < end && text[i + n] == '`')
            {
                n++;
            }

            var close = FindRun(text, i + n, end, n);
            if (close < 0)
            {
                return;
            }

            for (var k = i; k < close + n; k++)
            {
                kinds[k] |= PromptRegionKind.InlineCode;
            }

            i = close + n < end ? text.IndexOf('`', close + n, end - close - n) : -1;
        }
    }

    private static int FindRun(string text, int from, int end, int n)
    {
        for (var i = from; i < end; i++)
        {
            if (text[i] != '`')
            {
                continue;
            }

            var m = 0;
            while (i + m < end && text[i + m] == '`')
            {
                m++;
            }

            if (m == n)
            {
                return i;
            }

            i += m - 1;
        }

        return -1;
    }

    private static bool HasSeparator(string text, List<(int Start, int End)> lines, int from, int to)
    {
        for (var r = from; r <= to; r++)
        {
            if (TableSeparator.IsMatch(Line(text, lines[r])))
            {
                return true;
            }
        }

        return false;
    }

    private static void Mark(PromptRegionKind[] kinds, int start, int end, PromptRegionKind kind)
    {
        for (var i = start; i < end && i < kinds.Length; i++)
        {
            kinds[i] = kind;
        }
    }

    private static bool IsBlank(string text, (int Start, int End) line)
    {
        for (var i = line.Start; i < line.End; i++)
        {
            if (!char.IsWhiteSpace(text[i]) && text[i] != '\uFEFF')
            {
                return false;
            }
        }

        return true;
    }

    private static string Line(string text, (int Start, int End) line) => text.Substring(line.Start, line.End - line.Start);

    private static List<(int Start, int End)> Lines(string text)
    {
        var lines = new List<(int Start, int End)>();
        for (var start = 0; start <= text.Length;)
        {
            var end = text.IndexOf('\n', start);
            end = end < 0 ? text.Length : end;
            lines.Add((start, end));
            start = end + 1;
        }

        return lines;
    }
}
