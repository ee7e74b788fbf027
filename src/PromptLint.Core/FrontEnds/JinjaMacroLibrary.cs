using System;

namespace PromptLint.Core.FrontEnds;

/// <summary>
/// A Jinja file of macro definitions only (<c>{% macro row(item) %}…{% endmacro %}</c>), with nothing outside them but
/// whitespace, comments, imports and <c>set</c> tags: a library other templates import, never rendered and sent by
/// itself. Rendered alone it sends nothing, so it is measured as an empty template (no prompt, no findings): its macros'
/// parameters are not the holes of a prompt. The templates that import it are measured.
/// </summary>
internal static class JinjaMacroLibrary
{
    /// <summary>True when <paramref name="head"/> (a Jinja file, or its start) defines macros and renders no text of its own.</summary>
    public static bool Matches(string head)
    {
        var text = head.TrimStart('\uFEFF');
        var macros = 0;
        var depth = 0;
        var position = 0;
        while (position < text.Length)
        {
            var tag = NextTag(text, position);
            var outside = text.Substring(position, (tag < 0 ? text.Length : tag) - position);
            if (depth == 0 && outside.Trim().Length > 0)
            {
                return false;
            }

            if (tag < 0)
            {
                break;
            }

            var close = text.IndexOf(text[tag + 1] == '#' ? "#}" : text[tag + 1] == '%' ? "%}" : "}}", tag + 2, StringComparison.Ordinal);
            if (close < 0)
            {
                // Cut off by the end of the head: what was seen decides.
                break;
            }

            var body = text.Substring(tag + 2, close - tag - 2).Trim('-', '+', ' ', '\t', '\r', '\n');
            if (text[tag + 1] == '{' && depth == 0)
            {
                // An expression outside every macro renders text.
                return false;
            }

            if (text[tag + 1] == '%')
            {
                var keyword = body.Split(' ', '\t', '\r', '\n', '(')[0];
                if (keyword is "macro" or "call")
                {
                    macros += keyword == "macro" ? 1 : 0;
                    depth++;
                }
                else if (keyword is "endmacro" or "endcall")
                {
                    depth = Math.Max(0, depth - 1);
                }
                else if (depth == 0 && keyword is not ("import" or "from" or "set" or "endset"))
                {
                    // An if, for, include or block outside a macro renders (or may render) text.
                    return false;
                }
            }

            position = close + 2;
        }

        return macros > 0;
    }

    private static int NextTag(string text, int from)
    {
        while (true)
        {
            var open = text.IndexOf('{', from);
            if (open < 0 || open + 1 >= text.Length)
            {
                return -1;
            }

            if (text[open + 1] is '%' or '{' or '#')
            {
                return open;
            }

            from = open + 1;
        }
    }
}
