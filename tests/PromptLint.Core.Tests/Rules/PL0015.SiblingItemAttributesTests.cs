using PromptLint.Core.Engine;
using PromptLint.Core.Model;
using PromptLint.Core.Rules;

namespace PromptLint.Core.Tests.Rules;

/// <summary>
/// Issue 29, eighth held-out round: a sentence that is one item's attribute (a "Severity: …" line ending each finding
/// bullet, a clause ending bullets about different report sections, a block of bold field lines under each "### Level N"
/// heading) repeats because two items share the value; deleting a copy would leave an item without it.
/// </summary>
public sealed class SiblingItemAttributesTests
{
    private static readonly RuleSettings AnyRepeat = new() { { RepeatedBlocks.MinTokens, 5 } };

    private static IReadOnlyList<RuleFinding> Evaluate(string text) => StaticTextRule.Findings("PL0015", AnyRepeat, PromptSegment.Static(text));

    [Fact]
    public void LabelledSeverityEndingTwoSiblingBullets_DoesNotTrigger()
    {
        const string text = "## Stored text fields\n"
            + "Names and comments typed by users can carry characters that change how a later reader sees them: the page that shows the row, a log line, an export, another service. "
            + "Clean the bytes when they are written, not only when they are shown, and flag every write path that stores such a value unchecked.\n\n"
            + "- **Zero-width characters.** Invisible on screen yet part of the value: they slip past moderation, defeat unique checks and pad a value past a length limit. Strip them or reject the input before saving. Severity: **Moderate**; **Critical** when the field decides who someone is (see *Severity* below).\n"
            + "- **Direction overrides.** They reorder how a name renders without changing its bytes, so a stored name shows reversed to every later viewer. Remove the override range before saving; never let an unbalanced one reach a column. Severity: **Moderate**; **Critical** on an identity / access-decision field.\n"
            + "- **Control bytes.** Allow only the whitespace a field needs (a newline in a long text, never in a single-line name). A stored NUL cuts the value short in some readers. Reject or strip the rest when writing. Severity: **Moderate**; **Critical** on an identity / access-decision field.\n"
            + "- **Look-alike letters.** For a login name or a team name, a Cyrillic letter that looks Latin lets an attacker register a copy of someone else's name. Normalise and check the script before the unique check. Severity: **Critical** (impersonation).\n";

        Assert.Empty(Evaluate(text));
    }

    [Fact]
    public void ClauseEndingTwoSiblingSubBulletsAboutDifferentSections_DoesNotTrigger()
    {
        const string text = "## Steps\n\n> Run every check inline, in this context, one after another; never hand one to a helper agent.\n\n"
            + "- For each merge request (checks run inline, one at a time):\n"
            + "  - run the style check\n"
            + "  - run the class review **read-only** on the diff and publish every item it returns in the merge request comment, grouped by file. The customer summary never carries these technical sections. The class review never edits code, commits or chains another review.\n\n"
            + "- Run conditionally:\n"
            + "  - **Migration present → run the migration review read-only.** Fold its findings into the **Database** section of the merge request comment. The customer summary never carries these technical sections.\n"
            + "  - Queue changes → run the queue review and add its findings under **Messaging**.\n";

        Assert.Empty(Evaluate(text));
    }

    [Fact]
    public void FieldLinesUnderSiblingLevelHeadings_DoNotTrigger()
    {
        const string text = "## Campaign levels\n\n"
            + "### Level 1: Awareness\n\nBuild reach with light calls to action.\n\n**Newsletter issues:** 1 per week (Tuesday or Thursday depending on the season)\n**Other channels (forum, chat):** every 2-3 days\n\n"
            + "### Level 2: Engagement\n\nStart conversations and link to the anchor article.\n\n**Newsletter issues:** 1 per week (Tuesday or Thursday depending on the season)\n**Other channels (forum, chat):** every 2-3 days\n";

        Assert.Empty(Evaluate(text));
    }

    [Fact]
    public void ClosingSentenceRepeatedMidItemInAnotherSection_StillTriggers()
    {
        const string text = "## Loading\n\n- Load the pull request with the loader script. Never call the hosting API by hand for any of it. Then read the comments.\n\n"
            + "## Sources\n\n- **Pull requests:** use the loader script. Never call the hosting API by hand for any of it.\n";

        Assert.Single(Evaluate(text));
    }

    [Fact]
    public void RepeatedMultiSentenceInstructionBlock_InSiblingBullets_StillTriggers()
    {
        const string text = "## Reviews\n\n"
            + "- Review the code changes. Do not dispatch the review to a helper agent. Run it in this context, one check after another, and wait for each.\n"
            + "- Review the security changes. Do not dispatch the review to a helper agent. Run it in this context, one check after another, and wait for each.\n";

        Assert.NotEmpty(Evaluate(text));
    }

    [Fact]
    public void SameSentenceTwiceInOneItem_StillTriggers()
    {
        const string text = "## Rules\n\n"
            + "- Keep every answer under five sentences and cite the page you used. Check the date. Keep every answer under five sentences and cite the page you used.\n"
            + "- Ask before deleting anything.\n";

        Assert.Single(Evaluate(text));
    }
}
