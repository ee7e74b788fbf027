using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Diagnostics.Tracing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using PromptLint.Analyzers;

namespace PromptLint.Benchmarks;

/// <summary>
/// <c>analyzer-cold [files]</c>: what PromptLint's first run costs in a fresh process, as a compiler without the
/// compiler server pays it on every build. The compiler's own binding runs first (so its JIT is out of the numbers),
/// then the analyzer once; the runtime's JIT events are grouped by the namespace of the method compiled, with the
/// methods and milliseconds each group cost. In the SDK's compiler Roslyn and the framework are precompiled, so only
/// the PromptLint, YamlDotNet and Microsoft.ML rows (and generic instantiations over their types) are paid there.
/// </summary>
public static class AnalyzerCold
{
    public static void Run(bool analyzeCode)
    {
        var template = GeneratedProject.Create();
        var options = GeneratedProject.Options(analyzeCode);
        template.WithAssemblyName("Warm").GetDiagnostics();
        template.WithAssemblyName("Warm2").GetDiagnostics();

        using var listener = new JitListener();
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        template.WithAssemblyName("Cold")
            .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new PromptFootprintAnalyzer()), options)
            .GetAllDiagnosticsAsync().GetAwaiter().GetResult();
        wall.Stop();
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds;
        Thread.Sleep(500); // let the listener drain

        Console.WriteLine($"first analysis: {wall.ElapsedMilliseconds} ms wall, {cpu:F0} ms CPU; {listener.Methods.Count} methods JIT-compiled, {listener.Methods.Sum(m => m.Ms):F0} ms in the JIT");
        Console.WriteLine();
        Console.WriteLine("| namespace | methods | JIT ms |");
        Console.WriteLine("|---|---:|---:|");
        foreach (var group in listener.Methods.GroupBy(m => Group(m.Namespace)).OrderByDescending(g => g.Sum(m => m.Ms)))
        {
            Console.WriteLine($"| {group.Key} | {group.Count()} | {group.Sum(m => m.Ms):F1} |");
        }

        Console.WriteLine();
        Console.WriteLine("Slowest 40 methods:");
        foreach (var method in listener.Methods.OrderByDescending(m => m.Ms).Take(40))
        {
            Console.WriteLine($"  {method.Ms,7:F2} ms  {method.Namespace}::{method.Name}");
        }

        var top = Environment.GetEnvironmentVariable("COLD_GROUP");
        if (!string.IsNullOrEmpty(top))
        {
            Console.WriteLine();
            Console.WriteLine($"Types in {top} by JIT ms:");
            foreach (var type in listener.Methods.Where(m => m.Namespace.StartsWith(top, StringComparison.Ordinal))
                         .GroupBy(m => TypeOf(m.Namespace)).OrderByDescending(g => g.Sum(m => m.Ms)).Take(60))
            {
                Console.WriteLine($"  {type.Sum(m => m.Ms),7:F1} ms {type.Count(),5}  {type.Key}");
            }
        }
    }

    private static string TypeOf(string ns)
    {
        var generic = ns.IndexOf('[', StringComparison.Ordinal);
        return generic > 0 ? ns[..generic] : ns;
    }

    private static string Group(string ns)
    {
        foreach (var prefix in new[] { "PromptLint.Analyzers", "PromptLint.Core", "PromptLint.Contracts", "PromptLint.Counting", "PromptLint.Reporting", "YamlDotNet", "Microsoft.ML", "Microsoft.CodeAnalysis", "System.Text.Json", "System.Text.RegularExpressions", "System.Linq", "System.Collections", "System" })
        {
            if (ns.StartsWith(prefix, StringComparison.Ordinal))
            {
                return prefix + (ns.Contains("[PromptLint", StringComparison.Ordinal) || ns.Contains("PromptLint.", StringComparison.Ordinal) && !prefix.StartsWith("PromptLint", StringComparison.Ordinal) ? " <PromptLint types>" : "");
            }
        }

        return ns.Length == 0 ? "(none)" : ns.Split('.')[0];
    }

    private sealed record Method(string Namespace, string Name, double Ms);

    private sealed class JitListener : EventListener
    {
        private readonly ConcurrentDictionary<long, (DateTime At, string Ns, string Name)> _started = new();
        public ConcurrentBag<Method> Methods { get; } = new();

        protected override void OnEventSourceCreated(EventSource source)
        {
            if (source.Name == "Microsoft-Windows-DotNETRuntime")
            {
                EnableEvents(source, EventLevel.Verbose, (EventKeywords)0x10); // JIT
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs e)
        {
            if (e.EventName == "MethodJittingStarted_V1" || e.EventName == "MethodJittingStarted")
            {
                var id = Convert.ToInt64(e.Payload![e.PayloadNames!.IndexOf("MethodID")], System.Globalization.CultureInfo.InvariantCulture);
                _started[id] = (e.TimeStamp, (string)e.Payload[e.PayloadNames.IndexOf("MethodNamespace")]!, (string)e.Payload[e.PayloadNames.IndexOf("MethodName")]!);
            }
            else if (e.EventName is not null && e.EventName.StartsWith("MethodLoadVerbose", StringComparison.Ordinal))
            {
                var id = Convert.ToInt64(e.Payload![e.PayloadNames!.IndexOf("MethodID")], System.Globalization.CultureInfo.InvariantCulture);
                if (_started.TryRemove(id, out var start))
                {
                    Methods.Add(new Method(start.Ns, start.Name, (e.TimeStamp - start.At).TotalMilliseconds));
                }
            }
        }
    }
}
