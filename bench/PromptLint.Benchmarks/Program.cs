using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/PromptLint.Benchmarks -- --filter '*'
// Benchmarks run in-process: a generated out-of-process project would sit inside this repository and inherit its
// central package management, which it cannot restore with.
if (args.Length >= 2 && args[0] == "generate")
{
    // generate <directory> [promptlint-version]: the benchmark's project on disk, for bench/build-overhead.sh.
    PromptLint.Benchmarks.GeneratedProject.WriteTo(args[1], args.Length > 2 ? args[2] : null);
    return;
}

if (args.Length >= 2 && args[0] == "generate-files")
{
    // generate-files <directory> [promptlint-version]: 200 prompt files and no C#, for bench/build-overhead.sh.
    PromptLint.Benchmarks.GeneratedProject.WritePromptFilesTo(args[1], args.Length > 2 ? args[2] : null);
    return;
}

if (args.Length >= 1 && args[0] == "cold-count")
{
    // cold-count: what the first count costs in a fresh process (vocabulary load and first use), as a compiler without
    // the compiler server pays it; run it several times (bench/build-overhead.sh does).
    var clock = System.Diagnostics.Stopwatch.StartNew();
    var tokens = PromptLint.Counting.Tokenizers.TokenizerRegistry.Shared.Count("o200k_base", "You are a helpful assistant. Answer in one short paragraph.");
    var first = clock.Elapsed.TotalMilliseconds;
    Console.WriteLine($"first count {first:F1} ms (vocabulary load {PromptLint.Counting.Tokenizers.TokenizerRegistry.LoadMilliseconds("o200k_base")} ms), {tokens} tokens");
    return;
}

if (args.Length >= 1 && args[0] == "rule-scaling")
{
    // rule-scaling [runs]: rule time against prompt size on real agent prompts (issue 30), medians as Markdown.
    PromptLint.Benchmarks.RealPrompts.PrintScaling(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5);
    return;
}

if (args.Length >= 1 && args[0] == "analyzer-cpu")
{
    // analyzer-cpu [rounds] [files]: the analyzer's CPU on the generated project against the compiler's own (see
    // AnalyzerCpu); "files" switches the C# front end off (promptlint.analyze_code = false).
    PromptLint.Benchmarks.AnalyzerCpu.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 7, args.Length <= 2 || args[2] != "files");
    return;
}

if (args.Length >= 1 && args[0] == "analyzer-cold")
{
    // analyzer-cold [files]: the analyzer's first run in a fresh process, JIT grouped by namespace (see AnalyzerCold).
    PromptLint.Benchmarks.AnalyzerCold.Run(args.Length <= 1 || args[1] != "files");
    return;
}

if (args.Length >= 1 && args[0] == "meter-ab")
{
    // meter-ab [rounds] [sdk|none]: the meter against UseOpenTelemetry(), interleaved (issue 34; see bench/README.md).
    PromptLint.Benchmarks.MeterSdkInterleaved.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 15, args.Length <= 2 || args[2] != "none");
    return;
}

if (args.Length >= 1 && args[0] == "meter-stream")
{
    // meter-stream [calls]: bytes and CPU time per streaming call through the meter (issue 28 item 3; bench/README.md).
    PromptLint.Benchmarks.MeterStreamAllocations.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 200_000);
    return;
}

var arguments = args.Contains("--inProcess") ? args : args.Append("--inProcess").ToArray();
BenchmarkSwitcher.FromAssembly(typeof(PromptLint.Benchmarks.GeneratedProject).Assembly).Run(arguments);
