using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using PromptLint.Core.Model;
using PromptLint.Core.Text;
using PromptLint.Counting.Text;

namespace PromptLint.Core.Text;

/// <summary>
/// Splits a prompt's static text into paragraphs, list items and sentences for the rules that compare pieces of text
/// with each other (PL0015, PL0019). Holes are never read: each stands as one character no unit may contain, so text
/// next to a hole is only a unit where it is complete on its own. The rules read the prompt's prose only (JudgedText):
/// code, examples, output formats and data arrive blanked the same way, so no unit holds them.
/// </summary>
internal static class StaticTextUnits
{
    private const char Masked = '\uFFFF';

    private static readonly Regex Bullet = new(@"^[ \t]*(?:[-*+•]|\d{1,3}[.)])[ \t]+", RegexOptions.CultureInvariant);
    private static readonly Regex HeadingOrLeadIn = new(@"^[ \t]*#|:[ \t]*$", RegexOptions.CultureInvariant);
    private static readonly Regex Whitespace = new(@"\s+", RegexOptions.CultureInvariant);

    // PL0015 and PL0019 both read the units of the same (immutable) template: split it once.
    private static readonly ConditionalWeakTable<PromptTemplate, IReadOnlyList<StaticTextUnit>> Cache = new();

    /// <summary>Every unit of the prompt's static text, message by message, in reading order within each level.</summary>
    public static IReadOnlyList<StaticTextUnit> Of(PromptTemplate template) => Cache.GetValue(template, Split);

    private static IReadOnlyList<StaticTextUnit> Split(PromptTemplate template)
    {
        var units = new List<StaticTextUnit>();
        for (var i = 0; i < template.Messages.Count; i++)
        {
            var text = MaskedText(template.Messages[i]);
            Split(i, text, units);
        }

        return units;
    }

    /// <summary>Whitespace runs to one space, trimmed, lower case, list markers at line starts removed.</summary>
    public static string Key(string text)
    {
        // One pass, one string: this runs for every unit of every prompt.
        var key = new StringBuilder(text.Length);
        var lineStart = 0;
        while (lineStart <= text.Length)
        {
            var lineEnd = text.IndexOf('\n', lineStart);
            lineEnd = lineEnd < 0 ? text.Length : lineEnd;
            var marker = Bullet.Match(text, lineStart, lineEnd - lineStart);
            var from = marker.Success && marker.Index == lineStart ? lineStart + marker.Length : lineStart;
            for (var i = from; i < lineEnd; i++)
            {
                var c = text[i];
                if (char.IsWhiteSpace(c))
                {
                    if (key.Length > 0 && key[key.Length - 1] != ' ')
                    {
                        key.Append(' ');
                    }
                }
                else
                {
                    key.Append(char.ToLowerInvariant(c));
                }
            }

            if (key.Length > 0 && key[key.Length - 1] != ' ')
            {
                key.Append(' ');
            }

            lineStart = lineEnd + 1;
        }

        return key.ToString().TrimEnd(' ');
    }

    /// <summary>
    /// The sentences of a text, in one linear pass: each starts at a non-space character and ends after a run of
    /// <c>. ! ?</c> and closing quotes or brackets that whitespace or the end follows (or at the end). This is what
    /// <c>\S.*?(?:[.!?]+["'”’)\]]*(?=\s|\z)|\z)</c> matched, without its backtracking, which made a 100 KB run of dots
    /// followed by a letter take seconds.
    /// </summary>
    internal static IEnumerable<(int Index, int Length)> SentenceSpans(string text)
    {
        var position = 0;
        while (true)
        {
            while (position < text.Length && char.IsWhiteSpace(text[position]))
            {
                position++;
            }

            if (position >= text.Length)
            {
                yield break;
            }

            var start = position;
            var end = text.Length;
            var i = start + 1;
            while (i < text.Length)
            {
                if (!IsSentenceEnd(text[i]))
                {
                    i++;
                    continue;
                }

                var after = i;
                while (after < text.Length && IsSentenceEnd(text[after]))
                {
                    after++;
                }

                while (after < text.Length && IsCloser(text[after]))
                {
                    after++;
                }

                if (after == text.Length || char.IsWhiteSpace(text[after]))
                {
                    end = after;
                    break;
                }

                // No sentence ends anywhere in this run of punctuation and closers: go on after it.
                i = after;
            }

            yield return (start, end - start);
            position = end;
        }
    }

    private static bool IsSentenceEnd(char c) => c is '.' or '!' or '?';

    private static bool IsCloser(char c) => c is '"' or '\'' or '”' or '’' or ')' or ']';

    /// <summary>Whitespace runs to one space, trimmed.</summary>
    public static string Collapse(string text) => Whitespace.Replace(text, " ").Trim();

    /// <summary>
    /// The start offsets of the Markdown headings (<c># …</c> to <c>###### …</c>) in message <paramref name="message"/>'s
    /// static text, in order, in the offsets units use: a unit's section is the number of headings before its start.
    /// </summary>
    public static List<int> HeadingStarts(PromptTemplate template, int message)
    {
        var text = MaskedText(template.Messages[message]);
        var starts = new List<int>();
        for (var line = 0; line < text.Length;)
        {
            var end = text.IndexOf('\n', line);
            end = end < 0 ? text.Length : end;
            var i = line;
            while (i < end && i - line < 3 && text[i] == ' ')
            {
                i++;
            }

            var hashes = 0;
            while (i + hashes < end && text[i + hashes] == '#')
            {
                hashes++;
            }

            if (hashes is >= 1 and <= 6 && i + hashes < end && text[i + hashes] is ' ' or '\t')
            {
                starts.Add(line);
            }

            line = end + 1;
        }

        return starts;
    }

    /// <summary>
    /// The heading lines of message <paramref name="message"/>'s static text, in the order of <see cref="HeadingStarts"/>.
    /// </summary>
    public static List<string> HeadingLines(PromptTemplate template, int message)
    {
        var text = MaskedText(template.Messages[message]);
        var lines = new List<string>();
        foreach (var start in HeadingStarts(template, message))
        {
            var end = text.IndexOf('\n', start);
            lines.Add(text.Substring(start, (end < 0 ? text.Length : end) - start));
        }

        return lines;
    }

    /// <summary>The static text of one message as the units' offsets count it (a hole is one character).</summary>
    public static string TextOf(PromptTemplate template, int message) => Texts.GetValue(template.Messages[message], MaskedText);

    private static readonly ConditionalWeakTable<PromptMessage, string> Texts = new();

    private static string MaskedText(PromptMessage message)
    {
        var text = new StringBuilder();
        foreach (var segment in message.Segments)
        {
            text.Append(segment.IsHole ? Masked.ToString() : TextNormalizer.NormalizeLineEndings(segment.Text));
        }

        return text.ToString();
    }

    private static void Split(int message, string text, List<StaticTextUnit> units)
    {
        var lines = new List<(int Start, int End)>();
        for (var start = 0; start <= text.Length;)
        {
            var end = text.IndexOf('\n', start);
            end = end < 0 ? text.Length : end;
            lines.Add((start, end));
            start = end + 1;
        }

        string? lead = null;
        var paragraph = new List<(int Start, int End)>();
        foreach (var line in lines.Append((Start: text.Length + 1, End: text.Length + 1)))
        {
            // A hole or a fenced code block alone on its lines separates paragraphs like a blank line: the text around it is whole.
            var blank = line.Start > text.Length || text.Substring(line.Start, line.End - line.Start).All(c => char.IsWhiteSpace(c) || c == Masked);
            if (!blank)
            {
                paragraph.Add(line);
                continue;
            }

            if (paragraph.Count > 0)
            {
                lead = Paragraph(message, text, paragraph, lead, units);
                paragraph.Clear();
            }
        }
    }

    // Adds the paragraph and its list items and sentences; returns the lead a list in the next paragraph would have.
    private static string? Paragraph(int message, string text, List<(int Start, int End)> lines, string? lead, List<StaticTextUnit> units)
    {
        Add(message, text, lines[0].Start, lines[lines.Count - 1].End, UnitLevel.Paragraph, false, null, units);

        var run = -1;
        var runEnd = -1;
        foreach (var (start, end) in lines)
        {
            var line = text.Substring(start, end - start);
            var marker = Bullet.Match(line);
            var alone = line.IndexOf(Masked) >= 0 || HeadingOrLeadIn.IsMatch(line);
            if (!marker.Success && !alone)
            {
                if (run >= 0 && EndsUnpunctuated(text, run, runEnd) && StartsCapitalized(line))
                {
                    // "You are the billing assistant\nAlways answer in English." is two sentences: a line without final
                    // punctuation followed by a capitalized one ends there. A sentence wrapped mid-way goes on in lower case.
                    Sentences(message, text, run, runEnd, false, null, units);
                    lead = LastLine(text, run, runEnd);
                    run = -1;
                }

                run = run < 0 ? start : run;
                runEnd = end;
                continue;
            }

            if (run >= 0)
            {
                Sentences(message, text, run, runEnd, false, null, units);
                lead = LastLine(text, run, runEnd);
                run = -1;
            }

            if (!marker.Success)
            {
                // A heading, a lead-in ending in ':' and a line with a hole in it are runs of their own: the next line
                // starts a new sentence, and a hole does not swallow the sentences of the lines around it.
                Sentences(message, text, start, end, false, null, units);
                lead = line.Trim();
                continue;
            }

            var itemStart = start + marker.Length;
            Add(message, text, itemStart, end, UnitLevel.ListItem, true, lead, units);
            Sentences(message, text, itemStart, end, true, lead, units);
        }

        if (run >= 0)
        {
            Sentences(message, text, run, runEnd, false, null, units);
            lead = LastLine(text, run, runEnd);
        }

        return lead;
    }

    private static bool EndsUnpunctuated(string text, int start, int end)
    {
        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        return end > start && (char.IsLetterOrDigit(text[end - 1]) || text[end - 1] == Masked);
    }

    private static bool StartsCapitalized(string line)
    {
        var i = 0;
        while (i < line.Length && char.IsWhiteSpace(line[i]))
        {
            i++;
        }

        return i < line.Length && char.IsUpper(line[i]);
    }

    private static string LastLine(string text, int start, int end)
    {
        var from = text.LastIndexOf('\n', end - 1, end - start);
        return text.Substring(from < 0 ? start : from + 1, end - (from < 0 ? start : from + 1)).Trim();
    }

    private static void Sentences(int message, string text, int start, int end, bool isListItem, string? lead, List<StaticTextUnit> units)
    {
        foreach (var (index, length) in SentenceSpans(text.Substring(start, end - start)))
        {
            Add(message, text, start + index, start + index + length, UnitLevel.Sentence, isListItem, lead, units);
        }
    }

    private static void Add(int message, string text, int start, int end, UnitLevel level, bool isListItem, string? lead, List<StaticTextUnit> units)
    {
        while (start < end && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        var value = text.Substring(start, end - start);
        if (value.Length > 0 && value.IndexOf(Masked) < 0)
        {
            units.Add(new StaticTextUnit(message, start, end, value, level, isListItem, lead));
        }
    }
}
