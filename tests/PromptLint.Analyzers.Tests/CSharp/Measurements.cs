using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using SharpToken;

namespace PromptLint.Analyzers.Tests.CSharp;

/// <summary>What the front-end tests expect: PL9000 measurements of one source, counted with SharpToken.</summary>
internal static class Measurements
{
    private static readonly GptEncoding O200k = GptEncoding.GetEncoding("o200k_base");

    /// <summary>Static tokens of runs tokenized one by one, as PromptLint counts each run between holes.</summary>
    public static int Tokens(params string[] runs) => runs.Sum(r => O200k.CountTokens(r));

    /// <summary>Every prompt of <paramref name="source"/> reported as a PL9000 measurement, cost rules off.</summary>
    public static AnalyzerTest<PromptFootprintAnalyzer> Test(string source)
        => new AnalyzerTest<PromptFootprintAnalyzer>().WithSdks().WithSource(source).WithProperty("PromptLintEmitMeasurements", "true").WithoutCostRules();

    /// <summary>A PL9000 measurement: id, static tokens, prefix tokens, holes, tokenizer.</summary>
    public static DiagnosticResult Measured(int line, int column, string id, int staticTokens, int prefixTokens, int holes, string tokenizer = "o200k_base")
        => new DiagnosticResult("PL9000", DiagnosticSeverity.Info)
            .WithLocation("/0/Test1.cs", line, column)
            .WithArguments(id, staticTokens.ToString("N0", CultureInfo.InvariantCulture), prefixTokens.ToString("N0", CultureInfo.InvariantCulture), holes.ToString(CultureInfo.InvariantCulture), tokenizer);
}
