using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace PromptLint.Core.Text;

/// <summary>
/// What stands above a block in Markdown text: the paragraph that leads into it, and the headings it sits under (the
/// nearest one and that one's parent). Read backwards from the block, a bounded number of lines, so a rule that asks for
/// every block of a prompt stays linear.
/// </summary>
internal static class BlockContext
{
    private const int MaxLinesUp = 300;

    private static readonly Regex Heading = new(@"^[ \t]{0,3}(#{1,6})[ \t]+\S", RegexOptions.CultureInvariant);

    /// <summary>
    /// The lines of the paragraph just before the block starting at <paramref name="blockStart"/>, nearest first: its
    /// opening fence and blank lines skipped, up to the next blank line, fence or heading.
    /// </summary>
    public static List<string> LeadParagraph(string text, int blockStart)
    {
        var lines = new List<string>();
        foreach (var line in LinesAbove(text, blockStart))
        {
            var trimmed = line.Trim();
            if (trimmed.Length == 0 || IsFence(trimmed))
            {
                if (lines.Count > 0)
                {
                    break;
                }

                continue;
            }

            if (Heading.IsMatch(line) || lines.Count >= 20)
            {
                break;
            }

            lines.Add(trimmed);
        }

        return lines;
    }

    /// <summary>
    /// The nearest heading above the block and the nearest heading of a higher level above that one (its parent), trimmed;
    /// lines inside fenced code ("# install" in a shell example) are not headings.
    /// </summary>
    public static List<string> Headings(string text, int blockStart)
    {
        var headings = new List<string>();
        var level = int.MaxValue;
        var fences = 0;
        var ownFenceSeen = false;
        var seenText = false;
        var count = 0;
        foreach (var line in LinesAbove(text, blockStart))
        {
            if (++count > MaxLinesUp)
            {
                break;
            }

            var trimmed = line.Trim();
            if (IsFence(trimmed))
            {
                // The first fence above a block, before any text, is the block's own opening fence: outside it is prose.
                if (!seenText && !ownFenceSeen)
                {
                    ownFenceSeen = true;
                }
                else
                {
                    fences++;
                }

                continue;
            }

            seenText |= trimmed.Length > 0;
            var heading = Heading.Match(line);
            if (!heading.Success || fences % 2 != 0 || heading.Groups[1].Length >= level)
            {
                continue;
            }

            headings.Add(trimmed);
            level = heading.Groups[1].Length;
            if (headings.Count == 2 || level == 1)
            {
                break;
            }
        }

        return headings;
    }

    private static bool IsFence(string trimmed) => trimmed.StartsWith("```", StringComparison.Ordinal) || trimmed.StartsWith("~~~", StringComparison.Ordinal);

    private static IEnumerable<string> LinesAbove(string text, int index)
    {
        var from = Math.Min(index, text.Length);
        while (from > 0)
        {
            var end = from - 1;
            from = end > 0 ? text.LastIndexOf('\n', end - 1) + 1 : 0;
            yield return text.Substring(from, end - from);
        }
    }
}
