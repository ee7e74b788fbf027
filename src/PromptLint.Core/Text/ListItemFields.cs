using System;
using System.Text.RegularExpressions;
using PromptLint.Core.Model;

namespace PromptLint.Core.Text;

/// <summary>
/// One-line fields of list items ("Action: create it if missing", "`num` — number of results") and the item a nested
/// field belongs to. PL0015 leaves a field alone when it is repeated under another item: each copy describes its item.
/// </summary>
internal static class ListItemFields
{
    // A list marker, a short name (plain, **bold** or `code`, at most five words), a colon (also inside the bold:
    // "**Check:**") and a value on the same line.
    private static readonly Regex ColonField = new(@"^(?:[-*+][ \t]+|\d{1,3}[.)][ \t]+)?(?:\*\*[^*:\n]{1,60}:\*\*|(?:\*\*[^*\n]{1,60}\*\*|`[^`\n]{1,60}`|[A-Za-z][\w`'/.-]*(?:[ \t]+[A-Za-z][\w`'/.-]*){0,4}):)[ \t]+\S", RegexOptions.CultureInvariant);

    // A parameter documented as "`num` — Number of results": a **bold** or `code` name, a dash, a value. Only a marked-up
    // name: a plain word before a dash is ordinary prose ("Be brief - the user is busy").
    private static readonly Regex DashField = new(@"^(?:[-*+][ \t]+|\d{1,3}[.)][ \t]+)?(?:\*\*[^*\n]{1,60}\*\*|`[^`\n]{1,60}`)[ \t]+(?:—|–|-{1,2})[ \t]+\S", RegexOptions.CultureInvariant);

    // What a hole or a region the rule does not judge stands as in the units' text (see StaticTextUnits).
    private const char Blanked = '\uFFFF';

    private static readonly Regex Bullet = new(@"^([ \t]*)(?:[-*+•]|\d{1,3}[.)])[ \t]+", RegexOptions.CultureInvariant);

    /// <summary>
    /// True when <paramref name="text"/> is one line naming a field and giving its value, or a few such lines together
    /// ("**Posts:** 1 per week" then "**Channels:** all four" under each level's heading).
    /// </summary>
    public static bool IsField(string text)
    {
        var lines = text.Split('\n');
        if (lines.Length > MaxFieldLines)
        {
            return false;
        }

        foreach (var line in lines)
        {
            var trimmed = line.TrimEnd('\r', ' ', '\t');
            if (!ColonField.IsMatch(trimmed) && !DashField.IsMatch(trimmed))
            {
                return false;
            }
        }

        return true;
    }

    // More lines than this are a block of their own, not one item's fields.
    private const int MaxFieldLines = 4;

    /// <summary>
    /// True when both units are nested list items and the items they are nested under read differently: "- Action: …"
    /// under "- [ ] **`.yamllint`**" and under "- [ ] **`.yamlfix.toml`**". False when either is not nested.
    /// </summary>
    public static bool UnderDifferentParents(PromptTemplate template, StaticTextUnit earlier, StaticTextUnit copy)
    {
        if (earlier.Message != copy.Message)
        {
            return false;
        }

        var text = StaticTextUnits.TextOf(template, copy.Message);
        return Parent(text, earlier.Start) is { } first && Parent(text, copy.Start) is { } second && !string.Equals(first, second, StringComparison.Ordinal);
    }

    // The nearest list item above, less indented than the item at offset: its line, trimmed. Null for an item that is
    // not nested, or when a heading or an unindented line comes first.
    private static string? Parent(string text, int offset)
    {
        if (offset > text.Length)
        {
            return null;
        }

        var lineStart = offset == 0 ? 0 : text.LastIndexOf('\n', offset - 1) + 1;
        var lineEnd = text.IndexOf('\n', lineStart);
        var own = Bullet.Match(text.Substring(lineStart, (lineEnd < 0 ? text.Length : lineEnd) - lineStart));
        if (!own.Success || own.Groups[1].Length == 0)
        {
            return null;
        }

        var indent = Width(own.Groups[1].Value);
        while (lineStart > 0)
        {
            var end = lineStart - 1;
            lineStart = end == 0 ? 0 : text.LastIndexOf('\n', end - 1) + 1;
            var line = text.Substring(lineStart, end - lineStart);
            // A blank line, or one the judged text blanked (a URL line, code): its indentation says nothing.
            var trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed[0] == Blanked)
            {
                continue;
            }

            var marker = Bullet.Match(line);
            var width = Width(line.Substring(0, line.Length - line.TrimStart().Length));
            if (marker.Success && width < indent)
            {
                return line.Trim();
            }

            if (width == 0 && !marker.Success)
            {
                return null;
            }
        }

        return null;
    }

    private static int Width(string indent)
    {
        var width = 0;
        foreach (var c in indent)
        {
            width += c == '\t' ? 4 : 1;
        }

        return width;
    }
}
