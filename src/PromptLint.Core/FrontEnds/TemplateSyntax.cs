using System.Collections.Generic;
using PromptLint.Core.Model;

namespace PromptLint.Core.FrontEnds;

/// <summary>How holes are spelled in a template.</summary>
public enum TemplateFlavor
{
    /// <summary>Jinja2 / Prompty: <c>{{ name | filter }}</c>, <c>{% block %}</c> (dynamic), <c>{# comment #}</c> (dropped).</summary>
    Jinja,
    /// <summary>Mustache / Handlebars: <c>{{name}}</c>, <c>{{#section}}</c> (dynamic), <c>{{! comment}}</c> (dropped).</summary>
    Mustache,
    /// <summary>Semantic Kernel: <c>{{$name}}</c>, <c>{{plugin.function $arg}}</c> (a function call is dynamic).</summary>
    SemanticKernel,
    /// <summary>Liquid (Semantic Kernel's other format): <c>{{ name }}</c>, <c>{% tag %}</c>.</summary>
    Liquid,
    /// <summary>Plain text templates: <c>{{name}}</c>, <c>{{$name}}</c>, <c>{{ name }}</c> and <c>{name}</c>.</summary>
    Plain,
}

/// <summary>Splits template text into static segments and holes.</summary>
public static class TemplateSyntax
{
    /// <summary>Segments of <paramref name="text"/> in order; adjacent static text is merged.</summary>
    public static IReadOnlyList<PromptSegment> Split(string text, TemplateFlavor flavor) => Split(text, flavor, null, 1);

    /// <summary>
    /// Segments of <paramref name="text"/> in order, each static one with where it starts in the file, given where the
    /// text's first character is (<paramref name="origin"/>) and the column each of its later lines starts at.
    /// </summary>
    public static IReadOnlyList<PromptSegment> Split(string text, TemplateFlavor flavor, SourceLocation? origin, int continuationColumn)
    {
        var segments = new List<PromptSegment>();
        var last = 0;
        var position = new Position(text, origin, continuationColumn);
        foreach (var (index, length) in Tags(text, flavor))
        {
            var raw = text.Substring(index, length);
            if (raw.StartsWith("{#", System.StringComparison.Ordinal) && flavor != TemplateFlavor.Jinja)
            {
                continue;
            }

            PromptSegment.AppendStatic(segments, text.Substring(last, index - last), position.At(last), continuationColumn);
            last = index + length;

            var name = HoleName(raw);
            if (name is not null)
            {
                segments.Add(PromptSegment.Hole(name));
            }
        }

        PromptSegment.AppendStatic(segments, text.Substring(last), position.At(last), continuationColumn);
        return segments;
    }

    /// <summary>Where the character at <paramref name="offset"/> of <paramref name="text"/> is, given where the text starts.</summary>
    internal static SourceLocation? Advance(SourceLocation? origin, int continuationColumn, string text, int offset)
        => new Position(text, origin, continuationColumn).At(offset);

    // Line and column of an offset that only grows, counted once over the text.
    private sealed class Position(string text, SourceLocation? origin, int continuationColumn)
    {
        private int _offset;
        private int _line = origin?.Line ?? 1;
        private int _lineStart;

        public SourceLocation? At(int offset)
        {
            if (origin is not { } start)
            {
                return null;
            }

            for (; _offset < offset && _offset < text.Length; _offset++)
            {
                if (text[_offset] == '\n')
                {
                    _line++;
                    _lineStart = _offset + 1;
                }
            }

            var column = _line == start.Line ? start.Column + (offset - _lineStart) : continuationColumn + (offset - _lineStart);
            return new SourceLocation(start.Path, _line, column);
        }
    }

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

            if (singleBraces && SingleBraceHole(text, i) is var length && length > 0)
            {
                yield return (i, length);
                i += length;
                continue;
            }

            i++;
        }
    }

    // "{name}" not inside "{{…}}": an identifier in single braces, with no brace just before or after it.
    private static int SingleBraceHole(string text, int start)
    {
        if (start > 0 && text[start - 1] == '{')
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

    // Null for comments, which are never sent.
    private static string? HoleName(string raw)
    {
        if (raw.StartsWith("{#", System.StringComparison.Ordinal) || raw.StartsWith("{{!", System.StringComparison.Ordinal))
        {
            return null;
        }

        string inner;
        if (raw.StartsWith("{{", System.StringComparison.Ordinal))
        {
            inner = raw.Substring(2, raw.Length - 4);
        }
        else if (raw.StartsWith("{%", System.StringComparison.Ordinal))
        {
            inner = "%" + raw.Substring(2, raw.Length - 4).Trim() + "%";
        }
        else
        {
            inner = raw.Substring(1, raw.Length - 2);
        }

        inner = inner.Trim().Trim('-', '~').Trim();
        var pipe = inner.IndexOf('|');
        if (pipe > 0 && !inner.StartsWith("%", System.StringComparison.Ordinal))
        {
            inner = inner.Substring(0, pipe).Trim();
        }

        if (inner.StartsWith("$", System.StringComparison.Ordinal))
        {
            inner = inner.Substring(1);
        }

        // "{{plugin.function $arg}}": the function name identifies the hole.
        var space = inner.IndexOfAny(new[] { ' ', '\t', '\n' });
        if (space > 0 && !inner.StartsWith("%", System.StringComparison.Ordinal))
        {
            inner = inner.Substring(0, space);
        }

        return inner.Length == 0 ? "?" : inner;
    }
}
