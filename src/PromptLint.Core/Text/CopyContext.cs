using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;
using PromptLint.Core.Model;

namespace PromptLint.Core.Text;

/// <summary>
/// Where a repeated unit's later copy stands, and whether there it says something else than the earlier copy: a field of
/// another item, the action of another step, a lead-in of another section, a sentence pointing back to another subject,
/// the description of another named item. PL0015 does not count such a copy as a repeat.
/// </summary>
internal static class CopyContext
{
    // "- **`telemetry/`**: Analytics and usage tracking" under two folders' headings, "Required extensions: `ms-python`"
    // under each project type's: a field of one item of a catalogue, repeated because two items have the same value. A
    // one-line "name: value" copy in another section (another heading, or another list's lead-in) than every earlier
    // copy describes another item, and so does one nested under another parent item; the same line twice under one item is a repeat.
    internal static bool IsFieldOfAnotherItem(PromptTemplate template, List<StaticTextUnit> members, StaticTextUnit copy, Func<StaticTextUnit, int> section)
    {
        if (!ListItemFields.IsField(copy.Text))
        {
            return false;
        }

        foreach (var earlier in members)
        {
            if (earlier == copy)
            {
                break;
            }

            if (section(earlier) == section(copy) && string.Equals(earlier.Lead, copy.Lead, StringComparison.Ordinal) && !ListItemFields.UnderDifferentParents(template, earlier, copy))
            {
                return false;
            }
        }

        return true;
    }

    // "Read `state/01-context.md` and `state/02-review.md`." under "### Step 2" and again under "### Step 3", "Use the Task
    // tool with the reviewer agent:" in each phase: in a procedure the model carries out in order, a step's instruction is
    // that step's action. Deleting a later copy leaves the step without it, so the copies are not waste. Only copies under
    // different step headings ("Step 2", "Phase 3", "Stage 1", "Sub-stage 2", a numbered "### 4. …") count; the same text twice in one
    // step, under headings that are not steps, or first outside the steps, is still a repeat.
    internal static bool ActionOfAnotherStep(IReadOnlyList<StaticTextUnit> units, List<StaticTextUnit> members, StaticTextUnit copy, Func<StaticTextUnit, int> section, Func<StaticTextUnit, string?> heading)
    {
        if (heading(copy) is not { } step || !StepHeadingText.IsMatch(step))
        {
            return false;
        }

        foreach (var earlier in members)
        {
            if (earlier == copy)
            {
                break;
            }

            // The same sentence in items of one name ("**Account number**" in step 1 and in step 2) is still a repeat, and
            // so is a block that first stands outside the steps (a "Pre-checks" section) and comes back in one of them.
            if (earlier.Message == copy.Message && section(earlier) == section(copy)
                || heading(earlier) is not { } earlierStep || !StepHeadingText.IsMatch(earlierStep)
                || ItemName(units, copy) is { } name && string.Equals(ItemName(units, earlier), name, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return true;
    }

    private static readonly Regex StepHeadingText = new(@"^[ \t]{0,3}#{1,6}[ \t]+(?:\*\*)?(?:(?:sub-?)?(?:step|phase|stage)[ \t]+[\w.]{1,6}\b|\d{1,3}(?:\.\d{1,3})*[.):]?[ \t])", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    // "In `tracks/{id}/metadata.json`:" before "- Set status to in_progress" and again, under another heading, before "- Set
    // status to complete": a one-line lead-in that ends in a colon introduces what follows it, and what follows differs,
    // so under another heading it is part of another instruction. The same lead-in twice in one section is still a repeat.
    internal static bool LeadInInAnotherSection(List<StaticTextUnit> members, StaticTextUnit copy, Func<StaticTextUnit, int> section)
    {
        var text = copy.Text.TrimEnd();
        if (text.Length == 0 || text[text.Length - 1] != ':' || text.IndexOf('\n') >= 0)
        {
            return false;
        }

        foreach (var earlier in members)
        {
            if (earlier == copy)
            {
                break;
            }

            if (earlier.Message == copy.Message && section(earlier) == section(copy))
            {
                return false;
            }
        }

        return true;
    }

    // "- Use `db.replace` to replace a document. This method throws if the document does not exist." and the same last
    // sentence after "- Use `db.patch` to merge updates.": a sentence that points back (this, it, such) after the opening
    // of its list item is about that item's subject, so in another item it says something else. A pointing-back item
    // of its own, or the same sentence twice in one item, is still a repeat.
    internal static bool RefersBackToItsOwnItem(IReadOnlyList<StaticTextUnit> units, List<StaticTextUnit> members, StaticTextUnit copy)
    {
        if (copy.Level != UnitLevel.Sentence || !RefersBack.IsMatch(copy.Text.TrimStart()) || ItemHolding(units, copy) is not { } item || item.Start == copy.Start
            || copy.Start - item.Start <= item.Text.Length - item.Text.TrimStart().Length + 2)
        {
            return false;
        }

        foreach (var earlier in members)
        {
            if (earlier == copy)
            {
                break;
            }

            if (ItemHolding(units, earlier) is not { } other || other == item)
            {
                return false;
            }
        }

        return true;
    }

    private static StaticTextUnit? ItemHolding(IReadOnlyList<StaticTextUnit> units, StaticTextUnit sentence)
        => StaticTextUnitIndex.ListItemHolding(units, sentence);

    // "Such tests are not run in the regular workflow." under "Quarantined tests" and again under "Outerloop tests": a
    // sentence or item that opens by pointing back (such, this, these, those, they, it) is about what comes before it,
    // so in another section it says something else and cannot be deleted. The same text twice in one section is still
    // a repeat. "these" and "those" point back wherever they stand ("Define these in a .d.ts file" under "Interfaces" and
    // again under "Type aliases"); "them" and "such" inside a sentence are usually about its own words ("such as").
    internal static bool RefersBackInAnotherSection(List<StaticTextUnit> members, StaticTextUnit copy, Func<StaticTextUnit, int> section)
    {
        if (!RefersBack.IsMatch(copy.Text.TrimStart()) && !PointsBackAnywhere.IsMatch(copy.Text))
        {
            return false;
        }

        foreach (var earlier in members)
        {
            if (earlier == copy)
            {
                break;
            }

            if (section(earlier) == section(copy))
            {
                return false;
            }
        }

        return true;
    }

    // "- **Service ID**: A GUID. Always show the value to the user before you use it." and the same last sentence under
    // "- **Product ID**": a sentence in the description of a named list item (a field, a parameter, a setting) is about
    // that item ("the value" is its value). Under items of other names it says something else each time, and "keep one
    // copy" would leave an item without it. The same sentence twice in items of one name is still a repeat.
    internal static bool DescribesAnotherNamedItem(IReadOnlyList<StaticTextUnit> units, List<StaticTextUnit> members, StaticTextUnit copy)
    {
        if (copy.Level != UnitLevel.Sentence || !copy.IsListItem || ItemName(units, copy) is not { } name)
        {
            return false;
        }

        foreach (var earlier in members)
        {
            if (earlier == copy)
            {
                break;
            }

            if (ItemName(units, earlier) is not { } other || string.Equals(other, name, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return true;
    }

    // The name a list item opens with ("**Service ID**:", "`timeout` -", "serviceOwners -"), when the sentence is in the
    // description after it rather than the name itself; null for an item without one.
    internal static string? ItemName(IReadOnlyList<StaticTextUnit> units, StaticTextUnit sentence)
    {
        if (ItemHolding(units, sentence) is not { } item)
        {
            return null;
        }

        var match = NamedItem.Match(item.Text);
        return match.Success && sentence.Start - item.Start >= match.Length ? match.Groups["name"].Value.Trim('*', '`', ' ') : null;
    }

    private static readonly Regex NamedItem = new(@"^(?<name>\*\*[^*\n]{1,60}\*\*|`[^`\n]{1,60}`|[A-Za-z][\w.-]*(?:[ \t]+[A-Za-z][\w.-]*){0,3})[ \t]*(?::|[ \t]-|[ \t]\u2014)[ \t]", RegexOptions.CultureInvariant);

    private static readonly Regex RefersBack = new(@"^(?:[-*+][ \t]+|\d{1,3}[.)][ \t]+)?(?:\*\*|__|\*|_)?(?:such|this|these|those|they|it|its|their)\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    // "those who/that/of …" is a relative clause about its own sentence, not a pointer back.
    private static readonly Regex PointsBackAnywhere = new(@"\bthese\b|\bthose\b(?![ \t]+(?:who|whom|whose|that|which|of|with|in|on|at|for|from|to)\b)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);
}
