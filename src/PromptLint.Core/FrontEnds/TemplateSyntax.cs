using System.Collections.Generic;
using PromptLint.Core.Model;

namespace PromptLint.Core.FrontEnds;

/// <summary>Splits template text into static segments and holes.</summary>
public static partial class TemplateSyntax
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
