using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using static PromptLint.Analyzers.Tests.Rules.CostRuleTest;

namespace PromptLint.Analyzers.Tests.Rules;

/// <summary>PL0009 with the budget from the options.</summary>
public sealed class ToolSchemaFootprintTests
{
    [Fact]
    public async Task ToolSchemaBudgetFromOptions_ReportsPL0009()
    {
        var test = new AnalyzerTest<PromptFootprintAnalyzer>()
            .WithFile("weather.tools.json", "[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"description\":\"Current weather for a city.\",\"parameters\":{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}}}]")
            .WithOption("promptlint.tool_schema_budget", "10");
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PL0009", DiagnosticSeverity.Warning).WithSpan(Dir + "/weather.tools.json", 1, 1, 1, 171));
        await test.RunAsync();
    }
}
