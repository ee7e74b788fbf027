using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace PromptLint.Core.Text;

/// <summary>
/// Pretty-printed XML in a prompt's static text (PL0012): an element written over several lines whose indentation
/// between tags a model does not need. Only the whitespace between a '&gt;' and the next '&lt;' that holds a line
/// break is removed, so every other character stays as written; a block counts only when it parses as XML on its own
/// (no DTD), has no mixed content (text beside child elements, where whitespace may matter) and no xml:space, and its
/// minified form parses to the same elements.
/// </summary>
internal static class XmlBlocks
{
    private static readonly Regex OpenTag = new(@"<(?<name>[A-Za-z_][\w.:-]*)(?:\s[^<>]*)?(?<!/)>", RegexOptions.CultureInvariant);
    private static readonly Regex BetweenTags = new(@">[ \t]*\n\s*<", RegexOptions.CultureInvariant);

    /// <summary>The multi-line XML elements of <paramref name="text"/> that minify: start index, length and minified form.</summary>
    public static IReadOnlyList<(int Start, int Length, string Minified)> Blocks(string text)
    {
        var blocks = new List<(int, int, string)>();
        if (text.IndexOf('<') < 0)
        {
            return blocks;
        }

        // Unclosed tags make every later start scan to the end: a budget linear in the text keeps it from going quadratic.
        var budget = (8 * text.Length) + 10_000;
        var match = OpenTag.Match(text);
        while (match.Success && budget > 0)
        {
            var end = MatchingClose(text, match, ref budget);
            if (end > 0 && Minify(text.Substring(match.Index, end - match.Index)) is { } minified)
            {
                blocks.Add((match.Index, end - match.Index, minified));
                match = OpenTag.Match(text, end);
            }
            else
            {
                match = match.NextMatch();
            }
        }

        return blocks;
    }

    // Index just past the tag that closes the element opened by 'open', counting nested elements of the same name.
    // A plain scan, not a pattern per tag name: prompts with many tags run this for each of them on every analysis.
    private static int MatchingClose(string text, Match open, ref int budget)
    {
        var name = open.Groups["name"].Value;
        var depth = 1;
        var position = open.Index + open.Length;
        while ((position = text.IndexOf('<', position)) >= 0)
        {
            budget -= position - open.Index;
            if (budget < 0)
            {
                return -1;
            }

            var closing = position + 1 < text.Length && text[position + 1] == '/';
            var nameStart = position + (closing ? 2 : 1);
            var tagEnd = text.IndexOf('>', nameStart);
            if (tagEnd < 0)
            {
                return -1;
            }

            var afterName = nameStart + name.Length;
            if (string.CompareOrdinal(text, nameStart, name, 0, name.Length) == 0 && afterName <= tagEnd
                && (afterName == tagEnd || text[afterName] is ' ' or '\t' or '\n' or '/')
                && text.IndexOf('<', nameStart, tagEnd - nameStart) < 0)
            {
                if (closing)
                {
                    if (--depth == 0)
                    {
                        return tagEnd + 1;
                    }
                }
                else if (text[tagEnd - 1] != '/')
                {
                    depth++;
                }
            }

            position = nameStart;
        }

        return -1;
    }

    private static string? Minify(string block)
    {
        // Whitespace is content under xml:space and in HTML's pre and textarea (HtmlBlocks minifies around those).
        if (block.IndexOf('\n') < 0 || block.IndexOf("xml:space", StringComparison.Ordinal) >= 0
            || block.IndexOf("<pre", StringComparison.OrdinalIgnoreCase) >= 0 || block.IndexOf("<textarea", StringComparison.OrdinalIgnoreCase) >= 0)
        {
            return null;
        }

        var minified = BetweenTags.Replace(block, "><");
        if (minified.Length >= block.Length || Parse(block) is not { } before || Parse(minified) is not { } after)
        {
            return null;
        }

        var mixed = before.DescendantsAndSelf().Any(e => e.Elements().Any() && e.Nodes().OfType<XText>().Any(t => !string.IsNullOrWhiteSpace(t.Value)));
        return mixed || !XNode.DeepEquals(Strip(before), Strip(after)) ? null : minified;
    }

    private static XElement? Parse(string xml)
    {
        try
        {
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = false };
            using var reader = XmlReader.Create(new StringReader(xml), settings);
            return XElement.Load(reader, LoadOptions.PreserveWhitespace);
        }
        catch (XmlException)
        {
            return null;
        }
    }

    // The element without whitespace-only text beside child elements: what the minified form may drop.
    private static XElement Strip(XElement element)
    {
        var copy = new XElement(element);
        foreach (var text in copy.DescendantNodesAndSelf().OfType<XText>().Where(t => string.IsNullOrWhiteSpace(t.Value) && t.Parent is { } p && p.Elements().Any()).ToList())
        {
            text.Remove();
        }

        return copy;
    }
}
