using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;
using PromptLint.Core.Model;

namespace PromptLint.Core.Text;

/// <summary>
/// A sentence that belongs to its list item: "Severity: **Moderate**." closing each vulnerability bullet, "The
/// summary never carries these sections." in bullets about different sections. Each copy is its own item's
/// attribute; deleting one leaves that item without it. Only a one-sentence copy that is the labelled field of its item
/// or points at it (this, these, those, such), after text of the item's own, in sibling items (same indentation, same section)
/// of which no two are the same item.
/// </summary>
internal static class SiblingItemAttributes
{
    private static readonly Regex Bullet = new(@"^([ \t]*)(?:[-*+•]|\d{1,3}[.)])[ \t]+", RegexOptions.CultureInvariant);

    // "… never carries these technical sections": the words are the same, the sections are each item's own.
    private static readonly Regex PointsAtItsItem = new(@"\b(?:these|those|this|such)\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    // Longer than this, a sentence is an instruction of its own rather than an item's attribute.
    private const int MaxSentenceCharacters = 240;

    /// <summary>
    /// True when <paramref name="earlier"/> and <paramref name="copy"/> are one-sentence tails (or labelled fields) of two
    /// different list items at the same indentation.
    /// </summary>
    public static bool EndSiblingItems(PromptTemplate template, StaticTextUnit earlier, StaticTextUnit copy)
    {
        if (earlier.Message != copy.Message || copy.Text.IndexOf('\n') >= 0 || copy.Text.Length > MaxSentenceCharacters)
        {
            return false;
        }

        var text = StaticTextUnits.TextOf(template, copy.Message);
        if (Item(text, earlier.Start) is not { } first || Item(text, copy.Start) is not { } second
            || first.Start == second.Start || first.Indent != second.Indent)
        {
            return false;
        }

        var labelled = ListItemFields.IsField(copy.Text);
        return Belongs(text, first, earlier, labelled) && Belongs(text, second, copy, labelled);
    }

    /// <summary>
    /// True when every copy before <paramref name="copy"/> in <paramref name="members"/> is in the same section and ends
    /// (or is the labelled field of) a sibling item of its own (see <see cref="EndSiblingItems"/>).
    /// </summary>
    public static bool OfItsOwnItem(PromptTemplate template, List<StaticTextUnit> members, StaticTextUnit copy, Func<StaticTextUnit, int> section)
    {
        foreach (var earlier in members)
        {
            if (earlier == copy)
            {
                return true;
            }

            if (section(earlier) != section(copy) || !EndSiblingItems(template, earlier, copy))
            {
                return false;
            }
        }

        return false;
    }

    // The unit sits inside its item after text of the item's own, and is its labelled field or points at it. A plain
    // instruction ending two sibling items ("Read it back and wait for a yes.") is still a repeat: it can be said once.
    private static bool Belongs(string text, (int Start, int End, int Indent, int BodyStart) item, StaticTextUnit unit, bool labelled)
    {
        if (unit.Start <= item.BodyStart || text.Substring(item.BodyStart, unit.Start - item.BodyStart).Trim().Length == 0)
        {
            return false;
        }

        return labelled || PointsAtItsItem.IsMatch(unit.Text);
    }

    // The list item holding offset: its bullet line's start, where its text ends (before the next line at its
    // indentation or less, or a blank line), its indentation and where its text starts after the marker.
    private static (int Start, int End, int Indent, int BodyStart)? Item(string text, int offset)
    {
        if (offset > text.Length)
        {
            return null;
        }

        var lineStart = offset == 0 ? 0 : text.LastIndexOf('\n', offset - 1) + 1;
        Match marker;
        while (!(marker = Bullet.Match(Line(text, lineStart))).Success)
        {
            // A continuation line of the item above; a blank line or the start of the text ends the search.
            if (lineStart == 0 || Line(text, lineStart).Trim().Length == 0)
            {
                return null;
            }

            lineStart = lineStart == 1 ? 0 : text.LastIndexOf('\n', lineStart - 2) + 1;
        }

        var indent = marker.Groups[1].Length;
        var end = lineStart + Line(text, lineStart).Length;
        while (end < text.Length)
        {
            var next = Line(text, end + 1);
            var nextIndent = next.Length - next.TrimStart().Length;
            if (next.Trim().Length == 0 || nextIndent <= indent)
            {
                break;
            }

            end += 1 + next.Length;
        }

        return (lineStart, end, indent, lineStart + marker.Length);
    }

    private static string Line(string text, int start)
    {
        if (start >= text.Length)
        {
            return string.Empty;
        }

        var end = text.IndexOf('\n', start);
        return text.Substring(start, (end < 0 ? text.Length : end) - start);
    }
}
