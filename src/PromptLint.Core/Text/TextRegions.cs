using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using PromptLint.Core.Model;

namespace PromptLint.Core.Text;

/// <summary>
/// The regions of one text (line endings LF; a hole may stand as one <see cref="Hole"/> character): one linear pass
/// over its lines, one flag set per character. Computed from the text alone, so a rule and the file fix that rewrites
/// the same text see the same regions.
/// </summary>
public sealed partial class TextRegions
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

        HtmlComments(text, kinds);
        return new TextRegions(kinds, fences);
    }
}
