using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using SharpToken;

namespace PromptLint.Analyzers.Tests.CSharp.Sdks;

/// <summary>The two set-ups the recognizer tests use, against the real SDK assemblies.</summary>
internal static class SdkTest
{
    /// <summary>
    /// Every prompt found is reported as a PL9000 measurement at its first text (markup <c>{|PL9000:…|}</c>) and the cost
    /// rules are off: what a recognizer finds is exactly what is reported.
    /// </summary>
    public static AnalyzerTest<PromptFootprintAnalyzer> Measuring(string source)
        => new AnalyzerTest<PromptFootprintAnalyzer>().WithSdks().WithSource(source).WithProperty("PromptLintEmitMeasurements", "true").WithoutCostRules();

    /// <summary>The PL9000 of a tool whose wire JSON is <paramref name="wireJson"/> (counted with o200k_base, no holes).</summary>
    public static DiagnosticResult Tool(int line, int column, string id, string wireJson)
    {
        var tokens = GptEncoding.GetEncoding("o200k_base").CountTokens(wireJson).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new DiagnosticResult("PL9000", DiagnosticSeverity.Info).WithLocation("/0/Test1.cs", line, column).WithArguments(id, tokens, tokens, "0", "o200k_base");
    }

    /// <summary>The cost rules as a user gets them: for what a recognizer says about output caps (PL0003).</summary>
    public static AnalyzerTest<PromptFootprintAnalyzer> Rules(string source)
        => new AnalyzerTest<PromptFootprintAnalyzer>().WithSdks().WithSource(source);
}
