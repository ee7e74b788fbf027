using PromptLint.Core.Engine;
using PromptLint.Core.Model;
using PromptLint.Core.Rules;

namespace PromptLint.Core.Tests.Rules;

/// <summary>
/// Issue 29, ninth held-out round: a one-line step repeated in parallel procedures that are each meant to be complete
/// (per-mode sections, per-case checklists, worked examples under parallel headings) is not a repeat; the same item in
/// two lists whose leaders are not parallel, or twice in one list, still is.
/// </summary>
public sealed class ParallelProceduresTests
{
    private const string LoadStep = "1. **Load the ledger file** from `~/.tool/ledgers/{project}/LEDGER.md` and stop if it is missing.";

    private static IReadOnlyList<RuleFinding> Evaluate(string text) => StaticTextRule.Findings("PL0015", null, PromptSegment.Static(text));

    [Fact]
    public void FirstStepOfTwoPerModeProcedures_DoesNotTrigger()
    {
        var text = "## --show Mode\n\nRead-only listing of every tracked entry.\n\n" + LoadStep + "\n2. Print the entries as a table.\n\n"
            + "## --verify Mode\n\nQuick check of the stored entries.\n\n" + LoadStep + "\n2. Ask the user to confirm each entry in turn.\n";

        Assert.Empty(Evaluate(text));
    }

    [Fact]
    public void FirstStepOfTwoPerModeProceduresWrittenAsLooseLists_DoesNotTrigger()
    {
        var text = "## --show Mode\n\nRead-only listing of every tracked entry.\n\n" + LoadStep + "\n\n2. Print the entries as a table.\n\n"
            + "## --verify Mode\n\nQuick check of the stored entries.\n\n" + LoadStep + "\n\n2. Ask the user to confirm each entry in turn.\n";

        Assert.Empty(Evaluate(text));
    }

    [Fact]
    public void LastStepOfTwoPerCaseChecklists_DoesNotTrigger()
    {
        const string step = "- Run `python tools/refresh-index.py` so the catalogue counts and tables stay current";
        var text = "### 3. Update the catalogue\n\n**For new agents:**\n- Add it to `AGENTS_GUIDE.md` in its group\n" + step + "\n\n"
            + "**For new workflows:**\n- Add it to `docs/FLOWS.md`\n- Add a row to the workflow table\n" + step + "\n";

        Assert.Empty(Evaluate(text));
    }

    [Fact]
    public void StepSharedByTwoUseCasesUnderParallelHeadings_DoesNotTrigger()
    {
        const string step = "4. Check calibration on the held-out patients → Read `references/evaluation.md`";
        var text = "## Common workflows\n\n### Use Case 1: Sepsis onset\n\n**Goal**: Flag sepsis early\n\n**Steps:**\n1. Load the ward records\n" + step + "\n\n"
            + "### Use Case 2: Length of stay\n\n**Goal**: Predict days in hospital\n\n**Steps:**\n1. Load the admission records\n" + step + "\n";

        Assert.Empty(Evaluate(text));
    }

    [Fact]
    public void SameItemInTwoAdjacentListsUnderHeadingsThatAreNotParallel_StillTriggers()
    {
        const string item = "1. **Query several indexes** (at least three): otherwise whole bodies of work are missed";
        var text = "## Good habits\n\n### Query design\n" + item + "\n2. Log every query string\n\n### Triage and filtering\n" + item + "\n2. Two people screen each abstract\n";

        Assert.Single(Evaluate(text));
    }

    [Fact]
    public void SameStepTwiceInOneList_StillTriggers()
    {
        var text = "## --show Mode\n\nRead-only listing.\n\n" + LoadStep + "\n2. Print the entries as a table.\n" + LoadStep.Replace("1. ", "3. ", StringComparison.Ordinal) + "\n";

        Assert.Single(Evaluate(text));
    }

    [Fact]
    public void QuestionAskedInTwoListsWithDifferentLeaders_StillTriggers()
    {
        const string question = "Are you writing for a personal account, a company account, or both of them?";
        var text = "## Before you start\n\n**Goals:**\n- What should a post achieve?\n- " + question + "\n\n## Questions to ask\n\n1. Which networks matter most?\n2. " + question + "\n";

        Assert.Single(Evaluate(text));
    }
}
