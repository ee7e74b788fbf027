using PromptLint.Contracts.Pricing;
using PromptLint.Core.Engine;
using PromptLint.Core.Measuring;
using PromptLint.Core.Model;
using PromptLint.Counting.Tokenizers;

namespace PromptLint.Core.Tests.Rules;

/// <summary>What the tests of PL0003–PL0009 share: a system prompt with a model and a cap, evaluated by every cost rule.</summary>
internal static class CostRulesTest
{
    public static readonly TokenizerRegistry Registry = new();
    public static readonly string LargePolicy = string.Concat(Enumerable.Range(1, 90).Select(i => $"Rule {i}: follow the refund policy exactly; cite the section number of every rule you apply. "));

    public static IReadOnlyList<RuleFinding> Evaluate(PromptTemplate template, RuleSettings? settings = null)
        => CostRules.Evaluate(template, new PromptMeasurer(Registry).Measure(template, null), ModelCatalog.Shipped, settings ?? new RuleSettings(), Registry);

    public static PromptTemplate Template(PromptSegment[] system, string? model = "gpt-4o", int? cap = 500, OutputCapStatus status = OutputCapStatus.Declared, int? budget = null, params ToolDefinition[] tools)
        => new("p", new SourceLocation("p.cs", 1, 1), PromptRole.System, new[] { new PromptMessage(PromptRole.System, system) }, tools, model, null, cap, outputCapStatus: status, outputCapSetting: "ChatOptions.MaxOutputTokens", budget: budget);
}
