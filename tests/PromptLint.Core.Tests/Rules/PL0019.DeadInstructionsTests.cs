using PromptLint.Contracts.Pricing;
using PromptLint.Core.Engine;
using PromptLint.Core.Measuring;
using PromptLint.Core.Model;
using PromptLint.Core.Rules;
using PromptLint.Counting.Tokenizers;
using SharpToken;

namespace PromptLint.Core.Tests.Rules;

public class DeadInstructionsTests
{
    private static readonly GptEncoding O200k = StaticTextRule.O200k;
    private static readonly TokenizerRegistry Registry = new();

    private static IReadOnlyList<RuleFinding> Evaluate(RuleSettings? settings, params PromptSegment[] segments) => StaticTextRule.Findings("PL0019", settings, segments);

    private static IReadOnlyList<RuleFinding> Evaluate(string text) => Evaluate(null, PromptSegment.Static(text));

    [Fact]
    public void AlwaysThenNever_ReportsTheEarlierOneWithWhatItCosts()
    {
        var finding = Assert.Single(Evaluate("Always use bullet points.\nBe brief.\n\nNever use bullet points.\n"));

        var tokens = O200k.CountTokens("Always use bullet points.");
        Assert.Equal(tokens, finding.TokensSaved);
        Assert.Equal(
            $"Prompt 'p' says \"Always use bullet points\" and later \"Never use bullet points\"; the model cannot follow both, and the first costs {tokens} tokens per call ({Cost.Format(Cost.PerThousandCalls(tokens, 2.50m))} per 1K calls at gpt-4o's input price). Keep the one you mean.",
            finding.Message);
    }

    [Theory]
    [InlineData("Do summarize the ticket.", "Do not summarize the ticket.")]
    [InlineData("You must cite the policy.", "You must not cite the policy.")]
    [InlineData("Use markdown tables.", "Don't use markdown tables.")]
    [InlineData("Use markdown tables.", "Never use Markdown  tables!")]
    [InlineData("Respond in English.", "Do not respond in English.")]
    [InlineData("Please reply in French.", "You should never reply in French.")]
    [InlineData("- Never apologize to the customer", "- Always apologize to the customer")]
    [InlineData("Do not do the math in your head.", "Do the math in your head.")]
    public void DirectNegation_Triggers(string earlier, string later)
    {
        var finding = Assert.Single(Evaluate($"{earlier}\nKeep answers short.\n{later}\n"));
        Assert.Equal(O200k.CountTokens(earlier.TrimStart('-', ' ')), finding.TokensSaved);
    }

    [Fact]
    public void LaterGeneralNegation_OverridesAnEarlierSpecificInstruction_ClausesAfterASemicolonStandAlone()
    {
        // corpus: text/style-guide-conflict.md
        var finding = Assert.Single(Evaluate("Always use bullet points for the product features.\nKeep it under 90 words.\nNever use bullet points; write the description as one flowing paragraph.\n"));

        Assert.StartsWith("Prompt 'p' says \"Always use bullet points for the product features\" and later \"Never use bullet points\";", finding.Message);
        Assert.Equal(O200k.CountTokens("Always use bullet points for the product features."), finding.TokensSaved);
    }

    [Theory]
    [InlineData("Always use bullet points for lists.\nNever use bullet points in code blocks.\n")]
    [InlineData("Always use bullet points.\nNever use bullet points when quoting code.\n")]
    [InlineData("Use bullet points unless the answer is one line.\nDo not use bullet points.\n")]
    [InlineData("Always answer.\nNever answer.\n")]
    [InlineData("Always use bullet points.\nAlways use bullet points.\n")]
    [InlineData("Do not use emojis.\nNever use emojis.\n")]
    [InlineData("Don'ts:\n- Use emojis.\n- Use slang.\n\nNever use emojis.\n")]
    [InlineData("Should you use emojis?\nNever use emojis.\n")]
    [InlineData("Avoid emojis.\nUse emojis sparingly.\n")]
    [InlineData("Never use bullet points.\nAlways use bullet points for the product features.\n")] // a rule, then its exception
    [InlineData("Always include a buffer of 30 minutes at the end of each day.\nNever include a buffer at the end of a day.\n")] // different actions: not judged
    public void ConditionsNearMissesAndRestatements_DoNotTrigger(string text)
    {
        Assert.Empty(Evaluate(text));
    }

    [Fact]
    public void ContradictionInsideAHole_IsNeverRead()
    {
        Assert.Empty(Evaluate(null, PromptSegment.Static("Style: "), PromptSegment.Hole("Always use bullet points."), PromptSegment.Static("\nOverride: "), PromptSegment.Hole("Never use bullet points.")));
        Assert.Empty(Evaluate(null, PromptSegment.Static("Always use bullet points"), PromptSegment.Hole("scope"), PromptSegment.Static(".\nNever use bullet points.\n")));
    }

    [Fact]
    public void ContradictionAcrossMessages_Triggers_AndSeveralAreCountedTogether()
    {
        var template = new PromptTemplate(
            "p", new SourceLocation("p.cs", 1, 1), PromptRole.System,
            new[]
            {
                new PromptMessage(PromptRole.System, new[] { PromptSegment.Static("Always use bullet points. Answer in English.") }),
                new PromptMessage(PromptRole.User, new[] { PromptSegment.Hole("question"), PromptSegment.Static("\nNever use bullet points. Do not answer in English.") }),
            },
            Array.Empty<ToolDefinition>(), "gpt-4o", null, 500, outputCapStatus: OutputCapStatus.Declared);
        var finding = Assert.Single(CostRules.Evaluate(template, new PromptMeasurer(Registry).Measure(template, null), ModelCatalog.Shipped, new RuleSettings(), Registry), f => f.RuleId == "PL0019");

        var tokens = O200k.CountTokens("Always use bullet points.") + O200k.CountTokens("Answer in English.");
        Assert.Equal(tokens, finding.TokensSaved);
        Assert.StartsWith("Prompt 'p' says \"Always use bullet points\" and later \"Never use bullet points\", and 1 more instruction is contradicted later; the model cannot follow both, and the earlier ones cost ", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheMinimumIsConfigurable()
    {
        Assert.Single(Evaluate("Always use bullet points.\nNever use bullet points.\n"));
        Assert.Empty(Evaluate(new RuleSettings { { DeadInstructions.MinTokens, 50 } }, PromptSegment.Static("Always use bullet points.\nNever use bullet points.\n")));
    }

    [Fact]
    public void OrdinarySystemPrompt_DoesNotTrigger()
    {
        Assert.Empty(Evaluate(OrdinaryPrompts.Support));
        Assert.Empty(Evaluate(OrdinaryPrompts.Agent));
    }

    // Regression: the same instruction with other numbers later in the prompt was not seen as a contradiction.
    [Theory]
    [InlineData("Write between 800 and 1000 words.", "Write between 800 and 1200 words.")]
    [InlineData("Keep the summary under 200 words.", "Keep the summary under 150 words.")]
    [InlineData("- Return at most 5 results", "- Return at most 10 results")]
    [InlineData("Never exceed 3 paragraphs.", "Never exceed 4 paragraphs.")]
    public void SameInstructionWithOtherNumbers_Triggers(string earlier, string later)
    {
        var finding = Assert.Single(Evaluate($"{earlier}\nUse a friendly tone.\n\n{later}\n"));
        Assert.Contains(StaticTextUnitsQuote(earlier), finding.Message, StringComparison.Ordinal);
        Assert.Contains(StaticTextUnitsQuote(later), finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Write between 800 and 1000 words.", "Write between 800 and 1000 words.")]
    [InlineData("Return 5 results for news.", "Return 10 results for images.")]
    [InlineData("Use 2 spaces for YAML.", "Never use 4 spaces.")]
    [InlineData("Step 1: read the ticket.", "Step 2: read the ticket.")]
    [InlineData("Keep the summary under 200 words.", "If the ticket is long, keep the summary under 300 words.")]
    public void SameNumbersOrOtherInstructions_DoNotTrigger(string earlier, string later)
    {
        Assert.Empty(Evaluate($"{earlier}\nUse a friendly tone.\n\n{later}\n"));
    }

    // Regression (issue 15, measured on 430 real prompt files: all 12 numeric "contradictions" were false): numbers that
    // label, describe data or belong to different list sections are not amounts an instruction changes its mind about.
    [Theory]
    [InlineData("## Example Task #1 Input\nThe answer is grounded.\n\n## Example Task #2 Input\nThe answer is not grounded.\n")]
    [InlineData("Beginner:\n- Up to 3 books\n\nAdvanced:\n- Up to 5 books\n")]
    [InlineData("Tier A:\n- Give a novelty score between 80% and 90% for this tier.\n\nTier B:\n- Give a novelty score between 50% and 80% for this tier.\n")]
    [InlineData("Imagine a novelty score between 80% and 90% for this tier.\nImagine a novelty score between 50% and 80% for this tier.\n")]
    [InlineData("- Reasoning: {explanation of the score for answer 1}\n- Reasoning: {explanation of the score for answer 2}\n")]
    [InlineData("Example CSS:\ntransition: color 0.25s ease.\ntransition: color 0.5s ease.\n")]
    [InlineData("| Plan | Limit |\n|---|---|\n| Pro | Return at most 5 results |\n| Team | Return at most 10 results |\n")]
    [InlineData("Maintenance cost: 100,000 + 100x.\nMaintenance cost: 100,000 + 10x.\n")]
    public void NumbersThatAreNotAmountsOfOneInstruction_DoNotTrigger(string text)
    {
        Assert.Empty(Evaluate(text));
    }

    private static string StaticTextUnitsQuote(string text) => text.TrimStart('-', ' ').TrimEnd('.');
}
