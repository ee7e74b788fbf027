using PromptLint.Contracts.Pricing;
using PromptLint.Core.Engine;
using PromptLint.Core.Measuring;
using PromptLint.Core.Model;
using PromptLint.Core.Rules;
using PromptLint.Counting.Tokenizers;
using SharpToken;

namespace PromptLint.Core.Tests.Rules;

public class EncoderMismatchTests
{
    private const string Text = "Classify the customer's message as billing, shipping, returns or other. Reply with the label only.";
    private static readonly TokenizerRegistry Registry = new();

    private static IReadOnlyList<RuleFinding> Findings(string model, string? sentModel)
    {
        var template = new PromptTemplate("support.triage", new SourceLocation("p.cs", 1, 1), PromptRole.System, new[] { new PromptMessage(PromptRole.System, new[] { PromptSegment.Static(Text) }) }, null, model, null, 500, sentModel: sentModel);
        return CostRules.Evaluate(template, new PromptMeasurer(Registry).Measure(template, null), ModelCatalog.Shipped, new RuleSettings(), Registry)
            .Where(f => f.RuleId == "PL0020")
            .ToList();
    }

    [Fact]
    public void MeasuredForGpt4_SentToGpt4o_ReportsBothCountsAtTheSentModel()
    {
        var finding = Assert.Single(Findings("gpt-4", "gpt-4o"));

        var cl100k = GptEncoding.GetEncoding("cl100k_base").CountTokens(Text);
        var o200k = GptEncoding.GetEncoding("o200k_base").CountTokens(Text);
        Assert.NotEqual(cl100k, o200k);
        Assert.Equal(RuleTarget.SentModel, finding.Target);
        Assert.Null(finding.TokensSaved);
        Assert.Equal(
            $"Prompt 'support.triage' is measured for gpt-4 (cl100k_base, {cl100k} static tokens) but this call sends it to gpt-4o ({o200k} tokens with o200k_base), so its baseline, budget and cost are counted with a tokenizer the call never uses. The call is billed for {Math.Abs(o200k - cl100k)} token{(Math.Abs(o200k - cl100k) == 1 ? "" : "s")} {(o200k > cl100k ? "more" : "fewer")} than measured ({Cost.Format(Cost.PerThousandCalls(Math.Abs(o200k - cl100k), 2.50m))} per 1K calls at gpt-4o's input price). Name the model the prompt is sent to in its [Prompt] Model, or send it to gpt-4.",
            finding.Message);
    }

    [Fact]
    public void SentToClaude_SaysTheCountIsAnEstimate()
    {
        var finding = Assert.Single(Findings("gpt-4o", "claude-sonnet-4-5"));

        Assert.Contains("sends it to claude-sonnet-4-5 (an estimated ", finding.Message);
        Assert.Contains("(no public claude tokenizer)", finding.Message);
    }

    [Theory]
    [InlineData("gpt-4o", "gpt-4o-mini")]   // same encoding
    [InlineData("gpt-4.1", "o3")]            // same encoding, other product line
    [InlineData("claude-opus-4", "claude-haiku-4-5")]
    [InlineData("gpt-4o", "my-finetune")]    // unknown model: no family to compare
    [InlineData("gpt-4", null)]              // the call names no model
    public void SameFamilyOrUnknown_IsSilent(string model, string? sent)
    {
        Assert.Empty(Findings(model, sent));
    }

    [Fact]
    public void ClaudeAndGemini_AreDifferentFamilies_EvenThoughBothAreEstimatedWithTheSameEncoding()
    {
        Assert.Single(Findings("gemini-2.5-pro", "claude-sonnet-4-5"));
    }

    [Fact]
    public void BaselineCountedWithAnotherEncoding_SaysTheComparisonMixesTokenizers()
    {
        var template = new PromptTemplate("support.triage", new SourceLocation("p.md", 1, 1), PromptRole.System, new[] { new PromptMessage(PromptRole.System, new[] { PromptSegment.Static(Text) }) }, model: "gpt-4o");
        var now = new PromptMeasurer(Registry).Measure(template, null);

        var finding = EncoderMismatch.AgainstBaseline("support.triage", "cl100k_base", 25, now);

        Assert.Equal(
            $"Prompt 'support.triage' was accepted into the baseline counted with cl100k_base (25 tokens) and is now sent to gpt-4o, counted with o200k_base ({now.StaticTokens} tokens), so the baseline comparison mixes two tokenizers. Accept the footprint for the new model with 'dotnet build -p:PromptLintUpdateBaseline=true' and commit the baseline.",
            finding!.Message);
        Assert.Equal("PL0020", finding.RuleId);
    }

    [Theory]
    [InlineData("o200k_base")]
    [InlineData("estimate:o200k_base")] // an estimate that counted with the same encoding compares like for like
    public void BaselineCountedWithTheSameEncoding_IsSilent(string baselineTokenizer)
    {
        var template = new PromptTemplate("p", new SourceLocation("p.md", 1, 1), PromptRole.System, new[] { new PromptMessage(PromptRole.System, new[] { PromptSegment.Static(Text) }) }, model: "gpt-4o");

        Assert.Null(EncoderMismatch.AgainstBaseline("p", baselineTokenizer, 25, new PromptMeasurer(Registry).Measure(template, null)));
    }
}
