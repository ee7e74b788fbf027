using System;
using System.Collections.Generic;
using PromptLint.Core.Model;
using PromptLint.Core.Text;
using PromptLint.Counting.Text;

namespace PromptLint.Core.Engine;

/// <summary>
/// A piece of one static segment of a prompt: message and segment index, start and length in the segment's text (line
/// endings normalized to LF), and the text itself, so a host can check it against the file before pointing at it.
/// </summary>
public readonly struct PromptTextSpan
{
    /// <summary>Creates a span.</summary>
    public PromptTextSpan(int message, int segment, int start, int length, string text)
    {
        Message = message;
        Segment = segment;
        Start = start;
        Length = length;
        Text = text;
    }

    /// <summary>Index in <see cref="PromptTemplate.Messages"/>.</summary>
    public int Message { get; }

    /// <summary>Index in the message's <see cref="PromptMessage.Segments"/>.</summary>
    public int Segment { get; }

    /// <summary>Start in the segment's text, line endings normalized.</summary>
    public int Start { get; }

    /// <summary>Length.</summary>
    public int Length { get; }

    /// <summary>The text of the span.</summary>
    public string Text { get; }

    /// <summary>Where the span starts in the template's file, when its front end recorded where its text is; null otherwise.</summary>
    public SourceLocation? LocationIn(PromptTemplate template)
    {
        if (Message < 0 || Message >= template.Messages.Count)
        {
            return null;
        }

        var segments = template.Messages[Message].Segments;
        if (Segment < 0 || Segment >= segments.Count || segments[Segment].IsHole)
        {
            return null;
        }

        var segment = segments[Segment];
        // LocationOf counts CR LF as one line break, as the normalized text the span was found in does.
        return segment.LocationOf(NormalizedToRaw(segment.Text, Start));
    }

    // The offset in the segment's own text of an offset in its normalized text (a CR LF is two characters there, one here).
    private static int NormalizedToRaw(string raw, int normalized)
    {
        if (raw.IndexOf('\r') < 0)
        {
            return normalized;
        }

        var n = 0;
        for (var i = 0; i < raw.Length; i++)
        {
            if (n == normalized)
            {
                return i;
            }

            if (raw[i] == '\r' && i + 1 < raw.Length && raw[i + 1] == '\n')
            {
                i++;
            }

            n++;
        }

        return raw.Length;
    }
}

/// <summary>Finds the <see cref="PromptTextSpan"/> a static-text finding is about.</summary>
internal static class Evidence
{
    /// <summary>The first match of <paramref name="find"/> in the prompt's static segments (each read with line endings normalized), in send order.</summary>
    public static PromptTextSpan? First(PromptTemplate template, Func<string, (int Index, int Length)?> find)
        => First(template, (_, _, text) => find(text));

    /// <summary>As <see cref="First(PromptTemplate, Func{string, ValueTuple{int, int}?})"/>, given each segment's message and segment index too.</summary>
    public static PromptTextSpan? First(PromptTemplate template, Func<int, int, string, (int Index, int Length)?> find)
    {
        for (var m = 0; m < template.Messages.Count; m++)
        {
            var segments = template.Messages[m].Segments;
            for (var s = 0; s < segments.Count; s++)
            {
                if (segments[s].IsHole)
                {
                    continue;
                }

                var text = TextNormalizer.NormalizeLineEndings(segments[s].Text);
                if (find(m, s, text) is { } found && found.Index >= 0 && found.Index + found.Length <= text.Length)
                {
                    return new PromptTextSpan(m, s, found.Index, found.Length, text.Substring(found.Index, found.Length));
                }
            }
        }

        return null;
    }

    /// <summary>Where <paramref name="rewrite"/> first changes a static segment: from there to the end of that line.</summary>
    public static PromptTextSpan? FirstChange(PromptTemplate template, Func<string, string> rewrite)
        => FirstChange(template, (_, _, text) => rewrite(text));

    /// <summary>As <see cref="FirstChange(PromptTemplate, Func{string, string})"/>, given each segment's message and segment index too.</summary>
    public static PromptTextSpan? FirstChange(PromptTemplate template, Func<int, int, string, string> rewrite)
        => First(template, (m, s, text) =>
        {
            var rewritten = rewrite(m, s, text);
            if (string.Equals(text, rewritten, StringComparison.Ordinal))
            {
                return null;
            }

            var i = 0;
            while (i < text.Length && i < rewritten.Length && text[i] == rewritten[i])
            {
                i++;
            }

            // The change starts in a run of whitespace: point at the run, not at its last kept character.
            while (i > 0 && text[i - 1] is ' ' or '\t' && i < text.Length && text[i] is ' ' or '\t' or '\n')
            {
                i--;
            }

            if (i >= text.Length)
            {
                i = text.Length - 1;
            }

            var end = text.IndexOf('\n', i);
            end = end < 0 ? text.Length : end;
            return (i, Math.Max(1, end - i));
        });

    /// <summary>The first match of a regular expression in the static segments.</summary>
    public static PromptTextSpan? First(PromptTemplate template, System.Text.RegularExpressions.Regex pattern, Func<string, System.Text.RegularExpressions.Match, bool>? accept = null)
        => First(template, text =>
        {
            for (var match = pattern.Match(text); match.Success; match = match.NextMatch())
            {
                if (accept is null || accept(text, match))
                {
                    return (match.Index, match.Length);
                }
            }

            return null;
        });

    /// <summary>The conditional alternatives the unit's text is in (see <see cref="PromptSegment.Branch"/>).</summary>
    public static string? BranchOf(PromptTemplate template, StaticTextUnit unit)
        => Of(template, unit) is { } span ? template.Messages[span.Message].Segments[span.Segment].Branch : null;

    /// <summary>True when one call can send both units: not in two alternatives of one conditional block.</summary>
    public static bool SentTogether(PromptTemplate template, StaticTextUnit a, StaticTextUnit b)
        => a.Message != b.Message || !PromptBranches.Exclusive(BranchOf(template, a), BranchOf(template, b));

    /// <summary>
    /// A per-segment value of the static text summed the way one call sends it: within each message, of a conditional
    /// block's alternatives only the largest counts.
    /// </summary>
    public static int Sum(PromptTemplate template, Func<string, int> value) => Sum(template, (_, _, text) => value(text));

    /// <summary>As <see cref="Sum(PromptTemplate, Func{string, int})"/>, given each segment's message and segment index too.</summary>
    public static int Sum(PromptTemplate template, Func<int, int, string, int> value)
    {
        var total = 0;
        for (var m = 0; m < template.Messages.Count; m++)
        {
            var message = template.Messages[m];
            var values = new List<(string? Branch, int Value)>();
            for (var s = 0; s < message.Segments.Count; s++)
            {
                var segment = message.Segments[s];
                if (!segment.IsHole)
                {
                    values.Add((segment.Branch, value(m, s, TextNormalizer.NormalizeLineEndings(segment.Text))));
                }
            }

            total += PromptBranches.Largest(values);
        }

        return total;
    }

    /// <summary>
    /// The span of a unit of <see cref="StaticTextUnits"/>, whose offsets are in its message's static text with each hole
    /// one character: mapped onto the segment it lies in (a unit never spans a hole).
    /// </summary>
    public static PromptTextSpan? Of(PromptTemplate template, StaticTextUnit unit) => UnitSegments.Of(template, unit);
}
