using PromptLint.Core.Engine;
using PromptLint.Core.Model;
using PromptLint.Core.Rules;

namespace PromptLint.Core.Tests.Rules;

/// <summary>
/// Issue 29, seventh held-out round: a one-line field repeated under sibling list items (a checklist entry's "Action:",
/// a command's parameter line) belongs to its own item; deleting a copy would leave that item without it.
/// </summary>
public sealed class SiblingItemFieldsTests
{
    private static readonly RuleSettings AnyRepeat = new() { { RepeatedBlocks.MinTokens, 5 } };

    private static IReadOnlyList<RuleFinding> Evaluate(string text) => StaticTextRule.Findings("PL0015", AnyRepeat, PromptSegment.Static(text));

    [Fact]
    public void SameFieldSubBulletUnderTwoChecklistEntries_DoesNotTrigger()
    {
        const string text = "## Files to check\n\n"
            + "- [ ] **`.editorconfig`**\n  - Purpose: shared indentation and line-ending settings\n  - Action: add it when it is missing, otherwise align it with the team template\n\n"
            + "- [ ] **`.gitattributes`**\n  - Purpose: line endings per file type\n  - Action: add it when it is missing, otherwise align it with the team template\n";

        Assert.Empty(Evaluate(text).Select(f => f.Message + " @ " + f.Evidence));
    }

    [Fact]
    public void SameFieldSubBulletUnderTwoEntries_WithALinkLineBetween_DoesNotTrigger()
    {
        // The "Source:" lines are URLs only, which the rule does not judge: they must not hide the entry above.
        const string text = "## Files to check\n\n"
            + "- [ ] **`.editorconfig`**\n  - Source: `https://example.com/org/templates/blob/main/.editorconfig`\n  - Action: add it when it is missing, otherwise align it with the team template\n\n"
            + "- [ ] **`.gitattributes`**\n  - Source: `https://example.com/org/templates/blob/main/.gitattributes`\n  - Action: add it when it is missing, otherwise align it with the team template\n";

        Assert.Empty(Evaluate(text));
    }

    [Fact]
    public void SameParameterLineUnderTwoCommands_DoesNotTrigger()
    {
        const string text = "## Arguments\n\n"
            + "**lookup**: `<term> [limit]`\n- `term` — the words to look up (required)\n- `limit` — how many matches to return at most (default: `25`)\n\n"
            + "**related**: `<page> [limit]`\n- `page` — the page to find neighbours of (required)\n- `limit` — how many matches to return at most (default: `25`)\n";

        Assert.Empty(Evaluate(text));
    }

    [Fact]
    public void SameFieldSubBulletTwiceUnderOneEntry_Triggers()
    {
        const string text = "## Files to check\n\n"
            + "- [ ] **`.editorconfig`**\n  - Action: add it when it is missing, otherwise align it with the team template\n  - Purpose: shared indentation settings\n  - Action: add it when it is missing, otherwise align it with the team template\n";

        Assert.Single(Evaluate(text));
    }

    [Fact]
    public void SameInstructionUnderTwoChecklistEntries_StillTriggers()
    {
        const string text = "## Files to check\n\n"
            + "- [ ] **`.editorconfig`**\n  - Never overwrite a file the team has customised without asking first.\n\n"
            + "- [ ] **`.gitattributes`**\n  - Never overwrite a file the team has customised without asking first.\n";

        Assert.Single(Evaluate(text));
    }
}
