using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using PromptLint.Core.Model;
using PromptLint.Counting.Text;

namespace PromptLint.Core.Text;

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
