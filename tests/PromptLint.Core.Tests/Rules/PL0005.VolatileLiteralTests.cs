using PromptLint.Contracts.Rules;
using PromptLint.Core.Engine;
using PromptLint.Core.Model;

namespace PromptLint.Core.Tests.Rules;

/// <summary>PL0005 for a date or time written into static text as the current one (issue 15, item 6).</summary>
public sealed class VolatileLiteralTests
{
    private static IReadOnlyList<RuleFinding> Evaluate(string text) => StaticTextRule.Findings("PL0005", null, PromptSegment.Static(text));

    [Theory]
    [InlineData("You are ChatGPT.\nKnowledge cutoff: 2023-10\nCurrent date: 2024-05-13\n\nAnswer briefly.", "2024-05-13", "current date", "after 'Current date:'")]
    [InlineData("Today is Monday, May 13, 2024. You help customers of Contoso.", "Monday, May 13, 2024", "current date", "after 'Today is'")]
    [InlineData("# Report\nGenerated at 2024-05-13T10:22:13Z by the nightly job.\nSummarize the incidents below.", "2024-05-13T10:22:13Z", "current time", "after 'Generated at'")]
    [InlineData("Last updated: Mon, 13 May 2024 10:22:13 GMT\nYou answer questions about the price list.", "Mon, 13 May 2024 10:22:13 GMT", "current time", "after 'Last updated:'")]
    [InlineData("The current date is 13 May 2024.\nPlan the week ahead.", "13 May 2024", "current date", "after 'The current date is'")]
    public void CurrentDateOrTime_IsReportedAtTheValue_WithTheLabelThatSaysSo(string text, string value, string kind, string label)
    {
        var finding = Assert.Single(Evaluate(text));

        Assert.Equal(RuleSeverity.Warning, RuleCatalog.Get("PL0005").DefaultSeverity);
        Assert.Contains($"writes {value} into its static text as the {kind} ({label})", finding.Message);
        Assert.Contains("Pass it in a hole at the end of the user message", finding.Message);
        Assert.Null(finding.TokensSaved);
        var at = Assert.IsType<PromptTextSpan>(finding.Evidence);
        Assert.Equal(text.IndexOf(value, StringComparison.Ordinal), at.Start);
        Assert.Equal(value, at.Text);
    }

    [Fact]
    public void TheCountNamesTheStaticTokensFromTheValueOn()
    {
        const string text = "Current date: 2024-05-13\nYou are a helpful assistant for Contoso's refund desk.";
        var finding = Assert.Single(Evaluate(text));

        var after = StaticTextRule.O200k.CountTokens(text.Substring(text.IndexOf("2024", StringComparison.Ordinal)));
        Assert.Contains($"the {after} static tokens after it never come from the provider's prompt cache", finding.Message);
    }

    [Theory]
    // Dates that are not "now": a format, an example, a cut-off, an event, a version.
    [InlineData("Write dates in ISO 8601, for example 2024-01-31T10:00:00Z.")]
    [InlineData("Knowledge cutoff: 2023-10. Say so when asked about later events.")]
    [InlineData("The refund policy changed on March 4, 2024: purchases before that date follow the old policy.")]
    [InlineData("Example log line: 2024-05-13 10:22:13 ERROR payment gateway timeout")]
    [InlineData("api_version: 2024-08-01-preview")]
    [InlineData("As of 2023, the limit is 500 requests per minute.")]
    [InlineData("Timestamps in the input look like 00:12:31.200 (hours, minutes, seconds).")]
    [InlineData("Today is a good day to answer briefly.")]
    public void DatesThatAreNotTheCurrentOne_AreNotReported(string text)
    {
        Assert.Empty(Evaluate(text));
    }

    // Enough static text after the value for the provider's cache minimum: under it, nothing is ever cached and a
    // volatile hole costs nothing (issue 29).
    private static readonly string LongPolicy = string.Join("\n", Enumerable.Range(1, 120).Select(n => $"Rule {n}: answer politely and cite the refund policy section that applies to step {n}."));

    [Fact]
    public void AVolatileHole_IsReportedAsBefore_AndTheLiteralNotAgain()
    {
        var findings = StaticTextRule.Findings("PL0005", null, PromptSegment.Static("Current date: 2024-05-13. Time: "), PromptSegment.Hole("DateTime.UtcNow", isVolatile: true), PromptSegment.Static(" Answer the question below.\n" + LongPolicy));

        var finding = Assert.Single(findings);
        Assert.Contains("(DateTime.UtcNow) in its system message", finding.Message);
    }

    [Fact]
    public void TheFindingPointsAtTheLineOfTheValueInAPromptFile()
    {
        const string file = "---\nname: helper\nmodel:\n  api: chat\n  parameters:\n    max_tokens: 300\n---\nsystem:\nYou are a helpful assistant.\nCurrent date: 2024-05-13\n\nuser:\n{{question}}\n";
        var read = PromptLint.Core.FrontEnds.PromptFileReader.Read(new PromptLint.Core.FrontEnds.PromptFileInput("helper.prompty", "helper.prompty", file), PromptLint.Core.FrontEnds.PromptFileKind.Prompty);
        var template = Assert.Single(read.Templates);
        var registry = new PromptLint.Counting.Tokenizers.TokenizerRegistry();
        var finding = Assert.Single(CostRules.Evaluate(template, new PromptLint.Core.Measuring.PromptMeasurer(registry).Measure(template, "gpt-4o"), PromptLint.Contracts.Pricing.ModelCatalog.Shipped, new RuleSettings(), registry), f => f.RuleId == "PL0005");

        var location = finding.Evidence!.Value.LocationIn(template);
        Assert.NotNull(location);
        Assert.Equal(10, location!.Value.Line);
        Assert.Equal(15, location.Value.Column);
    }
}
