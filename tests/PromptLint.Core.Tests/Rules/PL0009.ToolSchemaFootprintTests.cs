using PromptLint.Core.Engine;
using PromptLint.Core.Measuring;
using PromptLint.Core.Model;
using PromptLint.Core.Rules;
using static PromptLint.Core.Tests.Rules.CostRulesTest;

namespace PromptLint.Core.Tests.Rules;

/// <summary>PL0009: tool definitions over the budget, and long tool descriptions.</summary>
public sealed class ToolSchemaFootprintTests
{
    [Fact]
    public void ToolSchemas_OverBudgetAndLongDescriptions()
    {
        var longDescription = string.Concat(Enumerable.Repeat("Looks up an order and explains every field of it in detail. ", 45));
        ToolDefinition Tool(string name, string description) => new(name, $"{{\"type\":\"function\",\"function\":{{\"description\":\"{description}\",\"name\":\"{name}\",\"parameters\":{{\"type\":\"object\"}}}}}}", new SourceLocation("t.json", 1, 1));

        var template = new PromptTemplate("tools", new SourceLocation("t.json", 1, 1), PromptRole.ToolSchema, Array.Empty<PromptMessage>(), new[] { Tool("lookup", longDescription), Tool("ping", "Pings.") });
        var findings = Evaluate(template, new RuleSettings { { ToolSchemaFootprintRule.ToolSchemaBudget, 100 } });

        Assert.Equal(2, findings.Count(f => f.RuleId == "PL0009"));
        Assert.Contains(findings, f => f.Message.Contains("(largest: lookup ", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Message.StartsWith("Tool 'lookup' of prompt 'tools' has a ", StringComparison.Ordinal));
    }
}
