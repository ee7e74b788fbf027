using PromptLint.Contracts.Pricing;
using PromptLint.Core.Engine;
using PromptLint.Core.FrontEnds;
using PromptLint.Core.Measuring;
using PromptLint.Core.Model;
using PromptLint.Core.Rules;
using PromptLint.Counting.Tokenizers;

namespace PromptLint.Core.Tests.Rules;

/// <summary>
/// False positives found by the second held-out round of issue 29 (Claude Code plugins, commands and skills), each as a
/// general shape written here in its own words, next to the same text in the shape that is still reported.
/// </summary>
public sealed class HeldOutRound2ShapeTests
{
    private static readonly TokenizerRegistry Registry = new();

    private static readonly RuleSettings LowRepeatMinimum = new() { { RepeatedBlocks.MinTokens, 5 } };

    private static IReadOnlyList<RuleFinding> Rule(string id, string text, RuleSettings? settings = null)
        => StaticTextRule.Findings(id, settings, TemplateSyntax.Split(text, TemplateFlavor.Plain).ToArray());

    private static IReadOnlyList<RuleFinding> RuleOnFile(string id, string path, string text)
    {
        var result = PromptFileReader.Read(new PromptFileInput(path, path, text), PromptFileKind.Agent);
        var template = Assert.Single(result.Templates);
        return CostRules.Evaluate(template, new PromptMeasurer(Registry).Measure(template, null), ModelCatalog.Shipped, new RuleSettings(), Registry)
            .Where(f => f.RuleId == id)
            .ToList();
    }

    // PL0012 -------------------------------------------------------------------------------------------------------

    private const string PythonDict = "def limits():\n    return {\n        \"warn\": 70,\n        \"page\": 90,\n        \"window\": [5, 15, 60],\n        \"owner\": \"platform\"\n    }";

    private const string JsonObject = "{\n  \"warn\": 70,\n  \"page\": 90,\n  \"window\": [5, 15, 60],\n  \"owner\": \"platform\"\n}";

    [Theory]
    [InlineData("python")]
    [InlineData("csharp")]
    [InlineData("typescript")]
    public void DictionaryLiteralInAFenceOfAnotherLanguage_IsThatLanguagesCode_NotReported(string language)
    {
        var text = "Alerting thresholds live in code:\n\n```" + language + "\n" + PythonDict + "\n```\n";

        Assert.Empty(Rule("PL0012", text));
    }

    [Theory]
    [InlineData("json")]
    [InlineData("")]
    [InlineData("jsonc")]
    public void TheSameObjectInAJsonOrUnlabelledFence_IsStillReported(string info)
    {
        var text = "Alerting thresholds look like this:\n\n```" + info + "\n" + JsonObject + "\n```\n";

        Assert.Single(Rule("PL0012", text));
    }

    // PL0015 -------------------------------------------------------------------------------------------------------

    private const string StepAction = "Read `work/01-context.md` and `work/02-review.md` before you start on this step.";

    [Theory]
    [InlineData("### Step 2: Dependencies", "### Step 3: Tests")]
    [InlineData("## Phase 1: Review", "## Phase 2: Security")]
    [InlineData("### 2. Start the task", "### 5. Finish the task")]
    [InlineData("## Sub-stage 2 - Older release", "## Sub-stage 3 - Newer release")]
    public void SameActionUnderTwoStepHeadingsOfAProcedure_IsEachStepsOwn_NotReported(string first, string second)
    {
        var text = first + "\n\n" + StepAction + "\nList every package that changed.\n\n" + second + "\n\n" + StepAction + "\nRun the test suite.\n";

        Assert.Empty(Rule("PL0015", text, LowRepeatMinimum));
    }

    [Fact]
    public void SameActionTwiceInOneStep_UnderHeadingsThatAreNotSteps_OrFirstOutsideTheSteps_IsStillARepeat()
    {
        var oneStep = "### Step 2: Dependencies\n\n" + StepAction + "\nList every package that changed.\n" + StepAction + "\n";
        var notSteps = "## Dependencies\n\n" + StepAction + "\n\n## Tests\n\n" + StepAction + "\n";

        var firstOutsideTheSteps = "## Before you start\n\n" + StepAction + "\n\n### Step 3: Tests\n\n" + StepAction + "\n";

        Assert.Single(Rule("PL0015", oneStep, LowRepeatMinimum));
        Assert.Single(Rule("PL0015", notSteps, LowRepeatMinimum));
        Assert.Single(Rule("PL0015", firstOutsideTheSteps, LowRepeatMinimum));
    }

    [Fact]
    public void BoldLabelWithTheColonInside_RepeatedAsAFieldOfTwoItems_IsNotARepeat()
    {
        const string field = "- **Check:** `references/diagnostics.md` has the commands for this one.";
        var text = "### Disk full\n\n- **Cause:** logs are never rotated.\n" + field + "\n\n### Port in use\n\n- **Cause:** an old process still listens.\n" + field + "\n";

        Assert.Empty(Rule("PL0015", text, LowRepeatMinimum));
    }

    [Fact]
    public void LeadInToDifferentEditsUnderTwoHeadings_IsNotARepeat()
    {
        const string leadIn = "Open the tracking file `work/tracks/current/metadata.json` and make these edits:";
        var text = "## Starting a track\n\n" + leadIn + "\n- Set `status` to `in_progress`.\n\n## Finishing a track\n\n" + leadIn + "\n- Set `status` to `complete`.\n";
        var sameSection = "## Starting a track\n\n" + leadIn + "\n- Set `status` to `in_progress`.\n\n" + leadIn + "\n- Set `owner` to yourself.\n";

        Assert.Empty(Rule("PL0015", text, LowRepeatMinimum));
        Assert.Single(Rule("PL0015", sameSection, LowRepeatMinimum));
    }

    [Fact]
    public void PointingBackSentenceAfterTheOpeningOfTwoDifferentItems_IsNotARepeat()
    {
        const string sentence = "This call fails with an error when the record does not exist yet.";
        var text = "## Writing records\n\n- Use `store.replace` to overwrite a whole record. " + sentence + "\n- Use `store.patch` to merge new fields into a record. " + sentence + "\n";
        var itemsOfTheirOwn = "## Writing records\n\n- Use `store.replace` to overwrite a whole record.\n- " + sentence + "\n- Use `store.patch` to merge new fields.\n- " + sentence + "\n";

        Assert.Empty(Rule("PL0015", text, LowRepeatMinimum));
        Assert.Single(Rule("PL0015", itemsOfTheirOwn, LowRepeatMinimum));
    }

    // PL0019 -------------------------------------------------------------------------------------------------------

    [Fact]
    public void NegatedLeadInBeforeAList_DoesNotContradictAnEarlierInstruction()
    {
        var text = "Focus on retention, margins and cash runway in every summary.\n\nDon't focus on:\n- page views\n- social media followers\n";

        Assert.Empty(Rule("PL0019", text));
        Assert.Single(Rule("PL0019", "Focus on retention, margins and cash runway in every summary.\n\nDon't focus on retention, margins and cash runway in every summary.\n"));
    }

    // PL0005 -------------------------------------------------------------------------------------------------------

    [Fact]
    public void LastUpdatedDateInAFencedListingOfCommandOutput_IsSampleData_NotReported()
    {
        var text = "Show the tracks in this layout:\n\n```\nSTALE TRACKS:\n  1. billing-fix - last updated: 2025-01-02\n```\n\nThen ask which one to archive.\n";
        var prose = "Last updated: 2025-01-02\n\nShow the tracks and ask which one to archive.\n";

        Assert.Empty(Rule("PL0005", text));
        Assert.Single(Rule("PL0005", prose));
    }

    // PL0016 -------------------------------------------------------------------------------------------------------

    [Fact]
    public void DocumentNumberInsideALink_IsPartOfTheAddress_NotReported()
    {
        var text = "- [Shell command language](https://pubs.example.org/onlinepubs/9699919799/utilities/chap02.html) is the reference.\n"
            + "- [Utilities](https://pubs.example.org/onlinepubs/9699919799/idx/utilities.html) lists the commands.\n";

        Assert.Empty(Rule("PL0016", text));
        Assert.Single(Rule("PL0016", "Quote reference 9699919799 and account 8588828688 in every reply to this customer.\n"));
    }

    // PL0004 -------------------------------------------------------------------------------------------------------

    private static readonly string LongGuide = string.Join(
        "\n",
        Enumerable.Range(1, 120).Select(n => $"Rule {n}: check the build log for stage {n} and compare it with the expected artifact list before you continue."));

    [Fact]
    public void LaunchJsonSampleWithWorkspaceVariablesInASkill_DoesNotEndTheCacheablePrefix()
    {
        var text = "---\nname: debugging\ndescription: Debugging guide\n---\n# Debugging\n\n```json\n{ \"program\": \"${workspaceFolder}/src/index.ts\" }\n```\n\n" + LongGuide + "\n";

        Assert.Empty(RuleOnFile("PL0004", ".claude/skills/debugging/SKILL.md", text));
    }

    [Fact]
    public void SkillThatDocumentsArgumentsInAHeadingAndASample_DoesNotEndTheCacheablePrefix()
    {
        var text = "---\nname: commands\ndescription: Writing commands\n---\n# Writing commands\n\n### Using $ARGUMENTS\n\n```markdown\nFix issue #$ARGUMENTS now.\n```\n\n" + LongGuide + "\n";

        Assert.Empty(RuleOnFile("PL0004", ".claude/skills/commands/SKILL.md", text));
    }

    [Fact]
    public void ArgumentsInACommandBeforeALongGuide_StillEndsTheCacheablePrefix()
    {
        var text = "---\ndescription: Review\n---\n### Using $ARGUMENTS\n\n```text\n$ARGUMENTS\n```\n\n" + LongGuide + "\n";

        Assert.Single(RuleOnFile("PL0004", ".claude/commands/review.md", text));
    }
}
