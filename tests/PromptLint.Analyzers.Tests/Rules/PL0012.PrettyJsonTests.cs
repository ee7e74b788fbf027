using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using static PromptLint.Analyzers.Tests.Rules.CostRuleTest;

namespace PromptLint.Analyzers.Tests.Rules;

/// <summary>PL0012 in a prompt file.</summary>
public sealed class PrettyJsonTests
{
    [Fact]
    public async Task PrettyPrintedJsonExample_ReportsPL0012InAPromptFile_OneLineJsonDoesNot()
    {
        var example = "Answer with JSON like this example:\n{\n    \"orderId\": \"A-1042\",\n    \"items\": [\n        { \"sku\": \"KB-01\", \"quantity\": 2 },\n        { \"sku\": \"MS-07\", \"quantity\": 1 }\n    ]\n}\n";
        var test = new AnalyzerTest<PromptFootprintAnalyzer>()
            .WithFile("extract.md", example)
            .WithFile("compact.md", "Answer with JSON like {\"orderId\":\"A-1042\",\"items\":[{\"sku\":\"KB-01\",\"quantity\":2}]}.\n");
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PL0012", DiagnosticSeverity.Info).WithSpan(Dir + "/extract.md", 2, 1, 2, 2));
        await test.RunAsync();
    }
}
