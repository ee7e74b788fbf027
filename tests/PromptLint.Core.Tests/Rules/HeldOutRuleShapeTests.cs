using PromptLint.Contracts.Pricing;
using PromptLint.Core.Engine;
using PromptLint.Core.FrontEnds;
using PromptLint.Core.Measuring;
using PromptLint.Core.Model;
using PromptLint.Core.Rules;
using PromptLint.Counting.Tokenizers;

namespace PromptLint.Core.Tests.Rules;

/// <summary>
/// False positives the held-out measurement of issue 29 found on repositories the rules were never tuned on, each as a
/// general shape written here in its own words, next to the same text in the shape that is still reported.
/// </summary>
public sealed class HeldOutRuleShapeTests
{
    private static readonly TokenizerRegistry Registry = new();

    private static readonly RuleSettings LowRepeatMinimum = new() { { RepeatedBlocks.MinTokens, 5 } };

    private static IReadOnlyList<RuleFinding> Rule(string id, string text, RuleSettings? settings = null)
        => StaticTextRule.Findings(id, settings, TemplateSyntax.Split(text, TemplateFlavor.Plain).ToArray());

    private static IReadOnlyList<RuleFinding> RuleOnFile(string id, string path, string text, PromptFileKind kind)
    {
        var result = PromptFileReader.Read(new PromptFileInput(path, path, text), kind);
        var template = Assert.Single(result.Templates);
        return CostRules.Evaluate(template, new PromptMeasurer(Registry).Measure(template, null), ModelCatalog.Shipped, new RuleSettings(), Registry)
            .Where(f => f.RuleId == id)
            .ToList();
    }

    // PL0015 -------------------------------------------------------------------------------------------------------

    [Fact]
    public void SentenceThatPointsBack_RepeatedUnderAnotherHeading_IsNotARepeat()
    {
        const string sentence = "Such jobs are skipped by the nightly pipeline and only run when someone starts them by hand.";
        var text = "## Slow jobs\n\n- Slow jobs carry the `Slow` label.\n- " + sentence + "\n\n## Flaky jobs\n\n- Flaky jobs carry the `Flaky` label.\n- " + sentence + "\n";

        Assert.Empty(Rule("PL0015", text, LowRepeatMinimum));
    }

    [Fact]
    public void SentenceThatPointsBack_RepeatedInTheSameSection_IsStillARepeat()
    {
        const string sentence = "Such jobs are skipped by the nightly pipeline and only run when someone starts them by hand.";
        var text = "## Slow jobs\n\n- Slow jobs carry the `Slow` label.\n- " + sentence + "\n- Give each one an owner.\n- " + sentence + "\n";

        Assert.Single(Rule("PL0015", text, LowRepeatMinimum));
    }

    [Fact]
    public void SelfContainedSentence_RepeatedUnderAnotherHeading_IsStillARepeat()
    {
        const string sentence = "Nightly jobs are skipped by the pipeline and only run when someone starts them by hand.";
        var text = "## Slow jobs\n\n- " + sentence + "\n\n## Flaky jobs\n\n- " + sentence + "\n";

        Assert.Single(Rule("PL0015", text, LowRepeatMinimum));
    }

    [Fact]
    public void SentenceEndingTheDescriptionsOfTwoNamedFields_IsNotARepeat()
    {
        const string sentence = "Read it back to the caller and wait until they confirm it is correct.";
        var text = "Collect these details:\n\n- **Account number**: ten digits. " + sentence + "\n- **Routing code**: nine digits. " + sentence + "\n- **Amount**: in euros.\n";

        Assert.Empty(Rule("PL0015", text, LowRepeatMinimum));
    }

    [Fact]
    public void SentenceRepeatedInTwoItemsOfTheSameName_OrInUnnamedItems_IsStillARepeat()
    {
        const string sentence = "Read it back to the caller and wait until they confirm it is correct.";
        var sameName = "## Step 1\n\n- **Account number**: ten digits. " + sentence + "\n\n## Step 2\n\n- **Account number**: as before. " + sentence + "\n";
        var unnamed = "- Ask for the account number. " + sentence + "\n- Ask for the routing code. " + sentence + "\n";

        Assert.Single(Rule("PL0015", sameName, LowRepeatMinimum));
        Assert.Single(Rule("PL0015", unnamed, LowRepeatMinimum));
    }

    // PL0012 -------------------------------------------------------------------------------------------------------

    [Fact]
    public void JsonExampleRightAfterARequestForIndentedJson_KeepsItsLayout()
    {
        var text = "OUTPUT FORMAT:\n- Valid JSON, indented with 2 spaces\n- No trailing commas\n\nEXAMPLE OUTPUT:\n" + SettingsJson + "\n";

        Assert.Empty(Rule("PL0012", text));
    }

    [Fact]
    public void IndentationRuleForCode_DoesNotSpareALaterJsonExample()
    {
        var codeStyle = "Use 4-space indentation in C# files.\n" + string.Concat(Enumerable.Range(1, 12).Select(n => $"Rule {n}: keep methods short.\n"));
        var nearby = "Indent C# code with tabs.\nAnswer with settings like:\n" + SettingsJson + "\n";

        Assert.Single(Rule("PL0012", codeStyle + "Answer with settings like:\n" + SettingsJson + "\n"));
        Assert.Single(Rule("PL0012", nearby));
    }

    private const string SettingsJson = "{\n  \"Service\": {\n    \"Endpoint\": \"https://example.test\",\n    \"Retries\": 3,\n    \"TimeoutSeconds\": 30\n  }\n}";

    [Fact]
    public void JsonInsideAMarkdownDocumentTemplate_IsTheDocumentsLayout_NotReported()
    {
        var text = "Write the package README from this template:\n\n```markdown\n## Configuration\n\nAdd this to `appsettings.json`:\n\n\\```json\n" + SettingsJson + "\n\\```\n```\n";

        Assert.Empty(Rule("PL0012", text));
    }

    [Fact]
    public void JsonInAJsonFence_IsStillReported()
    {
        var text = "Answer with settings shaped like this:\n\n```json\n" + SettingsJson + "\n```\n";

        Assert.Single(Rule("PL0012", text));
    }

    // PL0004 -------------------------------------------------------------------------------------------------------

    private static readonly string LongGuide = string.Join(
        "\n",
        Enumerable.Range(1, 120).Select(n => $"Step {n}: check the deployment log for stage {n} and compare it with the expected resource list before you continue."));

    [Fact]
    public void WorkflowSampleWithSecretsBeforeALongGuide_DoesNotEndTheCacheablePrefix()
    {
        var text = "---\nname: deploy-tests\ndescription: Deployment tests\n---\n# Deployment tests\n\n```yaml\nwith:\n  client-id: ${{ secrets.CLIENT_ID }}\n```\n\n" + LongGuide + "\n";

        Assert.Empty(RuleOnFile("PL0004", ".github/skills/deploy-tests/SKILL.md", text, PromptFileKind.Agent));
    }

    [Fact]
    public void ExpressionInProseBeforeALongGuide_StillEndsTheCacheablePrefix()
    {
        var text = "---\ndescription: Triage\n---\nTriage issue ${{ github.event.issue.number }}.\n\n" + LongGuide + "\n";

        Assert.Single(RuleOnFile("PL0004", ".github/prompts/triage.prompt.md", text, PromptFileKind.Agent));
    }
}
