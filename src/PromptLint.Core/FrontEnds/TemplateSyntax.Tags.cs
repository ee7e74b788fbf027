using System.Collections.Generic;

namespace PromptLint.Core.FrontEnds;

// Finding the tags of a template and the code spans whose braces are never holes.
public static partial class TemplateSyntax
{
    /// <summary>
    /// The tags of the text, leftmost first, each from its opening to the nearest closing delimiter:
    /// <c>{{…}}</c>, <c>{%…%}</c>, then <c>{#…#}</c> (or, in plain templates, <c>{name}</c>). One pass in linear time:
    /// the nearest closing delimiter is remembered, so thousands of unclosed <c>{{</c> do not each scan to the end of
    /// the file (a regular expression with a lazy <c>[\s\S]*?</c> did, and took 30 s on 60 KB).
    /// </summary>
    internal static IEnumerable<(int Index, int Length)> Tags(string text, TemplateFlavor flavor)
        => Tags(text, hashTags: flavor != TemplateFlavor.Plain, singleBraces: flavor == TemplateFlavor.Plain);

    /// <summary>Every tag of every flavor (<c>{{…}}</c>, <c>{%…%}</c>, <c>{#…#}</c>, <c>{name}</c>): what an edit must never touch.</summary>
    internal static IEnumerable<(int Index, int Length)> AnyTags(string text) => Tags(text, hashTags: true, singleBraces: true);

    private static IEnumerable<(int Index, int Length)> Tags(string text, bool hashTags, bool singleBraces)
    {
        var closeBraces = new NearestClose(text, "}}");
        var closePercent = new NearestClose(text, "%}");
        var closeHash = new NearestClose(text, "#}");
        // Single braces in fenced or inline code are the code's own ($"Weather in {location}", "{id}" in a route,
        // `{placeholder}` named in prose), never holes.
        var fences = singleBraces ? Fences(text) : null;
        if (fences is not null)
        {
            InlineCode.AddSpans(text, fences);
        }
        var i = 0;
        while (i < text.Length - 1)
        {
            if (text[i] != '{')
            {
                i++;
                continue;
            }

            var next = text[i + 1];
            var close = next switch
            {
                '{' => closeBraces.From(i + 2),
                '%' => closePercent.From(i + 2),
                '#' when hashTags => closeHash.From(i + 2),
                _ => -1,
            };
            if (close >= 0)
            {
                yield return (i, close + 2 - i);
                i = close + 2;
                continue;
            }

            if (singleBraces && SingleBraceHole(text, i) is var length && length > 0 && !InFence(fences!, i))
            {
                yield return (i, length);
                i += length;
                continue;
            }

            i++;
        }
    }

    /// <summary>The fenced code blocks and inline code spans of <paramref name="text"/>, sorted by start (see <see cref="InCode"/>).</summary>
    internal static List<(int Start, int End)> CodeSpans(string text)
    {
        var spans = Fences(text);
        InlineCode.AddSpans(text, spans);
        return spans;
    }

    /// <summary>True when <paramref name="index"/> lies in one of <paramref name="spans"/> (from <see cref="CodeSpans"/>).</summary>
    internal static bool InCode(List<(int Start, int End)> spans, int index) => InFence(spans, index);

    // Start and end of each fenced code block (``` or ~~~ at a line's start to the same fence's next line), in order;
    // an unclosed fence runs to the end.
    private static List<(int Start, int End)> Fences(string text)
    {
        var fences = new List<(int, int)>();
        if (text.IndexOf("```", System.StringComparison.Ordinal) < 0 && text.IndexOf("~~~", System.StringComparison.Ordinal) < 0)
        {
            return fences;
        }

        var open = -1;
        string? marker = null;
        for (var lineStart = 0; lineStart < text.Length;)
        {
            var lineEnd = text.IndexOf('\n', lineStart);
            lineEnd = lineEnd < 0 ? text.Length : lineEnd;
            var line = text.Substring(lineStart, lineEnd - lineStart).TrimStart(' ', '\t');
            var fence = line.StartsWith("```", System.StringComparison.Ordinal) ? "```" : line.StartsWith("~~~", System.StringComparison.Ordinal) ? "~~~" : null;
            if (fence is not null && marker is null)
            {
                open = lineStart;
                marker = fence;
            }
            else if (fence is not null && fence == marker)
            {
                fences.Add((open, lineEnd));
                marker = null;
            }

            lineStart = lineEnd + 1;
        }

        if (marker is not null)
        {
            fences.Add((open, text.Length));
        }

        return fences;
    }

    // The spans are sorted and do not overlap: a binary search, so a file of many code spans and braces stays linear-ish.
    private static bool InFence(List<(int Start, int End)> fences, int index)
    {
        int low = 0, high = fences.Count - 1;
        while (low <= high)
        {
            var middle = (low + high) / 2;
            if (fences[middle].Start > index)
            {
                high = middle - 1;
            }
            else if (index >= fences[middle].End)
            {
                low = middle + 1;
            }
            else
            {
                return true;
            }
        }

        return false;
    }

    // "{name}" not inside "{{…}}": an identifier in single braces, with no brace just before or after it, and not what
    // other languages write with single braces: "${name}" (shell, JavaScript), "\p{Greek}" (a regular expression's
    // character class), "%{name}" (Ruby, printf-style).
    private static int SingleBraceHole(string text, int start)
    {
        if (start > 0 && text[start - 1] is '{' or '$' or '%')
        {
            return 0;
        }

        if (start > 1 && text[start - 2] == '\\' && char.IsLetter(text[start - 1]))
        {
            return 0;
        }

        var j = start + 1;
        if (j >= text.Length || !(char.IsLetter(text[j]) && text[j] < 128 || text[j] == '_'))
        {
            return 0;
        }

        while (j < text.Length && (text[j] < 128 && char.IsLetterOrDigit(text[j]) || text[j] == '_'))
        {
            j++;
        }

        if (j >= text.Length || text[j] != '}' || (j + 1 < text.Length && text[j + 1] == '}'))
        {
            return 0;
        }

        return j + 1 - start;
    }

    // The nearest occurrence of a closing delimiter at or after a position that only grows: each character is searched once.
    private sealed class NearestClose
    {
        private readonly string _text;
        private readonly string _delimiter;
        private int _searchedFrom = int.MaxValue;
        private int _found = -1;

        public NearestClose(string text, string delimiter)
        {
            _text = text;
            _delimiter = delimiter;
        }

        public int From(int position)
        {
            var known = _searchedFrom <= position && (_found < 0 || _found >= position);
            if (!known)
            {
                _searchedFrom = position;
                _found = position > _text.Length ? -1 : _text.IndexOf(_delimiter, position, System.StringComparison.Ordinal);
            }

            return _found;
        }
    }
}
