using System;

namespace PromptLint.Core.FrontEnds;

/// <summary>
/// A navigation page: an index or table of contents kept beside the prompts it links to (<c># Overview</c>, then
/// <c>- [Skills](skills.md)</c>, <c>- [Agent](agent.md)</c>). Its body is headings and links and almost nothing else, so
/// it tells a reader where the prompts are and is not one itself. A prompt that links to a reference or two still has
/// its instructions around them and is not matched.
/// </summary>
internal static class NavigationPage
{
    // At most this many lines of other text (an intro sentence, a note) in a page of links.
    private const int MaxOtherLines = 2;

    /// <summary>True when <paramref name="head"/> (the start of a Markdown file) is headings and links and little else.</summary>
    public static bool Matches(string head)
    {
        var text = head.TrimStart('\uFEFF').Replace("\r", string.Empty);
        var (bodyStart, _) = FrontMatter.BodyStart(text);
        var links = 0;
        var other = 0;
        var inFence = false;
        foreach (var raw in text.Substring(Math.Min(bodyStart, text.Length)).Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith("```", StringComparison.Ordinal) || line.StartsWith("~~~", StringComparison.Ordinal))
            {
                // A fence holds something to send or show: not the shape of an index.
                inFence = !inFence;
                other++;
                continue;
            }

            if (inFence)
            {
                other++;
                continue;
            }

            if (line.Length == 0 || line[0] == '#' || IsRule(line) || IsTableSeparator(line) || line.StartsWith("<!--", StringComparison.Ordinal))
            {
                continue;
            }

            if (IsLinkLine(line))
            {
                links++;
            }
            else
            {
                other++;
            }
        }

        return links >= 2 && other <= MaxOtherLines && other * 2 <= links;
    }

    // A line that is (almost) only links: a list item or table row whose text outside links is short, or a bare link.
    private static bool IsLinkLine(string line)
    {
        var rest = StripListMarker(line);
        if (rest.IndexOf("](", StringComparison.Ordinal) < 0 && !rest.StartsWith("[[", StringComparison.Ordinal))
        {
            return false;
        }

        // What is left once every [text](target) and [[wiki link]] is taken out: separators, a short gloss at most.
        var outside = 0;
        var position = 0;
        var linked = 0;
        while (position < rest.Length)
        {
            var open = rest.IndexOf('[', position);
            if (open < 0)
            {
                outside += rest.Length - position;
                break;
            }

            outside += open - position;
            var close = rest.IndexOf("](", open, StringComparison.Ordinal);
            var end = close < 0 ? -1 : rest.IndexOf(')', close + 2);
            if (close < 0 || end < 0)
            {
                var wiki = rest.IndexOf("]]", open, StringComparison.Ordinal);
                if (wiki < 0)
                {
                    outside += rest.Length - open;
                    break;
                }

                linked += wiki + 2 - open;
                position = wiki + 2;
                continue;
            }

            linked += end + 1 - open;
            position = end + 1;
        }

        // "- [Skills](skills.md): how skills are loaded" is still an index entry; a sentence with a link in it is not.
        return linked > 0 && outside <= Math.Max(60, linked);
    }

    private static string StripListMarker(string line)
    {
        var i = 0;
        if (line.Length > 1 && line[0] is '-' or '*' or '+' && line[1] == ' ')
        {
            i = 2;
        }
        else
        {
            while (i < line.Length && char.IsDigit(line[i]))
            {
                i++;
            }

            i = i > 0 && i + 1 < line.Length && line[i] is '.' or ')' && line[i + 1] == ' ' ? i + 2 : 0;
        }

        return line.Substring(i).Trim().Trim('|').Trim();
    }

    private static bool IsRule(string line) => line.Length >= 3 && (line.Trim('-').Length == 0 || line.Trim('*').Length == 0 || line.Trim('_').Length == 0);

    private static bool IsTableSeparator(string line) => line.StartsWith("|", StringComparison.Ordinal) && line.Trim('|', '-', ':', ' ').Length == 0;
}
