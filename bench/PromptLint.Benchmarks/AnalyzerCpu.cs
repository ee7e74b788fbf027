using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using PromptLint.Analyzers;

namespace PromptLint.Benchmarks;

/// <summary>
/// <c>analyzer-cpu [rounds]</c>: the CPU time PromptLint's analyzer adds to the compiler's own binding of the generated
/// 500-file project, in process, as interleaved rounds (compile alone, then compile with the analyzer, each on a fresh
/// compilation). CPU time summed over threads, so it holds up on a busy machine better than a build's wall time; used to
/// find which commit made the build slower (bench/README.md). Prints the median of the per-round differences.
/// </summary>
public static class AnalyzerCpu
{
    public static void Run(int rounds, bool analyzeCode = true)
    {
        var template = GeneratedProject.Create();
        var options = GeneratedProject.Options(analyzeCode);
        CSharpCompilation Fresh() => template.WithAssemblyName("Generated" + Guid.NewGuid().ToString("N"));

        // One warm-up of each so JIT is out of the numbers (the compiler server is warm too).
        Compile(Fresh());
        Analyze(Fresh(), options);
        var added = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            var alone = Cpu(() => Compile(Fresh()));
            var with = Cpu(() => Analyze(Fresh(), options));
            added.Add(with - alone);
            Console.WriteLine($"round {round + 1}/{rounds}: compile {alone:F0} ms CPU, with PromptLint {with:F0} ms CPU (+{with - alone:F0})");
        }

        Console.WriteLine($"median: PromptLint adds {Median(added):F0} ms CPU");
    }

    private static void Compile(CSharpCompilation compilation) => compilation.GetDiagnostics();

    private static void Analyze(CSharpCompilation compilation, AnalyzerOptions options)
        => compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new PromptFootprintAnalyzer()), options).GetAllDiagnosticsAsync().GetAwaiter().GetResult();

    private static double Cpu(Action action)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var process = Process.GetCurrentProcess();
        var before = process.TotalProcessorTime;
        action();
        process.Refresh();
        return (process.TotalProcessorTime - before).TotalMilliseconds;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
