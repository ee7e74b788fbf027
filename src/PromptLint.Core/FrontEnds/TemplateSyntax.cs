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
        var flow = new ControlFlow();
        string? loopOpen = null;
        var loopDepth = 0;
        foreach (var (index, length) in Tags(text, flavor))
        {
            var raw = text.Substring(index, length);
            if (raw.StartsWith("{#", System.StringComparison.Ordinal) && flavor != TemplateFlavor.Jinja)
            {
                continue;
            }

            var tag = Classify(raw, flavor);
            if (loopOpen is not null)
            {
                // Inside a loop nothing is read: the loop is one hole, whatever it repeats.
                loopDepth += tag == TagKind.LoopOpen ? 1 : tag == TagKind.LoopClose ? -1 : 0;
                if (loopDepth == 0)
                {
                    segments.Add(PromptSegment.Hole(HoleName(loopOpen) ?? "loop").WithBranch(flow.Path));
                    loopOpen = null;
                    last = index + length;
                }

                continue;
            }

            AppendStatic(segments, text.Substring(last, index - last), position.At(last), continuationColumn, flow.Path);
            last = index + length;

            if (tag == TagKind.LoopOpen)
            {
                loopOpen = raw;
                loopDepth = 1;
                continue;
            }

            var name = HoleName(raw);
            if (name is not null)
            {
                // The tag itself stays a hole (what is sent there changes per call), in the alternative it opens or closes.
                segments.Add(PromptSegment.Hole(name, isVolatile: tag == TagKind.Other && IsVolatileName(name)).WithBranch(flow.Path));
            }

            switch (tag)
            {
                case TagKind.BlockOpen:
                    flow.Open();
                    break;
                case TagKind.Alternative:
                    flow.Next();
                    break;
                case TagKind.BlockClose:
                    flow.Close();
                    break;
            }
        }

        if (loopOpen is not null)
        {
            // An unclosed loop: everything after it is what the loop repeats.
            segments.Add(PromptSegment.Hole(HoleName(loopOpen) ?? "loop").WithBranch(flow.Path));
            return segments;
        }

        AppendStatic(segments, text.Substring(last), position.At(last), continuationColumn, flow.Path);
        return segments;
    }

    private static void AppendStatic(List<PromptSegment> segments, string text, SourceLocation? origin, int continuationColumn, string? branch)
    {
        var count = segments.Count;
        PromptSegment.AppendStatic(segments, text, origin, continuationColumn);
        if (branch is not null && segments.Count > 0 && !segments[segments.Count - 1].IsHole && (segments.Count > count || segments[segments.Count - 1].Branch is null))
        {
            segments[segments.Count - 1] = segments[segments.Count - 1].WithBranch(branch);
        }
    }

    private enum TagKind
    {
        Other,
        BlockOpen,
        Alternative,
        BlockClose,
        LoopOpen,
        LoopClose,
    }

    // What a tag does to the control flow. Handlebars: {{#if}}/{{#unless}} … {{else}} / {{else if}} / {{^}} … {{/if}},
    // {{#each}} … {{/each}} a loop, any other {{#section}} … {{/section}} a block of one alternative. Jinja and Liquid:
    // {% if %}/{% unless %}/{% case %} … {% elif %}/{% elsif %}/{% else %}/{% when %} … {% endif %}/{% endunless %}/
    // {% endcase %}, {% for %} … {% endfor %} a loop.
    private static TagKind Classify(string raw, TemplateFlavor flavor)
    {
        if (raw.StartsWith("{{", System.StringComparison.Ordinal) && flavor is TemplateFlavor.Mustache or TemplateFlavor.Plain)
        {
            var inner = raw.Substring(2, raw.Length - 4).Trim().TrimStart('~').TrimEnd('~').Trim();
            if (inner.StartsWith("#each", System.StringComparison.Ordinal))
            {
                return TagKind.LoopOpen;
            }

            if (inner.StartsWith("/each", System.StringComparison.Ordinal))
            {
                return TagKind.LoopClose;
            }

            // "{{#section}}" and Mustache's inverted "{{^section}}" open a block; a bare "{{^}}" is Handlebars' else.
            if ((inner.StartsWith("#", System.StringComparison.Ordinal) || inner.StartsWith("^", System.StringComparison.Ordinal)) && inner.Length > 1)
            {
                return TagKind.BlockOpen;
            }

            if (inner == "else" || inner == "^" || inner.StartsWith("else ", System.StringComparison.Ordinal))
            {
                return TagKind.Alternative;
            }

            return inner.StartsWith("/", System.StringComparison.Ordinal) && inner.Length > 1 ? TagKind.BlockClose : TagKind.Other;
        }

        if (raw.StartsWith("{%", System.StringComparison.Ordinal) && flavor is TemplateFlavor.Jinja or TemplateFlavor.Liquid or TemplateFlavor.Plain)
        {
            var inner = raw.Substring(2, raw.Length - 4).Trim().Trim('-', '+').Trim();
            var word = inner.Split(' ', '\t', '\n')[0];
            return word switch
            {
                "if" or "unless" or "case" => TagKind.BlockOpen,
                "elif" or "elsif" or "else" or "when" => TagKind.Alternative,
                "endif" or "endunless" or "endcase" => TagKind.BlockClose,
                "for" or "tablerow" => TagKind.LoopOpen,
                "endfor" or "endtablerow" => TagKind.LoopClose,
                _ => TagKind.Other,
            };
        }

        return TagKind.Other;
    }

    // The stack of open conditional blocks: "3.1/5.0" is alternative 1 of block 3, then alternative 0 of block 5 in it.
    // Only the outer MaxDepth levels are told apart: a block nested deeper (only a generated or hostile file does that)
    // counts every alternative, an over-count, never an under-count; it keeps the path, and so the work per segment,
    // bounded (a path per nesting level made 30,000 nested conditionals quadratic, and their total recurse that deep).
    private sealed class ControlFlow
    {
        internal const int MaxDepth = 64;

        private readonly List<(int Block, int Alternative)> _open = new();
        private int _blocks;
        private int _beyond;

        public string? Path { get; private set; }

        public void Open()
        {
            if (_open.Count >= MaxDepth)
            {
                _beyond++;
                return;
            }

            _open.Add((_blocks++, 0));
            Update();
        }

        public void Next()
        {
            if (_beyond == 0 && _open.Count > 0)
            {
                var top = _open[_open.Count - 1];
                _open[_open.Count - 1] = (top.Block, top.Alternative + 1);
                Update();
            }
        }

        public void Close()
        {
            if (_beyond > 0)
            {
                _beyond--;
                return;
            }

            if (_open.Count > 0)
            {
                _open.RemoveAt(_open.Count - 1);
                Update();
            }
        }

        private void Update()
            => Path = _open.Count == 0 ? null : string.Join("/", _open.ConvertAll(o => o.Block.ToString(System.Globalization.CultureInfo.InvariantCulture) + "." + o.Alternative.ToString(System.Globalization.CultureInfo.InvariantCulture)));
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

    // Names of values that change on every call (or every day): "{{current_date}}", "{{.CurrentDate}}", "{{$now}}",
    // "{timestamp}", "{{request_id}}". Compared without case, punctuation and a "$" or "." prefix, and whole, so
    // "{{date_of_birth}}" or "{{timezone}}" are not; PromptLint cannot see what fills a hole, the name is all it has.
    private static readonly HashSet<string> VolatileNames = new(System.StringComparer.Ordinal)
    {
        "now", "utcnow", "today", "todaysdate", "todaydate", "currentdate", "currenttime", "currentdatetime", "currenttimestamp",
        "datetimenow", "timestamp", "requestid", "traceid", "correlationid", "spanid", "uuid", "guid", "nonce", "randomseed",
    };

    /// <summary>True when a hole's name says its value changes on every call.</summary>
    internal static bool IsVolatileName(string name)
    {
        var key = new System.Text.StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (char.IsLetterOrDigit(c))
            {
                key.Append(char.ToLowerInvariant(c));
            }
        }

        return VolatileNames.Contains(key.ToString());
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
