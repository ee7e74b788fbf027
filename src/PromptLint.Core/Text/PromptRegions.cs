using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using PromptLint.Core.Model;

namespace PromptLint.Core.Text;

/// <summary>
/// What a stretch of a prompt's text is, besides instruction prose (none of these flags). Flags combine: a JSON block
/// in a fence under an "Output format" heading is <see cref="Code"/> and <see cref="OutputFormat"/>.
/// </summary>
[Flags]
public enum PromptRegionKind
{
    /// <summary>Instruction prose: what content rules judge unless their page says otherwise.</summary>
    Prose = 0,

    /// <summary>Code: a fenced block, its fence lines included.</summary>
    Code = 1,

    /// <summary>A few-shot example or sample: under an example heading, label or tag, until the section ends.</summary>
    Example = 2,

    /// <summary>An output-format specification: what the model must write (under "Output format", "Respond in this JSON format:").</summary>
    OutputFormat = 4,

    /// <summary>Quoted or tabular data: Markdown tables, context and document sections, per-item fields ("- **File**: a.json, b.json").</summary>
    Data = 8,

    /// <summary>Verbatim output shown to the model (a tool's or a terminal's result in a transcript): its spacing is the output's.</summary>
    Verbatim = 16,

    /// <summary>Text that is never sent: front matter at the start of a message.</summary>
    NotSent = 32,

    /// <summary>An inline code span on one line (its backticks included): a word of the sentence it stands in, but code.</summary>
    InlineCode = 64,
}

/// <summary>
/// The regions of one text (line endings LF; a hole may stand as one <see cref="Hole"/> character): one linear pass
/// over its lines, one flag set per character. Computed from the text alone, so a rule and the file fix that rewrites
/// the same text see the same regions.
/// </summary>
public sealed class TextRegions
{
    /// <summary>The character a hole stands as in a message's flat text.</summary>
    public const char Hole = '\uFFFF';

    private static readonly Regex Heading = new(@"^[ \t]{0,3}(#{1,6})[ \t]+\S", RegexOptions.CultureInvariant);
    private static readonly Regex LeadIn = new(@":[ \t]*$", RegexOptions.CultureInvariant);
    // The name is atomic and attributes need a space before them: a long line "<aaaa…" without '>' fails in one pass.
    private static readonly Regex TagLine = new(@"^[ \t]*<(?<close>/)?(?<name>(?>[A-Za-z_][\w.-]*))(?:\s[^<>]*)?>[ \t]*$", RegexOptions.CultureInvariant);
    private static readonly Regex EndLine = new(@"^[ \t]*end\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    // A line that only names an example ("EXAMPLE", "Example 2", "Sample output"): it opens an example that runs until
    // an end line ("END OF EXAMPLE"), a closing tag or a heading, whatever lead-ins ("Input:") it holds.
    private static readonly Regex ExampleLabel = new(@"^[ \t]*(?:examples?|samples?|few[- ]shot(?: examples?)?|demonstrations?)\b[\w #.()-]{0,40}:?[ \t]*$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    private static readonly Regex ExampleName = new(@"\b(?:examples?|samples?|few[- ]shot|demonstrations?|transcripts?|inputs?|responses?|expected|illustrations?)\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);
    private static readonly Regex FormatName = new(@"\b(?:format|formats|formatting|schema|structure|template|json)\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);
    private static readonly Regex DataName = new(@"\b(?:context|documents?)\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);
    private static readonly Regex VerbatimName = new(@"\b(?:results?|stdout|stderr|observations?|console|terminal)\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    // "- **Dependency file**: requirements.txt, pyproject.toml": a labelled field whose value is a list of names, not a sentence.
    // A list item or a bold label: "Human: hi" in a transcript is not a field.
    private static readonly Regex Field = new(@"^[ \t]*(?:[-*+][ \t]+(?:\*\*[^*\n]{1,40}\*\*|[A-Za-z][\w ]{0,30})|\*\*[^*\n]{1,40}\*\*):[ \t]*[^\s,]+(?:,[ \t]*[^\s,]+)*[ \t]*$", RegexOptions.CultureInvariant);

    private static readonly Regex FrontMatterKey = new(@"^[A-Za-z_][\w.-]*[ \t]*:", RegexOptions.CultureInvariant);
    private static readonly Regex TableSeparator = new(@"^[ \t]*\|(?:[ \t]*:?-+:?[ \t]*\|)+[ \t]*$", RegexOptions.CultureInvariant);

    private readonly PromptRegionKind[] _kinds;

    private TextRegions(PromptRegionKind[] kinds, IReadOnlyList<Fence> fences)
    {
        _kinds = kinds;
        Fences = fences;
    }

    /// <summary>A fenced code block: where it starts and ends (fence lines included) and its info string ("json", "html").</summary>
    public readonly struct Fence
    {
        /// <summary>Creates a fence.</summary>
        public Fence(int start, int end, string info)
        {
            Start = start;
            End = end;
            Info = info;
        }

        /// <summary>Offset of the opening fence line.</summary>
        public int Start { get; }

        /// <summary>Offset just past the closing fence line (or the end of the text when it is not closed).</summary>
        public int End { get; }

        /// <summary>The info string after the opening fence, lower case ("" when none).</summary>
        public string Info { get; }
    }

    /// <summary>The fenced code blocks, in order.</summary>
    public IReadOnlyList<Fence> Fences { get; }

    /// <summary>The text's length.</summary>
    public int Length => _kinds.Length;

    /// <summary>What the character at <paramref name="offset"/> is (prose outside the text).</summary>
    public PromptRegionKind KindAt(int offset) => offset >= 0 && offset < _kinds.Length ? _kinds[offset] : PromptRegionKind.Prose;

    /// <summary>True when any character of [<paramref name="start"/>, <paramref name="end"/>) is in a region of <paramref name="kinds"/>.</summary>
    public bool Any(int start, int end, PromptRegionKind kinds)
    {
        for (var i = Math.Max(0, start); i < end && i < _kinds.Length; i++)
        {
            if ((_kinds[i] & kinds) != 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The fence the character at <paramref name="offset"/> is in, if any.</summary>
    public Fence? FenceAt(int offset)
    {
        foreach (var fence in Fences)
        {
            if (offset >= fence.Start && offset < fence.End)
            {
                return fence;
            }

            if (fence.Start > offset)
            {
                break;
            }
        }

        return null;
    }

    /// <summary>The regions of <paramref name="text"/> (LF line endings), whose first character starts a message when <paramref name="startsMessage"/>.</summary>
    public static TextRegions Of(string text, bool startsMessage = true)
    {
        var kinds = new PromptRegionKind[text.Length];
        var fences = new List<Fence>();
        var lines = Lines(text);
        var first = startsMessage ? FrontMatter(text, lines, kinds) : 0;

        // Open sections: one from a heading (ends at a heading of the same or a higher level), one from a lead-in or tag
        // line (ends at the next section line), one from an example label (ends at an end line, a closing tag or a heading).
        (int Level, PromptRegionKind Kind) headed = (0, PromptRegionKind.Prose);
        var led = PromptRegionKind.Prose;
        var labelled = PromptRegionKind.Prose;
        string? tag = null;
        var tagKind = PromptRegionKind.Prose;
        Fence? openFence = null;
        var fenceChar = '\0';
        var fenceLength = 0;
        var tableStart = -1;

        for (var l = first; l < lines.Count; l++)
        {
            var (start, end) = lines[l];
            var line = text.Substring(start, end - start);
            var trimmed = line.TrimStart(' ', '\t');
            var lineEnd = end < text.Length ? end + 1 : end;

            if (openFence is { } open)
            {
                Mark(kinds, start, lineEnd, PromptRegionKind.Code | headed.Kind | led | labelled | tagKind);
                if (IsClosingFence(trimmed, fenceChar, fenceLength))
                {
                    fences.Add(new Fence(open.Start, lineEnd, open.Info));
                    openFence = null;
                }

                continue;
            }

            if (OpeningFence(trimmed) is { } opening)
            {
                openFence = new Fence(start, text.Length, trimmed.Substring(opening.Length).Trim().ToLowerInvariant());
                fenceChar = trimmed[0];
                fenceLength = opening.Length;
                Mark(kinds, start, lineEnd, PromptRegionKind.Code | headed.Kind | led | labelled | tagKind);
                continue;
            }

            var heading = Heading.Match(line);
            if (heading.Success)
            {
                var level = heading.Groups[1].Length;
                if (headed.Level > 0 && level <= headed.Level)
                {
                    headed = (0, PromptRegionKind.Prose);
                }

                led = PromptRegionKind.Prose;
                labelled = PromptRegionKind.Prose;
                if (headed.Level == 0 && NameKind(line) is var named && named != PromptRegionKind.Prose)
                {
                    headed = (level, named);
                    InlineCode(text, start, end, kinds);
                    continue;
                }
            }
            else if (EndLine.IsMatch(line))
            {
                led = PromptRegionKind.Prose;
                labelled = PromptRegionKind.Prose;
            }
            else if (TagLine.Match(line) is { Success: true } tagMatch)
            {
                var name = tagMatch.Groups["name"].Value;
                if (tagMatch.Groups["close"].Success)
                {
                    if (string.Equals(name, tag, StringComparison.OrdinalIgnoreCase))
                    {
                        tag = null;
                        tagKind = PromptRegionKind.Prose;
                    }

                    led = PromptRegionKind.Prose;
                    labelled = PromptRegionKind.Prose;
                }
                else if (tag is null && NameKind(name.Replace('_', ' ').Replace('-', ' ')) is var tagged && tagged != PromptRegionKind.Prose)
                {
                    tag = name;
                    tagKind = tagged;
                    continue;
                }
                else
                {
                    led = PromptRegionKind.Prose;
                }
            }
            else if (ExampleLabel.IsMatch(line) && trimmed.Length > 0)
            {
                labelled = PromptRegionKind.Example;
                continue;
            }
            else if (LeadIn.IsMatch(line) && trimmed.Length > 0)
            {
                led = NameKind(line, leadIn: true);
                InlineCode(text, start, end, kinds);
                continue;
            }

            var kind = headed.Kind | led | labelled | tagKind;
            if (Field.IsMatch(line) && !line.Contains(Hole.ToString()))
            {
                kind |= PromptRegionKind.Data;
            }

            Mark(kinds, start, lineEnd, kind);
            InlineCode(text, start, end, kinds);

            // Markdown tables: two or more rows starting and ending with '|', one of them a separator row.
            var row = trimmed.Length > 1 && trimmed[0] == '|' && trimmed.TrimEnd(' ', '\t')[trimmed.TrimEnd(' ', '\t').Length - 1] == '|';
            if (row && tableStart < 0)
            {
                tableStart = l;
            }

            if ((!row || l == lines.Count - 1) && tableStart >= 0)
            {
                var last = row ? l : l - 1;
                if (last > tableStart && HasSeparator(text, lines, tableStart, last))
                {
                    for (var r = tableStart; r <= last; r++)
                    {
                        Mark(kinds, lines[r].Start, lines[r].End, kinds[lines[r].Start] | PromptRegionKind.Data);
                    }
                }

                tableStart = -1;
            }
        }

        if (openFence is { } unclosed)
        {
            fences.Add(unclosed);
        }

        return new TextRegions(kinds, fences);
    }

    // What a section's name says its body is: examples, an output format ("Output format", "Respond in this JSON
    // format:"), data (context, documents) or verbatim output ("EXECUTION RESULT:").
    private static PromptRegionKind NameKind(string name, bool leadIn = false)
    {
        if (ExampleName.IsMatch(name))
        {
            return PromptRegionKind.Example;
        }

        if (FormatName.IsMatch(name))
        {
            return PromptRegionKind.OutputFormat;
        }

        // Only a lead-in introduces output shown as it was ("EXECUTION RESULT of [run]:"); a "## Results" heading is prose.
        if (leadIn && VerbatimName.IsMatch(name))
        {
            return PromptRegionKind.Verbatim;
        }

        return DataName.IsMatch(name) ? PromptRegionKind.Data : PromptRegionKind.Prose;
    }

    // Front matter: the message opens (after blank lines) with a line "---", then "key:" lines, then a line "---" or "...".
    // Returns the first line after it.
    private static int FrontMatter(string text, List<(int Start, int End)> lines, PromptRegionKind[] kinds)
    {
        var l = 0;
        while (l < lines.Count && IsBlank(text, lines[l]))
        {
            l++;
        }

        if (l + 2 >= lines.Count || Line(text, lines[l]).TrimEnd(' ', '\t', '\uFEFF') != "---" || !FrontMatterKey.IsMatch(Line(text, lines[l + 1])))
        {
            return 0;
        }

        for (var close = l + 2; close < lines.Count; close++)
        {
            var line = Line(text, lines[close]).TrimEnd(' ', '\t');
            if (line is "---" or "...")
            {
                var end = lines[close].End < text.Length ? lines[close].End + 1 : lines[close].End;
                Mark(kinds, 0, end, PromptRegionKind.NotSent);
                return close + 1;
            }
        }

        return 0;
    }

    private static string? OpeningFence(string trimmed)
    {
        if (trimmed.Length < 3 || trimmed[0] is not ('`' or '~'))
        {
            return null;
        }

        var n = 0;
        while (n < trimmed.Length && trimmed[n] == trimmed[0])
        {
            n++;
        }

        // An info string of a backtick fence may not hold a backtick (that is inline code: ```a``` on one line).
        return n >= 3 && (trimmed[0] == '~' || trimmed.IndexOf('`', n) < 0) ? trimmed.Substring(0, n) : null;
    }

    private static bool IsClosingFence(string trimmed, char fenceChar, int fenceLength)
    {
        var n = 0;
        while (n < trimmed.Length && trimmed[n] == fenceChar)
        {
            n++;
        }

        return n >= fenceLength && trimmed.Substring(n).Trim().Length == 0;
    }

    // Inline code spans on one line: a run of n backticks up to the next run of exactly n.
    private static void InlineCode(string text, int start, int end, PromptRegionKind[] kinds)
    {
        var i = text.IndexOf('`', start, end - start);
        while (i >= 0 && i < end)
        {
            var n = 0;
            while (i + n < end && text[i + n] == '`')
            {
                n++;
            }

            var close = FindRun(text, i + n, end, n);
            if (close < 0)
            {
                return;
            }

            for (var k = i; k < close + n; k++)
            {
                kinds[k] |= PromptRegionKind.InlineCode;
            }

            i = close + n < end ? text.IndexOf('`', close + n, end - close - n) : -1;
        }
    }

    private static int FindRun(string text, int from, int end, int n)
    {
        for (var i = from; i < end; i++)
        {
            if (text[i] != '`')
            {
                continue;
            }

            var m = 0;
            while (i + m < end && text[i + m] == '`')
            {
                m++;
            }

            if (m == n)
            {
                return i;
            }

            i += m - 1;
        }

        return -1;
    }

    private static bool HasSeparator(string text, List<(int Start, int End)> lines, int from, int to)
    {
        for (var r = from; r <= to; r++)
        {
            if (TableSeparator.IsMatch(Line(text, lines[r])))
            {
                return true;
            }
        }

        return false;
    }

    private static void Mark(PromptRegionKind[] kinds, int start, int end, PromptRegionKind kind)
    {
        for (var i = start; i < end && i < kinds.Length; i++)
        {
            kinds[i] = kind;
        }
    }

    private static bool IsBlank(string text, (int Start, int End) line)
    {
        for (var i = line.Start; i < line.End; i++)
        {
            if (!char.IsWhiteSpace(text[i]) && text[i] != '\uFEFF')
            {
                return false;
            }
        }

        return true;
    }

    private static string Line(string text, (int Start, int End) line) => text.Substring(line.Start, line.End - line.Start);

    private static List<(int Start, int End)> Lines(string text)
    {
        var lines = new List<(int Start, int End)>();
        for (var start = 0; start <= text.Length;)
        {
            var end = text.IndexOf('\n', start);
            end = end < 0 ? text.Length : end;
            lines.Add((start, end));
            start = end + 1;
        }

        return lines;
    }
}

/// <summary>
/// The regions of every message of a prompt, computed once per template: each message's static text read whole, with
/// each hole standing as one <see cref="TextRegions.Hole"/> character (the offsets <c>StaticTextUnits</c> uses).
/// </summary>
public sealed class PromptRegions
{
    private static readonly ConditionalWeakTable<PromptTemplate, PromptRegions> Cache = new();

    private readonly TextRegions[] _messages;
    private readonly int[][] _segmentOffsets;

    private PromptRegions(TextRegions[] messages, int[][] segmentOffsets)
    {
        _messages = messages;
        _segmentOffsets = segmentOffsets;
    }

    /// <summary>The regions of <paramref name="template"/> (computed on first use, then shared by every rule).</summary>
    public static PromptRegions Of(PromptTemplate template) => Cache.GetValue(template, Compute);

    /// <summary>The regions of message <paramref name="message"/>'s flat text.</summary>
    public TextRegions Message(int message) => _messages[message];

    /// <summary>Where segment <paramref name="segment"/> of message <paramref name="message"/> starts in the message's flat text.</summary>
    public int SegmentOffset(int message, int segment) => _segmentOffsets[message][segment];

    /// <summary>What the character at <paramref name="offset"/> of a static segment (line endings normalized) is.</summary>
    public PromptRegionKind KindAt(int message, int segment, int offset)
        => _messages[message].KindAt(_segmentOffsets[message][segment] + offset);

    /// <summary>What a hole is in: a hole inside code or front matter is literal text, not a value filled per call.</summary>
    public PromptRegionKind KindOfHole(int message, int segment) => KindAt(message, segment, 0);

    /// <summary>True when the span lies wholly in instruction prose.</summary>
    public bool IsProse(int message, int segment, int start, int length)
        => !_messages[message].Any(_segmentOffsets[message][segment] + start, _segmentOffsets[message][segment] + start + Math.Max(1, length), (PromptRegionKind)~0);

    private static PromptRegions Compute(PromptTemplate template)
    {
        var messages = new TextRegions[template.Messages.Count];
        var offsets = new int[template.Messages.Count][];
        for (var m = 0; m < template.Messages.Count; m++)
        {
            var segments = template.Messages[m].Segments;
            offsets[m] = new int[segments.Count];
            var text = new StringBuilder();
            for (var s = 0; s < segments.Count; s++)
            {
                offsets[m][s] = text.Length;
                if (segments[s].IsHole)
                {
                    text.Append(TextRegions.Hole);
                }
                else
                {
                    text.Append(TextNormalizer.NormalizeLineEndings(segments[s].Text));
                }
            }

            messages[m] = TextRegions.Of(text.ToString());
        }

        return new PromptRegions(messages, offsets);
    }
}
