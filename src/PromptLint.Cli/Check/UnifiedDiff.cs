using System;
using System.Collections.Generic;
using System.Text;

namespace PromptLint.Cli.Check;

/// <summary>A unified diff (<c>diff -u</c>, three lines of context) of two texts, for <c>--fix --dry-run</c>.</summary>
internal static class UnifiedDiff
{
    private const int Context = 3;

    public static string Create(string path, string before, string after)
    {
        var a = Lines(before);
        var b = Lines(after);
        var edits = Edits(a, b);
        var sb = new StringBuilder();
        sb.Append("--- a/").Append(path).Append('\n');
        sb.Append("+++ b/").Append(path).Append('\n');
        var i = 0;
        while (i < edits.Count)
        {
            if (edits[i].Kind == ' ')
            {
                i++;
                continue;
            }

            // A hunk: from up to three context lines before the change to three after the last change within reach.
            var start = Math.Max(0, i - Context);
            var end = i;
            while (end < edits.Count)
            {
                if (edits[end].Kind != ' ')
                {
                    end++;
                    continue;
                }

                var run = end;
                while (run < edits.Count && edits[run].Kind == ' ')
                {
                    run++;
                }

                if (run < edits.Count && run - end <= 2 * Context)
                {
                    end = run;
                    continue;
                }

                end = Math.Min(edits.Count, end + Context);
                break;
            }

            var (oldStart, newStart, oldCount, newCount) = (edits[start].Old, edits[start].New, 0, 0);
            for (var k = start; k < end; k++)
            {
                oldCount += edits[k].Kind != '+' ? 1 : 0;
                newCount += edits[k].Kind != '-' ? 1 : 0;
            }

            sb.Append("@@ -").Append(Range(oldStart, oldCount)).Append(" +").Append(Range(newStart, newCount)).Append(" @@\n");
            for (var k = start; k < end; k++)
            {
                sb.Append(edits[k].Kind).Append(edits[k].Text.TrimEnd('\r')).Append('\n');
                if (edits[k].NoNewline)
                {
                    sb.Append("\\ No newline at end of file\n");
                }
            }

            i = end;
        }

        return sb.ToString();
    }

    private static string Range(int start, int count) => count == 0 ? $"{start},0" : count == 1 ? $"{start + 1}" : $"{start + 1},{count}";

    private static List<string> Lines(string text)
    {
        var lines = new List<string>(text.Split('\n'));
        if (lines.Count > 0 && lines[lines.Count - 1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }
        else if (lines.Count > 0)
        {
            lines[lines.Count - 1] += "\0";
        }

        return lines;
    }

    // Longest common subsequence over lines: prompt files are small, so the quadratic table is cheap.
    private static List<(char Kind, string Text, int Old, int New, bool NoNewline)> Edits(List<string> a, List<string> b)
    {
        var lcs = new int[a.Count + 1, b.Count + 1];
        for (var x = a.Count - 1; x >= 0; x--)
        {
            for (var y = b.Count - 1; y >= 0; y--)
            {
                lcs[x, y] = a[x] == b[y] ? lcs[x + 1, y + 1] + 1 : Math.Max(lcs[x + 1, y], lcs[x, y + 1]);
            }
        }

        var edits = new List<(char, string, int, int, bool)>();
        int i = 0, j = 0;
        while (i < a.Count || j < b.Count)
        {
            if (i < a.Count && j < b.Count && a[i] == b[j])
            {
                edits.Add((' ', Clean(a[i]), i, j, a[i].EndsWith("\0", StringComparison.Ordinal)));
                i++;
                j++;
            }
            else if (i < a.Count && (j == b.Count || lcs[i + 1, j] >= lcs[i, j + 1]))
            {
                edits.Add(('-', Clean(a[i]), i, j, a[i].EndsWith("\0", StringComparison.Ordinal)));
                i++;
            }
            else
            {
                edits.Add(('+', Clean(b[j]), i, j, b[j].EndsWith("\0", StringComparison.Ordinal)));
                j++;
            }
        }

        return edits;
    }

    private static string Clean(string line) => line.TrimEnd('\0');
}
