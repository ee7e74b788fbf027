using BenchmarkDotNet.Attributes;
using PromptLint.Contracts.Baseline;
using PromptLint.Contracts.Rules;
using PromptLint.Core.Checking;
using PromptLint.Core.Engine;
using PromptLint.Core.FrontEnds;
using PromptLint.Credentials;

namespace PromptLint.Benchmarks;

/// <summary>
/// What the credential shapes (PL0021, issue 35) add to <c>promptlint check</c> on the real corpus, read in place from
/// <c>../shared/corpus/prompts</c> beside the clone: the per-file check of every corpus file as the CLI runs it, with
/// PL0021 on and off, and one scan of every file's whole text (an upper bound: the rule reads only static text).
/// Target: the added time under 5% of the check.
/// </summary>
[MemoryDiagnoser]
public class CredentialBenchmarks
{
    private (string Path, string Text, string? Kind)[] _files = Array.Empty<(string, string, string?)>();
    private PromptFileOptions _options = null!;

    // A copy of the shipped catalog: RuleResultCache remembers findings only for the shipped instance, and a CLI run
    // evaluates every prompt once, so each iteration must evaluate the rules again.
    private readonly PromptLint.Contracts.Pricing.ModelCatalog _catalog = PromptLint.Contracts.Pricing.ModelCatalog.Shipped.With(PromptLint.Contracts.Pricing.ModelCatalog.Shipped);

    [GlobalSetup]
    public void Setup()
    {
        var corpus = Corpus() ?? throw new InvalidOperationException("../shared/corpus/prompts beside the clone is missing: these benchmarks measure the real corpus.");
        _files = Directory.EnumerateFiles(corpus, "*", SearchOption.AllDirectories)
            .Where(p => !p.EndsWith("config.json", StringComparison.Ordinal))
            .OrderBy(p => p, StringComparer.Ordinal)
            .Select(p => (p, File.ReadAllText(p), Kind(p)))
            .ToArray();
        _options = new PromptFileOptions("gpt-4o", new RegressionPolicy(RegressionPolicy.DefaultThresholdPercent, RegressionPolicy.DefaultMinTokens), new RuleSettings(), PromptFileLimits.Default);
        CheckAll(null);
    }

    // Formats the CLI does not take by name are checked as it is told to check them (--kind text / --kind tools).
    private static string? Kind(string path) => Path.GetExtension(path) switch
    {
        ".j2" or ".jinja" or ".jinja2" or ".hbs" => "text",
        ".json" => "tools",
        _ => null,
    };

    private static string? Corpus()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PromptLint.sln")))
            {
                var corpus = Path.Combine(dir.FullName, "..", "shared", "corpus", "prompts");
                return Directory.Exists(corpus) ? corpus : null;
            }
        }

        return null;
    }

    private int CheckAll(IReadOnlyCollection<string>? off)
    {
        var findings = 0;
        foreach (var (path, text, kind) in _files)
        {
            var directory = Path.GetDirectoryName(path)!;
            var request = new PromptFileCheckRequest(path, Path.GetFileName(path), text, _options)
            {
                KindName = kind,
                Companions = name => File.Exists(Path.Combine(directory, name)) ? (Path.Combine(directory, name), File.ReadAllText(Path.Combine(directory, name))) : null,
                Off = off,
                Catalog = _catalog,
            };
            findings += PromptFileChecker.Check(request).Findings.Count;
        }

        return findings;
    }

    [Benchmark(Baseline = true, Description = "check every corpus file, PL0021 off")]
    public int CheckWithoutSecrets() => CheckAll(new[] { RuleIds.SecretInPrompt });

    [Benchmark(Description = "check every corpus file, PL0021 on")]
    public int CheckWithSecrets() => CheckAll(null);

    [Benchmark(Description = "credential shapes over every corpus file's whole text")]
    public int ScanWholeTexts()
    {
        var found = 0;
        foreach (var (_, text, _) in _files)
        {
            found += CredentialShapes.Find(text).Count;
        }

        return found;
    }
}
