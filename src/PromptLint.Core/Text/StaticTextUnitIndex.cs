using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace PromptLint.Core.Text;

/// <summary>
/// Containment questions about <see cref="StaticTextUnits"/> answered by binary search instead of a scan of every unit.
/// PL0015 asked them once per unit (is it inside a copy already reported?) and once per copied sentence (which list item
/// holds it?), each a scan of all units or all copies: on 200k tokens of real agent prompts, where about 2,000 copies
/// and 30,000 units meet, the rule took 5× its 100k time (issue 30).
/// </summary>
internal sealed class StaticTextUnitIndex
{
    // The list items of each template's units, per message, in order of start: built once per list of units.
    private static readonly ConditionalWeakTable<IReadOnlyList<StaticTextUnit>, StaticTextUnitIndex> ListItems = new();

    private readonly Dictionary<int, (List<StaticTextUnit> Spans, int[] MaxEnd)> _byMessage = new();

    /// <summary>
    /// For tests: when set, counts the work of these lookups and of <see cref="UnitSegments"/> (spans and segments
    /// indexed, binary-search steps), so a test can hold the rules that use them to n log n without a clock.
    /// </summary>
    internal static readonly System.Threading.AsyncLocal<StrongBox<long>?> Work = new();

    internal static void Count(int steps)
    {
        if (Work.Value is { } work)
        {
            work.Value += steps;
        }
    }

    /// <summary>An index of <paramref name="spans"/> (any units, nested or overlapping or not).</summary>
    public StaticTextUnitIndex(IEnumerable<StaticTextUnit> spans)
    {
        var lists = new Dictionary<int, List<StaticTextUnit>>();
        foreach (var span in spans)
        {
            if (!lists.TryGetValue(span.Message, out var list))
            {
                lists[span.Message] = list = new List<StaticTextUnit>();
            }

            list.Add(span);
        }

        foreach (var pair in lists)
        {
            var list = pair.Value;
            // Stable by start: a list sort is not, so the position in the input breaks ties.
            var order = new List<(StaticTextUnit Unit, int Index)>(list.Count);
            for (var i = 0; i < list.Count; i++)
            {
                order.Add((list[i], i));
            }

            order.Sort((a, b) => a.Unit.Start != b.Unit.Start ? a.Unit.Start.CompareTo(b.Unit.Start) : a.Index.CompareTo(b.Index));
            var sorted = order.ConvertAll(o => o.Unit);
            var maxEnd = new int[sorted.Count];
            for (var i = 0; i < sorted.Count; i++)
            {
                maxEnd[i] = i == 0 ? sorted[i].End : System.Math.Max(maxEnd[i - 1], sorted[i].End);
            }

            _byMessage[pair.Key] = (sorted, maxEnd);
            Count(sorted.Count);
        }
    }

    /// <summary>True when one of the indexed spans contains <paramref name="unit"/> (<see cref="StaticTextUnit.Contains"/>).</summary>
    public bool AnyContains(StaticTextUnit unit)
    {
        var last = LastStartingAtOrBefore(unit, out var entry);
        // Every span up to 'last' starts at or before the unit; one of them contains it when the furthest end reaches its end.
        return last >= 0 && entry.MaxEnd[last] >= unit.End;
    }

    /// <summary>
    /// The list item of <paramref name="units"/> that holds <paramref name="sentence"/>, or null: what a scan for the first
    /// <see cref="UnitLevel.ListItem"/> unit containing it found. List items are one line each, so they never overlap and
    /// the one starting last at or before the sentence is the only candidate.
    /// </summary>
    public static StaticTextUnit? ListItemHolding(IReadOnlyList<StaticTextUnit> units, StaticTextUnit sentence)
    {
        var index = ListItems.GetValue(units, all => new StaticTextUnitIndex(Items(all)));
        var last = index.LastStartingAtOrBefore(sentence, out var entry);
        return last >= 0 && entry.Spans[last].Contains(sentence) ? entry.Spans[last] : null;
    }

    private static IEnumerable<StaticTextUnit> Items(IReadOnlyList<StaticTextUnit> units)
    {
        foreach (var unit in units)
        {
            if (unit.Level == UnitLevel.ListItem)
            {
                yield return unit;
            }
        }
    }

    private int LastStartingAtOrBefore(StaticTextUnit unit, out (List<StaticTextUnit> Spans, int[] MaxEnd) entry)
    {
        if (!_byMessage.TryGetValue(unit.Message, out entry))
        {
            return -1;
        }

        int low = 0, high = entry.Spans.Count - 1, found = -1;
        while (low <= high)
        {
            var middle = (low + high) / 2;
            if (entry.Spans[middle].Start <= unit.Start)
            {
                found = middle;
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }

            Count(1);
        }

        return found;
    }
}
