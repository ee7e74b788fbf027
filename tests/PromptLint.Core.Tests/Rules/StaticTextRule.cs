using PromptLint.Contracts.Pricing;
using PromptLint.Core.Engine;
using PromptLint.Core.Measuring;
using PromptLint.Core.Model;
using PromptLint.Counting.Tokenizers;
using SharpToken;

namespace PromptLint.Core.Tests.Rules;

/// <summary>Runs the cost rules on a one-message gpt-4o prompt with a declared cap and keeps one rule's findings.</summary>
internal static class StaticTextRule
{
    private static readonly TokenizerRegistry Registry = new();

    /// <summary>The independent oracle the token savings are checked against.</summary>
    public static readonly GptEncoding O200k = GptEncoding.GetEncoding("o200k_base");

    public static IReadOnlyList<RuleFinding> Findings(string ruleId, RuleSettings? settings, params PromptSegment[] segments)
    {
        var template = new PromptTemplate("p", new SourceLocation("p.md", 1, 1), PromptRole.System, new[] { new PromptMessage(PromptRole.System, segments) }, Array.Empty<ToolDefinition>(), "gpt-4o", null, 500, outputCapStatus: OutputCapStatus.Declared);
        return CostRules.Evaluate(template, new PromptMeasurer(Registry).Measure(template, null), ModelCatalog.Shipped, settings ?? new RuleSettings(), Registry)
            .Where(f => f.RuleId == ruleId)
            .ToList();
    }
}
