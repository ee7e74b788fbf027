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

    /// <summary>The cost rules as a user gets them: for what a recognizer says about output caps (PL0003).</summary>
    public static AnalyzerTest<PromptFootprintAnalyzer> Rules(string source)
        => new AnalyzerTest<PromptFootprintAnalyzer>().WithSdks().WithSource(source);
}
