using System;
using System.Text.RegularExpressions;

namespace PromptLint.Core.FrontEnds;

/// <summary>
/// A web page template with a Jinja extension (a Flask or Django <c>templates/</c> folder: <c>base.j2</c>,
/// <c>components/toolbar.j2</c>): no role line and no <c>&lt;message&gt;</c> tag, and either mostly HTML elements
/// (<c>&lt;div&gt;</c>, <c>&lt;button&gt;</c>, a <c>&lt;script&gt;</c> block) or a page that extends another template,
/// defines blocks and holds HTML. The default globs do not take it for a prompt; a user who lists it still gets it read.
/// A prompt's own XML-like sections (<c>&lt;context&gt;</c>, <c>&lt;instructions&gt;</c>) are not HTML elements and
/// keep a file a prompt.
/// </summary>
internal static class JinjaPageTemplate
{
    private static readonly Regex RoleLine = new(@"^\s*#?\s*(system|developer|user|assistant|function|tool)\s*:\s*$", RegexOptions.IgnoreCase | RegexOptions.Multiline | RegexOptions.CultureInvariant);
    private static readonly Regex Extends = new(@"\{%-?\s*extends\s", RegexOptions.CultureInvariant);
    private static readonly Regex Block = new(@"\{%-?\s*block\s+\w", RegexOptions.CultureInvariant);
    private static readonly Regex TagStart = new(@"^<(!doctype|!--|/?([a-z][a-z0-9]*))", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    // Elements of a web page; a prompt's invented section tags are none of these.
    private static readonly string[] HtmlElements =
    {
        "a", "body", "br", "button", "circle", "div", "footer", "form", "h1", "h2", "h3", "head", "header", "html", "i", "img",
        "input", "label", "li", "link", "main", "meta", "nav", "ol", "option", "p", "path", "rect", "script", "section",
        "select", "span", "style", "svg", "table", "td", "textarea", "th", "title", "tr", "ul",
    };

    /// <summary>True when the text is split into chat messages: a Promptflow role line or a <c>&lt;message&gt;</c> tag.</summary>
    internal static bool HasMessages(string head) => RoleLine.IsMatch(head) || head.IndexOf("<message", StringComparison.OrdinalIgnoreCase) >= 0;

    /// <summary>True when <paramref name="head"/> (the first kilobytes of a Jinja file) is a web page template.</summary>
    public static bool Matches(string head)
    {
        if (HasMessages(head))
        {
            return false;
        }

        var (content, markup, tags, html) = CountLines(head);
        if (html == 0)
        {
            return false;
        }

        var extendsWithBlocks = Extends.IsMatch(head) && Block.IsMatch(head);
        return extendsWithBlocks || markup * 10 >= content * 6 && html * 2 >= tags;
    }

    // Lines with text (not Jinja tags or comments alone); of them, the lines of markup (a tag, the rest of a tag begun
    // above, or a script/style body); the lines that start with a tag, and of those, the ones that open or close an HTML element.
    private static (int Content, int Markup, int Tags, int Html) CountLines(string head)
    {
        int content = 0, markup = 0, tags = 0, html = 0;
        var inScript = false;
        var inTag = false;
        foreach (var raw in head.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || IsJinjaOnly(line))
            {
                continue;
            }

            content++;
            var tag = TagStart.Match(line);
            if (inScript || inTag || tag.Success)
            {
                markup++;
            }

            tags += tag.Success ? 1 : 0;
            if (tag.Success && (tag.Groups[1].Value == "!--" || tag.Groups[1].Value.Equals("!doctype", StringComparison.OrdinalIgnoreCase)
                || Array.IndexOf(HtmlElements, tag.Groups[2].Value.ToLowerInvariant()) >= 0))
            {
                html++;
            }

            if (line.IndexOf("<script", StringComparison.OrdinalIgnoreCase) >= 0 || line.IndexOf("<style", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                inScript = true;
            }

            if (line.IndexOf("</script>", StringComparison.OrdinalIgnoreCase) >= 0 || line.IndexOf("</style>", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                inScript = false;
            }

            // A tag whose attributes run on to the next lines ("<button id=…" then "aria-label=… >").
            inTag = (tag.Success || inTag) && line.LastIndexOf('<') > line.LastIndexOf('>') || inTag && line.IndexOf('>') < 0;
        }

        return (content, markup, tags, html);
    }

    private static bool IsJinjaOnly(string line)
        => (line.StartsWith("{%", StringComparison.Ordinal) && line.EndsWith("%}", StringComparison.Ordinal))
            || (line.StartsWith("{#", StringComparison.Ordinal) && line.EndsWith("#}", StringComparison.Ordinal));
}
