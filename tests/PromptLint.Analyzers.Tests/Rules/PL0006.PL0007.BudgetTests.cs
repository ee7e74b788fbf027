using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using static PromptLint.Analyzers.Tests.Rules.CostRuleTest;

namespace PromptLint.Analyzers.Tests.Rules;

/// <summary>PL0006 and PL0007 on a [Prompt] member with a budget.</summary>
public sealed class BudgetTests
{
    [Fact]
    public async Task PromptAttributeBudget_ReportsUnboundedHoleAndOverBudget()
    {
        var test = new AnalyzerTest<PromptFootprintAnalyzer>().WithSource("""
            using System;

            [AttributeUsage(AttributeTargets.All)]
            internal sealed class PromptAttribute : Attribute
            {
                public PromptAttribute(string id) { }
                public int Budget { get; set; }
            }

            public class Rag
            {
                [Prompt("rag.answer", Budget = 10)]
                public string Build(string doc) => "Answer from the document below, in the same language as the question. " + doc;
            }
            """);
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PL0006", DiagnosticSeverity.Info).WithSpan("/0/Test1.cs", 13, 19, 13, 24));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PL0007", DiagnosticSeverity.Error).WithSpan("/0/Test1.cs", 13, 19, 13, 24));
        await test.RunAsync();
    }
}
