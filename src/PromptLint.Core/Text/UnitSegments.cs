using System.Collections.Generic;
using System.Runtime.CompilerServices;
using PromptLint.Core.Engine;
using PromptLint.Core.Model;
using PromptLint.Core.Text;
using PromptLint.Counting.Text;

namespace PromptLint.Core.Text;

/// <summary>
/// Which static segment a <see cref="StaticTextUnit"/> lies in, by binary search over the segments' offsets, worked out
/// once per template. Each lookup used to walk the segments and normalize every one's line endings (a scan of the whole
/// text for '\r'); PL0015 looks up two units per copy it weighs, so on 200k tokens of real text, one segment and about
/// 2,000 copies, the lookups were the larger part of the rule's time and grew with the copies times the text (issue 30).
/// </summary>
internal static class UnitSegments
{
    // Per message, the start of each segment in the offsets units use (holes one character) and one past the end.
    private static readonly ConditionalWeakTable<PromptTemplate, int[][]> Starts = new();

    /// <summary>What a walk over the segments found: the static segment that contains the unit, or null.</summary>
    public static PromptTextSpan? Of(PromptTemplate template, StaticTextUnit unit)
    {
        if (unit.Message < 0 || unit.Message >= template.Messages.Count)
        {
            return null;
        }

        var starts = Starts.GetValue(template, Offsets)[unit.Message];
        var segments = template.Messages[unit.Message].Segments;

        // The last segment starting at or before the unit is the only one that can hold it: static segments do not
        // overlap, and one that ends before the unit starts cannot contain it (a unit is never empty).
        int low = 0, high = segments.Count - 1, s = -1;
        while (low <= high)
        {
            var middle = (low + high) / 2;
            if (starts[middle] <= unit.Start)
            {
                s = middle;
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }

            StaticTextUnitIndex.Count(1);
        }

        return s >= 0 && !segments[s].IsHole && unit.End <= starts[s + 1]
            ? new PromptTextSpan(unit.Message, s, unit.Start - starts[s], unit.End - unit.Start, unit.Text)
            : null;
    }

    private static int[][] Offsets(PromptTemplate template)
    {
        var all = new int[template.Messages.Count][];
        for (var m = 0; m < all.Length; m++)
        {
            IReadOnlyList<PromptSegment> segments = template.Messages[m].Segments;
            var starts = new int[segments.Count + 1];
            for (var s = 0; s < segments.Count; s++)
            {
                starts[s + 1] = starts[s] + (segments[s].IsHole ? 1 : TextNormalizer.NormalizeLineEndings(segments[s].Text).Length);
            }

            all[m] = starts;
            StaticTextUnitIndex.Count(segments.Count);
        }

        return all;
    }
}
