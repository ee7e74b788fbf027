using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace PromptLint.Analyzers.Tests.Rules;

/// <summary>What the rule tests in this folder share: the analyzer with the SDKs referenced, and a span in the test's C# file.</summary>
internal static class CostRuleTest
{
    public const string Dir = AnalyzerTest<PromptFootprintAnalyzer>.ProjectDirectory;

    public static AnalyzerTest<PromptFootprintAnalyzer> Test(string source) => new AnalyzerTest<PromptFootprintAnalyzer>().WithSdks().WithSource(source);

    public static DiagnosticResult At(string id, DiagnosticSeverity severity, int line, int column, int endLine, int endColumn)
        => new DiagnosticResult(id, severity).WithSpan("/0/Test1.cs", line, column, endLine, endColumn);
}
