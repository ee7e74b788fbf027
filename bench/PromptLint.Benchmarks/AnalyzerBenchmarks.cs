using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using PromptLint.Analyzers;

namespace PromptLint.Benchmarks;

/// <summary>
/// PromptLint's analysis of a generated 500-file, 200-prompt project next to the compilation's own work, with and
/// without the C# front end. Each iteration starts from a fresh compilation so no analyzer cache carries over
/// (the process-wide token-count cache does, as it does in the compiler server).
/// </summary>
[MemoryDiagnoser]
public class AnalyzerBenchmarks
{
    private CSharpCompilation _template = null!;

    [GlobalSetup]
    public void Setup()
    {
        _template = GeneratedProject.Create();
        var errors = _template.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("The generated project does not compile: " + errors[0]);
        }
    }

    private CSharpCompilation Fresh() => _template.WithAssemblyName("Generated" + Guid.NewGuid().ToString("N"));

    [Benchmark(Baseline = true, Description = "compiler diagnostics (binding)")]
    public int Compile() => Fresh().GetDiagnostics().Length;

    [Benchmark(Description = "PromptLint with the C# front end")]
    public int AnalyzeWithCSharpFrontEnd() => Analyze(analyzeCode: true);

    [Benchmark(Description = "PromptLint, prompt files only")]
    public int AnalyzeWithoutCSharpFrontEnd() => Analyze(analyzeCode: false);

    [Benchmark(Description = "PromptLint after editing one prompt file's C#")]
    public int AnalyzeAfterEdit() => Analyze(true, GeneratedProject.EditOneFile(Fresh()));

    private int Analyze(bool analyzeCode, CSharpCompilation? compilation = null)
    {
        var analyzers = (compilation ?? Fresh()).WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new PromptFootprintAnalyzer()), GeneratedProject.Options(analyzeCode));
        return analyzers.GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult().Length;
    }
}
