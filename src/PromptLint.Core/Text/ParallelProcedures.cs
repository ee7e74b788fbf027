using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace PromptLint.Core.Text;

/// <summary>
/// A one-line step repeated in parallel procedures, each meant to be complete: "1. **Load the state file** from …" under
/// "## --list mode" and again under "## --check mode", the last step of "**For new skills:**" and of "**For new
/// commands:**", a step shared by "### Use case 1: …" and "### Use case 3: …". The blocks' leaders (headings, or the
/// lead-in lines of the lists) are parallel: they share their frame and differ in the slot ("for new X", "X mode",
/// "use case N"). Deleting a copy leaves one procedure incomplete, so PL0015 does not count it as a repeat. Lists under
/// leaders that are not parallel ("Search strategy" and "Screening"), or the same step twice in one list, still are.
/// </summary>
internal static class ParallelProcedures
{
    /// <summary>
    /// True when <paramref name="copy"/> is a one-line list item and every earlier member stands in a block whose leader
    /// is parallel to the copy's, each in a list of more than one step: the lead-in lines when both lists have one that differ, else the headings.
    /// </summary>
    public static bool IsStepOfAnotherProcedure(IReadOnlyList<StaticTextUnit> units, List<StaticTextUnit> members, StaticTextUnit copy, Func<StaticTextUnit, int> section, Func<StaticTextUnit, string?> heading)
    {
        if (!IsStep(copy) || copy.Text.IndexOf('\n') >= 0 || !HasOtherSteps(units, copy, section))
        {
            return false;
        }

        foreach (var earlier in members)
        {
            if (earlier == copy)
            {
                break;
            }

            if (!IsStep(earlier) || !HasOtherSteps(units, earlier, section) || !(Parallel(earlier.Lead, copy.Lead) || Parallel(heading(earlier), heading(copy))))
            {
                return false;
            }
        }

        return true;
    }

    // A procedure has more than one step: a lone bullet under each of two headings ("## Slow jobs", "## Flaky jobs") is
    // one statement made twice, not a step of two procedures.
    private static bool HasOtherSteps(IReadOnlyList<StaticTextUnit> units, StaticTextUnit step, Func<StaticTextUnit, int> section)
    {
        var at = section(step);
        foreach (var unit in units)
        {
            if (unit.Message == step.Message && unit.Level == step.Level && unit.Start != step.Start && IsStep(unit) && section(unit) == at
                && !string.Equals(StaticTextUnits.Key(unit.Text), StaticTextUnits.Key(step.Text), StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    // A list item, or a one-line paragraph that is one (a loose list, blank lines between its items: "1. **Load …**").
    private static bool IsStep(StaticTextUnit unit) => unit.IsListItem || ListMarker.IsMatch(unit.Text);

    private static readonly Regex ListMarker = new(@"^(?:[-*+]|\d{1,3}[.)])[ \t]+\S", RegexOptions.CultureInvariant);

    // Two different leaders of at most 8 words that share their first two words ("for new skills" / "for new commands",
    // "use case 1 …" / "use case 3 …") or their last word ("--list mode" / "--check mode").
    private static bool Parallel(string? a, string? b)
    {
        if (a is null || b is null)
        {
            return false;
        }

        var x = Words(a);
        var y = Words(b);
        if (x.Count < 2 || y.Count < 2 || x.Count > MaxWords || y.Count > MaxWords || string.Join(" ", x) == string.Join(" ", y))
        {
            return false;
        }

        return (x[0] == y[0] && x[1] == y[1]) || x[x.Count - 1] == y[y.Count - 1];
    }

    private const int MaxWords = 8;

    private static List<string> Words(string leader)
    {
        var words = new List<string>();
        var text = LeadingNumber.Replace(leader.Trim().TrimStart('#').Trim(), string.Empty);
        foreach (Match m in Word.Matches(text))
        {
            words.Add(m.Value.ToLowerInvariant());
        }

        return words;
    }

    // "### 3. " or "2) " before a heading's words: a section number is no part of its frame.
    private static readonly Regex LeadingNumber = new(@"^(?:\*\*)?\d{1,3}(?:\.\d{1,3})*[.):]?[ \t]+", RegexOptions.CultureInvariant);

    private static readonly Regex Word = new(@"[\p{L}\p{N}][\p{L}\p{N}-]*", RegexOptions.CultureInvariant);
}
