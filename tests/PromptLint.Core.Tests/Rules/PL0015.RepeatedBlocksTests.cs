using PromptLint.Contracts.Pricing;
using PromptLint.Core.Engine;
using PromptLint.Core.Measuring;
using PromptLint.Core.Model;
using PromptLint.Core.Rules;
using PromptLint.Counting.Tokenizers;
using SharpToken;

namespace PromptLint.Core.Tests.Rules;

public class RepeatedBlocksTests
{
    private static readonly GptEncoding O200k = StaticTextRule.O200k;
    private static readonly TokenizerRegistry Registry = new();

    private const string English = "Always answer in English, even when the customer writes in another language.";
    private const string Card = "Never read out or repeat the customer's full card number, expiry date or CVV.";

    private static IReadOnlyList<RuleFinding> Evaluate(RuleSettings? settings, params PromptSegment[] segments) => StaticTextRule.Findings("PL0015", settings, segments);

    private static IReadOnlyList<RuleFinding> Evaluate(params PromptMessage[] messages)
    {
        var template = new PromptTemplate("p", new SourceLocation("p.cs", 1, 1), PromptRole.System, messages, Array.Empty<ToolDefinition>(), "gpt-4o", null, 500, outputCapStatus: OutputCapStatus.Declared);
        return CostRules.Evaluate(template, new PromptMeasurer(Registry).Measure(template, null), ModelCatalog.Shipped, new RuleSettings(), Registry)
            .Where(f => f.RuleId == "PL0015")
            .ToList();
    }

    private static string Money(int tokens) => Cost.Format(Cost.PerThousandCalls(tokens, 2.50m));

    [Fact]
    public void ParagraphTwiceInOneMessage_IsReportedWithWhatTheCopyCosts()
    {
        var tokens = O200k.CountTokens(English);
        Assert.True(tokens >= 12);

        var finding = Assert.Single(Evaluate(null, PromptSegment.Static($"{English}\n\nRefunds take five business days.\n\n{English}\n")));

        Assert.Equal(tokens, finding.TokensSaved);
        Assert.Equal(
            $"Prompt 'p' repeats 1 block of {tokens} tokens (\"Always answer in English, even when the…\") 2 times; the copies cost {tokens} tokens per call ({Money(tokens)} per 1K calls at gpt-4o's input price). Keep one copy.",
            finding.Message);
    }

    [Fact]
    public void RepeatedParagraph_CountsItsSentencesOnce_AndAThirdCopyOfASentenceStillCounts()
    {
        var paragraph = $"{English} {Card}";
        var finding = Assert.Single(Evaluate(null, PromptSegment.Static($"Rules.\n\n{paragraph}\n\nReminder.\n\n{paragraph}\n")));
        Assert.Equal(O200k.CountTokens(paragraph), finding.TokensSaved);
        Assert.Contains($"repeats 1 block of {O200k.CountTokens(paragraph)} tokens", finding.Message, StringComparison.Ordinal);

        // Under different headings the paragraphs differ, and their sentences are the repeats; a heading is not part of a sentence.
        finding = Assert.Single(Evaluate(null, PromptSegment.Static($"# Rules\n{paragraph}\n\n# Reminder\n{paragraph}\n")));
        Assert.Equal(O200k.CountTokens(English) + O200k.CountTokens(Card), finding.TokensSaved);
        Assert.StartsWith("Prompt 'p' repeats 2 blocks", finding.Message, StringComparison.Ordinal);

        finding = Assert.Single(Evaluate(null, PromptSegment.Static($"{paragraph}\n\n{paragraph}\n\nOne last thing. {Card}\n")));
        Assert.Equal(O200k.CountTokens(paragraph) + O200k.CountTokens(Card), finding.TokensSaved);
        Assert.StartsWith("Prompt 'p' repeats 2 blocks (\"Always answer in English, even when the…\" ", finding.Message, StringComparison.Ordinal);
        Assert.EndsWith("Keep one copy of each.", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ListItemRepeatedAsProse_IgnoringCaseSpacingAndMarkers_IsReported()
    {
        var later = "NEVER read out or repeat the customer's full card  number,\nexpiry date or CVV.";
        var finding = Assert.Single(Evaluate(null, PromptSegment.Static($"Rules:\n- {Card}\n- Be brief.\n\nYou help with billing. {later}\n")));
        Assert.Equal(O200k.CountTokens(later), finding.TokensSaved);
    }

    [Fact]
    public void InstructionRepeatedInTheUserMessage_IsReportedAcrossMessages()
    {
        var finding = Assert.Single(Evaluate(
            new PromptMessage(PromptRole.System, new[] { PromptSegment.Static($"You are a billing assistant.\n\n{English}") }),
            new PromptMessage(PromptRole.User, new[] { PromptSegment.Hole("question"), PromptSegment.Static($"\n\n{English}") })));
        Assert.Equal(O200k.CountTokens(English), finding.TokensSaved);
    }

    [Theory]
    [InlineData("Answer:\n{q}\n\nAnswer:\n")]
    [InlineData("Be brief. Cite the policy.\n\nBe brief. Cite the policy.\n")]
    [InlineData("| Plan | Price | Seats |\n|---|---|---|\n| Team plan for small offices | 10 USD per seat per month | 5 |\n| Team plan for small offices | 10 USD per seat per month | 5 |\n")]
    [InlineData("[{\"name\": \"Alice Smith\", \"plan\": \"team\", \"city\": \"Paris\"},\n{\"name\": \"Alice Smith\", \"plan\": \"team\", \"city\": \"Paris\"}]\n")]
    [InlineData("2024-01-01, 2024-02-01, 2024-03-01, 2024-04-01, 2024-05-01.\n2024-01-01, 2024-02-01, 2024-03-01, 2024-04-01, 2024-05-01.\n")]
    [InlineData("Always answer in English, even when the customer writes in another language.\n\nAlways answer in French, even when the customer writes in another language.\n")]
    [InlineData("```csharp\n// Returns the invoice total for the customer, including every tax line.\nvar total = invoice.Total;\n// Returns the invoice total for the customer, including every tax line.\n```\n")]
    public void ShortBoilerplateDataCodeAndNearMisses_DoNotTrigger(string text)
    {
        Assert.Empty(Evaluate(null, PromptSegment.Static(text)));
    }

    [Fact]
    public void SameTextInTwoHoles_IsNeverRead()
    {
        Assert.Empty(Evaluate(null, PromptSegment.Static("Policy:\n"), PromptSegment.Hole(English), PromptSegment.Static("\n\nAgain:\n"), PromptSegment.Hole(English)));

        // Text that runs into a hole is not a whole unit: "... language. {x}" still has its complete sentence.
        Assert.Empty(Evaluate(null, PromptSegment.Static("Always answer in English, even when the customer writes in "), PromptSegment.Hole("language"), PromptSegment.Static("\n\nAlways answer in English, even when the customer writes in "), PromptSegment.Hole("other")));
    }

    [Fact]
    public void TheMinimumIsConfigurable()
    {
        var text = $"{English}\n\n{English}\n";
        Assert.Single(Evaluate(null, PromptSegment.Static(text)));
        Assert.Empty(Evaluate(new RuleSettings { { RepeatedBlocks.MinTokens, 100 } }, PromptSegment.Static(text)));

        Assert.Empty(Evaluate(null, PromptSegment.Static("Be brief and cite the policy.\n\nBe brief and cite the policy.\n")));
        Assert.Single(Evaluate(new RuleSettings { { RepeatedBlocks.MinTokens, 5 } }, PromptSegment.Static("Be brief and cite the policy.\n\nBe brief and cite the policy.\n")));
    }

    [Fact]
    public void OrdinarySystemPrompt_DoesNotTrigger()
    {
        Assert.Empty(Evaluate(null, PromptSegment.Static(OrdinaryPrompts.Support)));
        Assert.Empty(Evaluate(null, PromptSegment.Static(OrdinaryPrompts.Agent)));
    }

    // Regression: the unpunctuated line before the first copy was read as the start of its sentence, so the copies differed.
    [Theory]
    [InlineData("You are the billing assistant for Contoso\n")]
    [InlineData("## Rules for every reply\n")]
    [InlineData("Role: billing assistant\n")]
    public void RepeatedSentenceAfterALineWithoutFinalPunctuation_Triggers(string before)
    {
        var text = $"{before}{English}\nRefunds take five business days.\n\nBefore you send the reply, check it once more. {English}\n";
        var finding = Assert.Single(Evaluate(null, PromptSegment.Static(text)));
        Assert.Equal(O200k.CountTokens(English), finding.TokensSaved);
    }

    [Fact]
    public void SentenceWrappedOverTwoLines_IsStillOneSentence()
    {
        // A sentence broken in the middle (the next line starts in lower case) is one sentence, and its copy is found.
        var wrapped = "Always answer in English, even when the customer\nwrites in another language.";
        var finding = Assert.Single(Evaluate(null, PromptSegment.Static($"{wrapped}\n\nBe brief. {English}\n")));
        Assert.Equal(O200k.CountTokens(English), finding.TokensSaved);
    }
}
