using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using PromptLint.Analyzers;
using PromptLint.Contracts.Baseline;
using PromptLint.Core.Checking;
using PromptLint.Core.Engine;
using PromptLint.Counting.Tokenizers;

namespace PromptLint.Benchmarks;

/// <summary>
/// Rule time against prompt size on real text (issue 30): the agent prompts of the shared corpus (<c>*.agent.md</c>,
/// <c>*.instructions.md</c>, <c>*.prompt.md</c>, <c>AGENTS.md</c>, <c>SKILL.md</c>, read in place from
/// <c>../shared/corpus</c> beside the clone) concatenated in path order, and again from the start when they run out, to
/// 10k, 25k, 50k, 100k and 200k o200k tokens. Targets: a 100k-token prompt checked in at most 1 s, and at most 2.3×
/// the time when the prompt doubles.
/// </summary>
public static class RealPrompts
{
    public static readonly int[] Sizes = { 10_000, 25_000, 50_000, 100_000, 200_000 };

    private static readonly string[] AgentFiles = { ".agent.md", ".instructions.md", ".prompt.md", "AGENTS.md", "SKILL.md" };

    /// <summary>The shared corpus's prompts folder, found beside the clone; an exception naming where it looked otherwise.</summary>
    public static string CorpusPrompts()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "PromptLint.sln")))
        {
            directory = directory.Parent;
        }

        var prompts = directory is null ? null : Path.GetFullPath(Path.Combine(directory.FullName, "..", "shared", "corpus", "prompts"));
        return prompts is not null && Directory.Exists(prompts)
            ? prompts
            : throw new DirectoryNotFoundException($"The shared corpus is read in place at ../shared/corpus beside the clone; not found from {AppContext.BaseDirectory}.");
    }

    /// <summary>About <paramref name="tokens"/> o200k tokens of real agent prompts: whole files, then lines of the last one.</summary>
    public static string Build(int tokens)
    {
        var files = Directory.EnumerateFiles(CorpusPrompts(), "*", SearchOption.AllDirectories)
            .Where(f => AgentFiles.Any(a => Path.GetFileName(f).EndsWith(a, StringComparison.Ordinal)))
            .OrderBy(f => f, StringComparer.Ordinal)
            .Select(File.ReadAllText)
            .ToList();
        var text = new StringBuilder();
        var count = 0;
        for (var i = 0; count < tokens; i++)
        {
            var file = files[i % files.Count].TrimStart('\uFEFF') + "\n\n";
            var fileTokens = TokenizerRegistry.Shared.Count("o200k_base", file);
            if (count + fileTokens <= tokens)
            {
                text.Append(file);
                count += fileTokens;
                continue;
            }

            foreach (var line in file.Split('\n'))
            {
                if (count >= tokens)
                {
                    break;
                }

                text.Append(line).Append('\n');
                count += TokenizerRegistry.Shared.Count("o200k_base", line + "\n");
            }
        }

        return text.ToString();
    }

    /// <summary>The whole check of one Markdown prompt file: front end, measuring, every rule, as <c>promptlint check</c> does.</summary>
    public static PromptFileCheck Check(string text)
        => PromptFileChecker.Check(new PromptFileCheckRequest("/app/Prompts/agent.md", "Prompts/agent.md", text, PromptLintOptions.ForFile(_ => null, "gpt-4o", new RegressionPolicy(10, 50))));

    /// <summary>
    /// <c>dotnet run -c Release --project bench/PromptLint.Benchmarks -- rule-scaling [runs]</c>: the median of each size's
    /// runs and each rule's share, as Markdown for bench/README.md. Quicker than BenchmarkDotNet and what the targets need.
    /// </summary>
    public static void PrintScaling(int runs)
    {
        Console.WriteLine("| prompt | tokens measured | whole check, median ms | growth per doubling | slowest rules (median ms) |");
        Console.WriteLine("|---|---|---|---|---|");
        double? previous = null;
        var previousSize = 0;
        foreach (var size in Sizes)
        {
            var text = Build(size);
            var measured = Check(text).Prompts.Sum(p => p.Measurement.StaticTokens);
            var times = new List<double>();
            var perRule = new Dictionary<string, List<double>>();
            for (var run = 0; run <= runs; run++)
            {
                RuleTimings.Reset();
                RuleTimings.On = true;
                // A new text each run, as after an edit: the rules' results are cached per process by content.
                var edited = text + "\nRun " + run + ".\n";
                var clock = Stopwatch.StartNew();
                Check(edited);
                var elapsed = clock.Elapsed.TotalMilliseconds;
                RuleTimings.On = false;
                if (run == 0)
                {
                    continue; // the first run of a size warms up
                }

                times.Add(elapsed);
                foreach (var line in RuleTimings.Lines())
                {
                    var parts = line.Split(' ');
                    var name = string.Join(" ", parts.TakeWhile(p => !double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out _)));
                    var ms = double.Parse(parts[name.Split(' ').Length], CultureInfo.InvariantCulture);
                    (perRule.TryGetValue(name, out var list) ? list : perRule[name] = new()).Add(ms);
                }
            }

            var median = Median(times);
            var growth = previous is { } p ? Math.Pow(median / p, 1 / Math.Log(size / (double)previousSize, 2)) : (double?)null;
            var slowest = string.Join(", ", perRule.Select(r => (r.Key, Median: Median(r.Value))).OrderByDescending(r => r.Median).Take(4).Select(r => $"{r.Key} {r.Median:0}"));
            Console.WriteLine($"| {size / 1000}k | {measured:N0} | {median:0} | {(growth is { } g ? g.ToString("0.00", CultureInfo.InvariantCulture) + "×" : "")} | {slowest} |");
            previous = median;
            previousSize = size;
        }
    }

    private static double Median(List<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}

/// <summary>The same check under BenchmarkDotNet, and the IDE path: one analyzer run on the 100k-token prompt file.</summary>
[MemoryDiagnoser]
public class RealPromptBenchmarks
{
    private string _text = null!;

    [Params(10_000, 25_000, 50_000, 100_000, 200_000)]
    public int Tokens { get; set; }

    [GlobalSetup]
    public void Setup() => _text = RealPrompts.Build(Tokens);

    [Benchmark(Description = "promptlint check of one agent prompt file (front end, measuring, every rule)")]
    public int Check() => RealPrompts.Check(_text + "\nRun " + ++_run + ".\n").Findings.Count;

    private int _run;
}

/// <summary>
/// The IDE path (issue 30): the analyzer run the editor makes for one edited prompt file of 100k real tokens, with
/// <see cref="CompilationWithAnalyzers.GetAnalysisResultAsync(AdditionalText, CancellationToken)"/>.
/// </summary>
[MemoryDiagnoser]
public class LargePromptEditorBenchmarks
{
    private static readonly ImmutableArray<DiagnosticAnalyzer> Analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new PromptFootprintAnalyzer());
    private CSharpCompilation _compilation = null!;
    private string _text = null!;
    private int _edit;

    [GlobalSetup]
    public void Setup()
    {
        _text = RealPrompts.Build(100_000);
        _compilation = CSharpCompilation.Create("App", new[] { CSharpSyntaxTree.ParseText("class C { }") }, Basic.Reference.Assemblies.Net100.References.All, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        AnalyzeOnce();
    }

    [Benchmark(Description = "edit a 100k-token agent prompt file: one PromptLint analyzer run")]
    public int AnalyzeOnce()
    {
        // Each run sees a new text, as after a keystroke (and no cached rule result: those are keyed by content).
        var file = new PromptText("/app/Prompts/agent.md", _text + "\nEdit " + ++_edit + ".\n");
        var options = new AnalyzerOptions(ImmutableArray.Create<AdditionalText>(file), new Provider());
        return _compilation.WithAnalyzers(Analyzers, options).GetAnalysisResultAsync(file, CancellationToken.None).GetAwaiter().GetResult().GetAllDiagnostics().Length;
    }

    private sealed class PromptText(string path, string text) : AdditionalText
    {
        private readonly SourceText _text = SourceText.From(text, Encoding.UTF8);

        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }

    private sealed class Provider : AnalyzerConfigOptionsProvider
    {
        private static readonly AnalyzerConfigOptions File = new Options(new() { ["build_metadata.AdditionalFiles.PromptLintKind"] = "auto" });

        public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(new() { ["build_property.PromptLintAnalyzeCode"] = "true" });

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new Options(new());

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => File;

        private sealed class Options(Dictionary<string, string> values) : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
        }
    }
}
