using PromptLint.Core.Measuring;
using PromptLint.Core.Model;
using PromptLint.Core.Pricing;
using PromptLint.Core.Rules;
using PromptLint.Core.Tokenizers;

namespace PromptLint.Core.Tests.Rules;

public class CostRulesTests
{
    private static readonly TokenizerRegistry Registry = new();
    private static readonly string LargePolicy = string.Concat(Enumerable.Range(1, 90).Select(i => $"Rule {i}: follow the refund policy exactly; cite the section number of every rule you apply. "));

    private static IReadOnlyList<RuleFinding> Evaluate(PromptTemplate template, RuleSettings? settings = null)
        => CostRules.Evaluate(template, new PromptMeasurer(Registry).Measure(template, null), ModelCatalog.Shipped, settings ?? new RuleSettings(), Registry);

    private static PromptTemplate Template(PromptSegment[] system, string? model = "gpt-4o", int? cap = 500, OutputCapStatus status = OutputCapStatus.Declared, int? budget = null, params ToolDefinition[] tools)
        => new("p", new SourceLocation("p.cs", 1, 1), PromptRole.System, new[] { new PromptMessage(PromptRole.System, system) }, tools, model, null, cap, outputCapStatus: status, outputCapSetting: "ChatOptions.MaxOutputTokens", budget: budget);

    [Fact]
    public void MissingCap_ReportsWorstCaseAndHowToSetIt()
    {
        var finding = Assert.Single(Evaluate(Template(new[] { PromptSegment.Static("Hi") }, cap: null, status: OutputCapStatus.Missing)));

        Assert.Equal("PL0003", finding.RuleId);
        Assert.Equal(RuleTarget.Call, finding.Target);
        Assert.Equal("Prompt 'p' is sent without a max output token cap, so one call can produce up to 16,384 output tokens ($0.1638 at gpt-4o's output price). Set ChatOptions.MaxOutputTokens (for example to 1,024).", finding.Message);
    }

    [Theory]
    [InlineData(OutputCapStatus.Unknown)]
    [InlineData(OutputCapStatus.Declared)]
    public void UnknownOrDeclaredCap_IsSilent(OutputCapStatus status)
    {
        Assert.Empty(Evaluate(Template(new[] { PromptSegment.Static("Hi") }, cap: status == OutputCapStatus.Declared ? 100 : null, status: status)));
    }

    [Fact]
    public void CapAboveCeiling_IsReported()
    {
        var finding = Assert.Single(Evaluate(Template(new[] { PromptSegment.Static("Hi") }, cap: 8000), new RuleSettings { MaxOutputTokensCeiling = 2000 }));

        Assert.Equal("PL0003", finding.RuleId);
        Assert.Contains("caps output at 8,000 tokens, above the ceiling of 2,000", finding.Message);
    }

    [Fact]
    public void VolatileTimestampBeforeLargePolicy_IsNonCacheableAndVolatile()
    {
        var findings = Evaluate(Template(new[] { PromptSegment.Static("Current time: "), PromptSegment.Hole("DateTime.UtcNow", isVolatile: true), PromptSegment.Static(". " + LargePolicy) }));

        Assert.Equal(new[] { "PL0004", "PL0005" }, findings.Select(f => f.RuleId));
        Assert.Contains("static tokens after dynamic content", findings[0].Message);
        Assert.Contains("per 1K calls instead of", findings[0].Message);
        Assert.Contains("(DateTime.UtcNow) in its system message", findings[1].Message);
    }

    [Fact]
    public void DynamicPartLast_IsCacheFriendly()
    {
        Assert.Empty(Evaluate(Template(new[] { PromptSegment.Static(LargePolicy + "\nQuestion: "), PromptSegment.Hole("question") })));
    }

    [Fact]
    public void StaticBlockBelowProviderMinimum_IsNotReported()
    {
        Assert.Empty(Evaluate(Template(new[] { PromptSegment.Hole("name"), PromptSegment.Static(": please answer briefly and politely.") })));
    }

    [Fact]
    public void Budget_ReportsUnboundedHolesAndOverBudget()
    {
        var findings = Evaluate(Template(new[] { PromptSegment.Static(LargePolicy), PromptSegment.Hole("doc", cap: 8000, capUnit: CapUnit.Characters), PromptSegment.Hole("q") }, budget: 1000));

        Assert.Contains(findings, f => f.RuleId == "PL0006" && f.Message.StartsWith("Hole 'q' of prompt 'p' has no size cap", StringComparison.Ordinal));
        var over = Assert.Single(findings, f => f.RuleId == "PL0007");
        Assert.Contains("+ 2,000 from capped holes), over its budget of 1,000", over.Message);
    }

    [Fact]
    public void ContextWindow_CountsStaticHoleCapsAndOutput()
    {
        var findings = Evaluate(Template(new[] { PromptSegment.Static("Summarize: "), PromptSegment.Hole("doc", cap: 7000, capUnit: CapUnit.Tokens) }, model: "gpt-4", cap: 2000));

        var finding = Assert.Single(findings, f => f.RuleId == "PL0008");
        Assert.Contains("7,000 from capped holes, 2,000 output) but gpt-4's context window is 8,192", finding.Message);
    }

    [Fact]
    public void ToolSchemas_OverBudgetAndLongDescriptions()
    {
        var longDescription = string.Concat(Enumerable.Repeat("Looks up an order and explains every field of it in detail. ", 30));
        ToolDefinition Tool(string name, string description) => new(name, $"{{\"type\":\"function\",\"function\":{{\"description\":\"{description}\",\"name\":\"{name}\",\"parameters\":{{\"type\":\"object\"}}}}}}", new SourceLocation("t.json", 1, 1));

        var template = new PromptTemplate("tools", new SourceLocation("t.json", 1, 1), PromptRole.ToolSchema, Array.Empty<PromptMessage>(), new[] { Tool("lookup", longDescription), Tool("ping", "Pings.") });
        var findings = Evaluate(template, new RuleSettings { ToolSchemaBudget = 100 });

        Assert.Equal(2, findings.Count(f => f.RuleId == "PL0009"));
        Assert.Contains(findings, f => f.Message.Contains("(largest: lookup ", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Message.StartsWith("Tool 'lookup' of prompt 'tools' has a ", StringComparison.Ordinal));
    }
}
