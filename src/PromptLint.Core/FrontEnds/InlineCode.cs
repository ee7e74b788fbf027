using System.Collections.Generic;

namespace PromptLint.Core.FrontEnds;

/// <summary>
/// Markdown inline code spans (<c>`{name}`</c>, <c>``a ` b``</c>): a run of backticks to the next run of the same length
/// on the same line. Text in them is quoted code or a name the prompt talks about, never a template hole.
/// </summary>
internal static class InlineCode
{
    /// <summary>Adds the inline code spans outside <paramref name="spans"/> (fenced blocks) to it, keeping it sorted by start.</summary>
    public static void AddSpans(string text, List<(int Start, int End)> spans)
    {
        if (text.IndexOf('`') < 0)
        {
            return;
        }

        var fences = spans.Count;
        var fence = 0;
        for (var lineStart = 0; lineStart < text.Length;)
        {
            var lineEnd = text.IndexOf('\n', lineStart);
            lineEnd = lineEnd < 0 ? text.Length : lineEnd;
            while (fence < fences && spans[fence].End < lineStart)
            {
                fence++;
            }

            var inFence = fence < fences && spans[fence].Start <= lineStart && lineStart < spans[fence].End;
            if (!inFence)
            {
                AddLine(text, lineStart, lineEnd, spans);
            }

            lineStart = lineEnd + 1;
        }

        if (spans.Count > fences)
        {
            spans.Sort((a, b) => a.Start.CompareTo(b.Start));
        }
    }

    private static void AddLine(string text, int start, int end, List<(int Start, int End)> spans)
    {
        var i = start;
        while (i < end)
        {
            if (text[i] != '`')
            {
                i++;
                continue;
            }

            var open = i;
            while (i < end && text[i] == '`')
            {
                i++;
            }

            var length = i - open;
            var close = FindRun(text, i, end, length);
            if (close < 0)
            {
                // No closing run of this length on the line: the backticks are text.
                continue;
            }

            spans.Add((open, close + length));
            i = close + length;
        }
    }

    // The next run of exactly 'length' backticks in [from, end), or -1.
    private static int FindRun(string text, int from, int end, int length)
    {
        var i = from;
        while (i < end)
        {
            if (text[i] != '`')
            {
                i++;
                continue;
            }

            var run = i;
            while (i < end && text[i] == '`')
            {
                i++;
            }

            if (i - run == length)
            {
                return run;
            }
        }

        return -1;
    }
}
