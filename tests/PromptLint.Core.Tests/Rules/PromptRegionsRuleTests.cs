using PromptLint.Core.Engine;
using PromptLint.Core.FrontEnds;
using PromptLint.Core.Measuring;
using PromptLint.Core.Model;
using PromptLint.Core.Rules;
using PromptLint.Counting.Tokenizers;

namespace PromptLint.Core.Tests.Rules;

/// <summary>
/// The shapes of real prompts (issue 29) in which a rule judged text that is not instruction prose: code, examples,
/// output formats, data, verbatim output, front matter. Each is written for the test in its own words, next to the same
/// text as prose, which is still reported: the regions, not a weaker rule, keep it quiet.
/// </summary>
public sealed class PromptRegionsRuleTests
{
    private static readonly TokenizerRegistry Registry = new();

    private static readonly string LongPolicy = string.Join(
        "\n",
        Enumerable.Range(1, 120).Select(n => $"Rule {n}: answer the customer about order handling step {n} politely and cite the refund policy section that applies."));

    private static IReadOnlyList<RuleFinding> Rule(string id, string text, RuleSettings? settings = null)
        => StaticTextRule.Findings(id, settings, TemplateSyntax.Split(text, TemplateFlavor.Plain).ToArray());

    private static IReadOnlyList<RuleFinding> RuleOnJinja(string id, string text)
        => StaticTextRule.Findings(id, null, TemplateSyntax.Split(text, TemplateFlavor.Jinja).ToArray());

    // PL0004 -------------------------------------------------------------------------------------------------------

    [Fact]
    public void BraceInInlineCodeBeforeALongPolicy_IsNotAHoleThatEndsTheCacheablePrefix()
    {
        Assert.Empty(Rule("PL0004", "Save the skill under `skills/{name}/SKILL.md` first.\n\n" + LongPolicy));
        Assert.Single(Rule("PL0004", "Save the skill for {name} first.\n\n" + LongPolicy));
    }

    [Fact]
    public void PlaceholderInFrontMatter_IsNotAHoleThatEndsTheCacheablePrefix()
    {
        Assert.Empty(Rule("PL0004", "---\ndescription: reviewer\ntoken: ${{ secrets.REVIEW_TOKEN }}\n---\n" + LongPolicy));
    }

    [Fact]
    public void IncludeOfANamedFileBeforeALongPolicy_IsStaticText()
    {
        Assert.Empty(RuleOnJinja("PL0004", "{% include \"base_system.j2\" %}\n" + LongPolicy));
        Assert.Single(RuleOnJinja("PL0004", "{{ user_profile }}\n" + LongPolicy));
    }

    [Fact]
    public void ConditionalBlockBeforeALongPolicy_DoesNotEndTheCacheablePrefix()
    {
        // Each alternative is a fixed text: the provider caches the prompt with the one or the other.
        Assert.Empty(RuleOnJinja("PL0004", "{% if retry %}This is a retry; fix the previous error.{% else %}This is the first attempt.{% endif %}\n" + LongPolicy));
    }

    // PL0005 -------------------------------------------------------------------------------------------------------

    [Fact]
    public void VolatileHoleInAShortSystemPrompt_IsNotReportedBecauseNothingOfItIsEverCached()
    {
        var shortPrompt = new[] { PromptSegment.Static("Describe the weather forecast.\n- Today: "), PromptSegment.Hole("today", isVolatile: true), PromptSegment.Static("\n- Temperature: "), PromptSegment.Hole("temperature") };
        var longPrompt = new[] { PromptSegment.Static("Describe the weather forecast.\n- Today: "), PromptSegment.Hole("today", isVolatile: true), PromptSegment.Static("\n" + LongPolicy) };

        Assert.Empty(StaticTextRule.Findings("PL0005", null, shortPrompt));
        Assert.Single(StaticTextRule.Findings("PL0005", null, longPrompt));
    }

    // PL0010 -------------------------------------------------------------------------------------------------------

    [Fact]
    public void DashThatIsTheSubjectOfTheInstruction_IsNotReported()
    {
        Assert.Empty(Rule("PL0010", "Flag replies that use em dashes (\u2014) in casual chat."));
        Assert.Empty(Rule("PL0010", "Flag replies that use the `\u2014` character in casual chat."));
        Assert.Single(Rule("PL0010", "Quote the source inaccurately\u2014preserve nothing."));
    }

    // PL0011 -------------------------------------------------------------------------------------------------------

    // Two lines of a shell's job report, with the shell's column padding (4 tokens more than with single spaces).
    private const string FirstJob = "[1]+  Exit 1                  python3 app.py > server.log 2>&1\n";
    private const string SecondJob = "[2]+  Terminated              python3 worker.py > worker.log 2>&1\n";
    private const string Between = "Then the assistant restarted the server.\nIt checked the log.\nIt found no error.\nIt tried again.\n";

    [Fact]
    public void SpacingInsideFencedCode_IsNotReported()
    {
        Assert.Empty(Rule("PL0011", "A session looks like this:\n\n```console\n" + FirstJob + Between + SecondJob + "```\n\nKeep it short."));
        Assert.Single(Rule("PL0011", "A session looks like this:\n\n" + FirstJob + Between + SecondJob + "\nKeep it short."));
    }

    [Fact]
    public void AlignedColumnsInVerbatimTerminalOutput_AreNotReported()
    {
        Assert.Empty(Rule("PL0011", "USER: EXECUTION RESULT of [run_shell]:\n" + FirstJob + "\nASSISTANT: " + Between + "\nUSER: EXECUTION RESULT of [run_shell]:\n" + SecondJob + "\nASSISTANT: Done."));
        Assert.Single(Rule("PL0011", "USER: The shell printed\n" + FirstJob + "\nASSISTANT: " + Between + "\nUSER: Then it printed\n" + SecondJob + "\nASSISTANT: Done."));
    }

    [Fact]
    public void FenceAroundAHole_IsSeenWholeSoTheTextAfterItIsProse()
    {
        // The fence opens before the hole and closes after it; the prose after it has two sentences with two spaces.
        var segments = new[]
        {
            PromptSegment.Static("Reply with the command only:\n\n```bash\n"),
            PromptSegment.Hole("cli"),
            PromptSegment.Static("\n```\n\nRun it once.  Then stop.  Do not explain.\n\n```bash\ndotnet build\n```\n"),
        };

        Assert.Single(StaticTextRule.Findings("PL0011", new RuleSettings { { WhitespaceBloat.MinTokens, 1 } }, segments));
    }

    // PL0012 -------------------------------------------------------------------------------------------------------

    private const string PrettyHtml = "<nav>\n  <ul>\n    <li><a href=\"/\">Home</a></li>\n    <li><a href=\"/docs\">Docs</a></li>\n    <li><a href=\"/blog\">Blog</a></li>\n  </ul>\n</nav>\n";

    [Fact]
    public void HtmlCodeExampleInAFence_IsNotReported()
    {
        Assert.Empty(Rule("PL0012", "Use landmark elements:\n\n```html\n" + PrettyHtml + "```\n", new RuleSettings { { PrettyJson.MinTokens, 1 } }));
        Assert.Single(Rule("PL0012", "Use landmark elements:\n\n" + PrettyHtml, new RuleSettings { { PrettyJson.MinTokens, 1 } }));
    }

    [Fact]
    public void TagsInInlineCodeOnSeveralLines_AreNotAnHtmlBlock()
    {
        const string text = "- **Detection**: `<section>` without a heading\n- **Detection**: `<nav>` used twice\n- **Fix**: close each `</nav>` and `</section>` properly\n";
        Assert.Empty(Rule("PL0012", text, new RuleSettings { { PrettyJson.MinTokens, 1 } }));
    }

    // PL0015 -------------------------------------------------------------------------------------------------------

    [Fact]
    public void PerItemDataFieldsRepeatedUnderEachItem_AreNotARepeatedInstruction()
    {
        const string text = "### Flask\n- **Dependency file**: requirements.txt, pyproject.toml, setup.cfg\n- **Docs**: flask docs\n\n### Django\n- **Dependency file**: requirements.txt, pyproject.toml, setup.cfg\n- **Docs**: django docs\n";
        Assert.Empty(Rule("PL0015", text, new RuleSettings { { RepeatedBlocks.MinTokens, 5 } }));
    }

    [Fact]
    public void FewShotExampleThatExtendsThePreviousOne_IsNotARepeatedInstruction()
    {
        const string first = "Human: I want a good bakery near the station, which one do you suggest?\nAI: The best bakery near the station is Crumb and Co on the main square.\n";
        var text = "Extract the search query from the conversation.\n\nEXAMPLE\n" + first + "Human: How do I get there?\nOutput: directions to Crumb and Co\n\nEXAMPLE\n" + first + "Human: How do I get there?\nAI: Walk north for five minutes.\nHuman: Show me more bakeries.\nOutput: bakeries near the station\nEND OF EXAMPLE\n";
        Assert.Empty(Rule("PL0015", text, new RuleSettings { { RepeatedBlocks.MinTokens, 5 } }));

        var prose = "Extract the search query from the conversation.\n\n" + first + "\n" + first;
        Assert.Single(Rule("PL0015", prose, new RuleSettings { { RepeatedBlocks.MinTokens, 5 } }));
    }

    // PL0016 -------------------------------------------------------------------------------------------------------

    [Fact]
    public void LongNumbersInAFewShotExampleTable_AreNotReported()
    {
        const string table = "| isbn | title |\n|---|---|\n| 978-2-07-061275-8 | Le Petit Prince |\n| 978-0-452-28423-4 | Nineteen Eighty-Four |\n| 978-0-7432-7356-5 | The Great Gatsby |\n";
        var anyNumber = new RuleSettings { { LongNumbers.MinTokens, 1 } };
        Assert.Empty(Rule("PL0016", "Describe the table from its sample rows.\n\n" + table, anyNumber));
        Assert.Single(Rule("PL0016", "Always mention the book 978-2-07-061275-8 and the book 978-0-452-28423-4 first.\n", anyNumber));
    }

    // PL0018 -------------------------------------------------------------------------------------------------------

    private const string Schedule = "[\n  {\"task_id\": \"T-1\", \"agent\": \"planner\", \"status\": \"done\", \"depends_on\": \"none\"},\n  {\"task_id\": \"T-2\", \"agent\": \"coder\", \"status\": \"running\", \"depends_on\": \"T-1\"},\n  {\"task_id\": \"T-3\", \"agent\": \"tester\", \"status\": \"waiting\", \"depends_on\": \"T-2\"},\n  {\"task_id\": \"T-4\", \"agent\": \"reviewer\", \"status\": \"waiting\", \"depends_on\": \"T-3\"}\n]";

    [Theory]
    [InlineData("## Output Format\n\nReturn exactly this JSON:\n\n```json\n{0}\n```\n")]
    [InlineData("Respond in this JSON format:\n{0}\n")]
    [InlineData("## Few-Shot Examples\n\n### Example 1: a feature in four steps\n\n```json\n{0}\n```\n")]
    public void ArrayTheModelMustEmitOrAnExampleOfIt_IsNotReported(string shape)
    {
        Assert.Empty(Rule("PL0018", string.Format(System.Globalization.CultureInfo.InvariantCulture, shape, Schedule), new RuleSettings { { RowOrientedJson.MinTokens, 1 } }));
    }

    [Fact]
    public void ArrayGivenAsKnowledgeInProse_IsReported()
    {
        Assert.Single(Rule("PL0018", "The current schedule is below; answer questions about it.\n" + Schedule + "\n", new RuleSettings { { RowOrientedJson.MinTokens, 1 } }));
    }
}
