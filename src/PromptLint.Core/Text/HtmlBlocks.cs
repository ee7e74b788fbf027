using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace PromptLint.Core.Text;

/// <summary>
/// Pretty-printed HTML in a prompt's static text (PL0012): markup that is not XML a parser would take (void elements
/// such as <c>&lt;br&gt;</c>, unclosed <c>&lt;li&gt;</c>, text beside child elements), written with a line break and
/// indentation before nearly every tag. As for XML, only whitespace between a '&gt;' and the next '&lt;' that holds a
/// line break is removed; inside <c>pre</c>, <c>textarea</c>, <c>script</c> and <c>style</c> nothing is. A block
/// counts only when all its tags are HTML elements, among them at least two of the common ones, so the tags prompts
/// use for structure (<c>&lt;instructions&gt;</c>, <c>&lt;example&gt;</c>, <c>&lt;context&gt;</c>) are never read as HTML.
/// </summary>
internal static class HtmlBlocks
{
    private const int MinTags = 3;

    // Text between two tags of one block: wide enough for a paragraph of markup, narrow enough that two tags far apart
    // in a prompt are not one block.
    private const int MaxGap = 200;

    private static readonly Regex Tag = new(@"<(?<close>/)?(?<name>[A-Za-z][A-Za-z0-9]*)(?:\s[^<>]*)?/?>", RegexOptions.CultureInvariant);
    private static readonly Regex BetweenTags = new(@">[ \t]*\n\s*<", RegexOptions.CultureInvariant);

    // HTML elements a prompt may carry as markup (an e-mail body, a page to summarize, a snippet to fix).
    private static readonly HashSet<string> Elements = new(StringComparer.OrdinalIgnoreCase)
    {
        "a", "abbr", "b", "blockquote", "body", "br", "button", "caption", "cite", "code", "col", "colgroup", "dd", "div", "dl", "dt",
        "em", "fieldset", "figcaption", "figure", "font", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header",
        "hr", "html", "i", "iframe", "img", "input", "label", "legend", "li", "link", "main", "meta", "nav", "ol", "option", "p",
        "pre", "s", "script", "select", "small", "span", "strong", "style", "sub", "sup", "table", "tbody", "td", "textarea",
        "tfoot", "th", "thead", "title", "tr", "u", "ul",
    };

    // The elements only HTML has; a block needs two different ones.
    private static readonly HashSet<string> Common = new(StringComparer.OrdinalIgnoreCase)
    {
        "a", "body", "br", "div", "h1", "h2", "h3", "h4", "h5", "h6", "head", "html", "img", "li", "ol", "p", "span", "table", "td", "th", "tr", "ul",
    };

    private static readonly HashSet<string> Verbatim = new(StringComparer.OrdinalIgnoreCase) { "pre", "textarea", "script", "style" };

    /// <summary>The pretty-printed HTML blocks of <paramref name="text"/>: start index, length and minified form, in order.</summary>
    public static IReadOnlyList<(int Start, int Length, string Minified)> Blocks(string text)
    {
        var blocks = new List<(int, int, string)>();
        if (text.IndexOf('<') < 0 || text.IndexOf('\n') < 0)
        {
            return blocks;
        }

        var group = new List<Match>();
        void Flush()
        {
            if (group.Count >= MinTags && Minify(text, group) is { } block)
            {
                blocks.Add(block);
            }

            group.Clear();
        }

        for (var match = Tag.Match(text); match.Success; match = match.NextMatch())
        {
            if (group.Count > 0 && match.Index - (group[group.Count - 1].Index + group[group.Count - 1].Length) > MaxGap)
            {
                Flush();
            }

            group.Add(match);
        }

        Flush();
        return blocks;
    }

    private static (int Start, int Length, string Minified)? Minify(string text, List<Match> tags)
    {
        var names = tags.Select(t => t.Groups["name"].Value).ToList();
        if (!names.All(Elements.Contains) || names.Where(Common.Contains).Distinct(StringComparer.OrdinalIgnoreCase).Count() < 2)
        {
            return null;
        }

        var start = tags[0].Index;
        var end = tags[tags.Count - 1].Index + tags[tags.Count - 1].Length;
        var block = text.Substring(start, end - start);

        // Offsets (in the block) of the content of pre/textarea/script/style, where whitespace is content.
        var keep = new List<(int From, int To)>();
        for (var i = 0; i < tags.Count; i++)
        {
            var name = names[i];
            if (!Verbatim.Contains(name) || tags[i].Groups["close"].Success)
            {
                continue;
            }

            var close = tags.Skip(i + 1).FirstOrDefault(t => t.Groups["close"].Success && string.Equals(t.Groups["name"].Value, name, StringComparison.OrdinalIgnoreCase));
            keep.Add((tags[i].Index + tags[i].Length - start, (close is null ? end : close.Index) - start));
        }

        var builder = new StringBuilder(block.Length);
        var position = 0;
        foreach (Match gap in BetweenTags.Matches(block))
        {
            // The whitespace lies between the gap's '>' and '<'.
            if (keep.Any(k => gap.Index + 1 < k.To && k.From < gap.Index + gap.Length - 1))
            {
                continue;
            }

            builder.Append(block, position, gap.Index - position).Append("><");
            position = gap.Index + gap.Length;
        }

        if (position == 0)
        {
            return null;
        }

        builder.Append(block, position, block.Length - position);
        return (start, block.Length, builder.ToString());
    }
}
