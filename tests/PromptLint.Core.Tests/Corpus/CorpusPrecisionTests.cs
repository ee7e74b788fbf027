using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using PromptLint.Contracts.Pricing;
using PromptLint.Contracts.Rules;
using PromptLint.Core.Engine;
using PromptLint.Core.FrontEnds;
using PromptLint.Core.Measuring;
using PromptLint.Core.Rules;
using PromptLint.Counting.Tokenizers;
using Xunit.Abstractions;

namespace PromptLint.Core.Tests.Corpus;

/// <summary>
/// Precision and recall of the token-waste rules (PL0010 and up) over the labelled prompt corpus in this folder. Labels in
/// <c>expected.json</c> are a reviewer's judgment, not the rules' output; see README.md. A false positive costs more trust
/// than a miss costs tokens, so precision is asserted (at least 95% per rule) and recall is only reported.
/// </summary>
public class CorpusPrecisionTests
{
    private const double MinPrecision = 0.95;
    private const int MinFiles = 50;

    // The project's default model when a file names none: what a consumer's build would measure with.
    private const string DefaultModel = "gpt-4o";

    private static readonly TokenizerRegistry Registry = new();

    private static readonly string CorpusDirectory = Path.Combine(
        typeof(CorpusPrecisionTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "PromptLintTestProjectDir").Value!,
        "Corpus");

    private readonly ITestOutputHelper _output;

    public CorpusPrecisionTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void Corpus_HasEnoughFilesAndEveryFileIsLabelled()
    {
        var files = CorpusFiles().Select(f => f.Id).ToList();
        var labelled = Expected().Keys.ToList();

        Assert.True(files.Count >= MinFiles, $"the corpus has {files.Count} prompt files; it needs at least {MinFiles}");
        Assert.Empty(files.Except(labelled, StringComparer.Ordinal).Select(f => "not in expected.json: " + f));
        Assert.Empty(labelled.Except(files, StringComparer.Ordinal).Select(f => "in expected.json but no such prompt file: " + f));
    }

    [Fact]
    public void Corpus_EveryFileReadsWithoutProblems()
    {
        var problems = CorpusFiles().SelectMany(f => Read(f).Problems.Select(p => $"{f.Id}({p.Line},{p.Column}): {p.Message}")).ToList();

        Assert.Empty(problems);
    }

    [Fact]
    public void WasteRules_KeepPrecisionAtLeast95PercentPerRule()
    {
        var expected = Expected();
        var implemented = ImplementedRuleIds();
        var found = CorpusFiles().ToDictionary(f => f.Id, Findings, StringComparer.Ordinal);

        var rules = expected.Values.SelectMany(v => v).Concat(found.Values.SelectMany(v => v.Keys))
            .Where(IsWasteRule).Distinct(StringComparer.Ordinal).OrderBy(r => r, StringComparer.Ordinal).ToList();
        var scores = rules.Select(rule => Score(rule, implemented.Contains(rule), expected, found)).ToList();

        var report = Report(scores, found);
        _output.WriteLine(report);
        var reportPath = Path.Combine(AppContext.BaseDirectory, "corpus-report.md");
        File.WriteAllText(reportPath, report);
        _output.WriteLine("Report written to " + reportPath);

        var failing = scores.Where(s => s.Implemented && s.Precision is { } p && p < MinPrecision)
            .Select(s => $"{s.Rule}: precision {Percent(s.Precision)} < {Percent(MinPrecision)}; false positives: {string.Join(", ", s.FalsePositives.Select(f => f.File))}")
            .ToList();
        Assert.True(failing.Count == 0, string.Join(Environment.NewLine, failing));
    }

    private sealed record CorpusFile(string Id, string Path, PromptFileKind Kind);

    private sealed record Miss(string File, string? Message);

    private sealed record RuleScore(string Rule, bool Implemented, int Expected, int Found, int TruePositives, IReadOnlyList<Miss> FalsePositives, IReadOnlyList<Miss> FalseNegatives)
    {
        public double? Precision => Found == 0 ? null : (double)TruePositives / Found;

        public double? Recall => Expected == 0 ? null : (double)TruePositives / Expected;
    }

    private static RuleScore Score(string rule, bool implemented, IReadOnlyDictionary<string, string[]> expected, IReadOnlyDictionary<string, Dictionary<string, string>> found)
    {
        var files = expected.Keys.Union(found.Keys, StringComparer.Ordinal).OrderBy(f => f, StringComparer.Ordinal).ToList();
        var labelled = files.Where(f => expected.TryGetValue(f, out var ids) && ids.Contains(rule, StringComparer.Ordinal)).ToList();
        var reported = files.Where(f => found.TryGetValue(f, out var ids) && ids.ContainsKey(rule)).ToList();
        var falsePositives = reported.Except(labelled, StringComparer.Ordinal).Select(f => new Miss(f, found[f][rule])).ToList();
        var falseNegatives = implemented ? labelled.Except(reported, StringComparer.Ordinal).Select(f => new Miss(f, null)).ToList() : new List<Miss>();
        return new RuleScore(rule, implemented, labelled.Count, reported.Count, reported.Intersect(labelled, StringComparer.Ordinal).Count(), falsePositives, falseNegatives);
    }

    private static string Report(IReadOnlyList<RuleScore> scores, IReadOnlyDictionary<string, Dictionary<string, string>> found)
    {
        var b = new StringBuilder();
        b.Append("# Token-waste rules on the prompt corpus\n\n");
        b.Append(CultureInfo.InvariantCulture, $"{found.Count} prompt files, default model {DefaultModel}, default rule settings. Precision must be at least {Percent(MinPrecision)} per rule; recall is reported only.\n\n");
        b.Append("| rule | expected | found | true positives | false positives | false negatives | precision | recall |\n");
        b.Append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        foreach (var s in scores)
        {
            if (!s.Implemented)
            {
                b.Append(CultureInfo.InvariantCulture, $"| {s.Rule} | {s.Expected} | - | - | - | - | not implemented | not implemented |\n");
                continue;
            }

            b.Append(CultureInfo.InvariantCulture, $"| {s.Rule} | {s.Expected} | {s.Found} | {s.TruePositives} | {s.FalsePositives.Count} | {s.FalseNegatives.Count} | {Percent(s.Precision)} | {Percent(s.Recall)} |\n");
        }

        var misses = scores.Where(s => s.FalsePositives.Count + s.FalseNegatives.Count > 0).ToList();
        if (misses.Count > 0)
        {
            b.Append("\n## Disagreements with the labels\n\n");
            foreach (var s in misses)
            {
                foreach (var fp in s.FalsePositives)
                {
                    b.Append(CultureInfo.InvariantCulture, $"- {s.Rule} false positive in `{fp.File}`: {fp.Message}\n");
                }

                foreach (var fn in s.FalseNegatives)
                {
                    b.Append(CultureInfo.InvariantCulture, $"- {s.Rule} false negative in `{fn.File}`\n");
                }
            }
        }

        b.Append("\n## Every finding\n\n");
        foreach (var (file, findings) in found.Where(f => f.Value.Count > 0).OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            foreach (var (rule, message) in findings.OrderBy(f => f.Key, StringComparer.Ordinal))
            {
                b.Append(CultureInfo.InvariantCulture, $"- `{file}` {rule}: {message}\n");
            }
        }

        return b.ToString();
    }

    private static string Percent(double? value) => value is { } v ? v.ToString("P1", CultureInfo.InvariantCulture) : "n/a";

    [Fact]
    public void FixableFindings_TheFileFixSavesExactlyThePromisedTokens()
    {
        var rewrites = new Dictionary<string, Func<string, string>>(StringComparer.Ordinal)
        {
            [RuleIds.CostlyCharacters] = CostlyCharacters.ToAscii,
            [RuleIds.WhitespaceBloat] = WhitespaceBloat.Collapse,
            [RuleIds.PrettyJson] = PrettyJson.MinifyAll,
        };
        var applied = new List<string>();
        var notOffered = new List<string>();
        foreach (var file in CorpusFiles())
        {
            var text = File.ReadAllText(file.Path);
            var templates = Read(file).Templates;
            var findings = templates.SelectMany(t => CostRules.Evaluate(t, new PromptMeasurer(Registry).Measure(t, DefaultModel), ModelCatalog.Shipped, new RuleSettings(), Registry)).ToList();
            foreach (var (id, rewrite) in rewrites)
            {
                var promised = findings.Where(f => f.RuleId == id).Sum(f => f.TokensSaved ?? 0);
                if (promised == 0)
                {
                    continue;
                }

                var edited = PromptFileEdits.RewriteStaticText(file.Kind, file.Path, text, rewrite);
                if (edited is null)
                {
                    notOffered.Add($"{file.Id} {id}");
                    continue;
                }

                var after = PromptFileReader.Read(new PromptFileInput(file.Path, file.Id, edited), file.Kind).Templates;
                Assert.Equal(
                    templates.Sum(t => new PromptMeasurer(Registry).Measure(t, DefaultModel).StaticTokens) - promised,
                    after.Sum(t => new PromptMeasurer(Registry).Measure(t, DefaultModel).StaticTokens));
                Assert.DoesNotContain(CostRules.Evaluate(after[0], new PromptMeasurer(Registry).Measure(after[0], DefaultModel), ModelCatalog.Shipped, new RuleSettings(), Registry), f => f.RuleId == id);
                applied.Add($"{file.Id} {id}");
            }
        }

        _output.WriteLine("fixed: " + string.Join(", ", applied));
        _output.WriteLine("no fix offered: " + string.Join(", ", notOffered));

        // Every finding of these rules in the corpus sits in text the file fix can rewrite (plain templates, .prompty
        // bodies, literal YAML blocks): a fix that is not offered there is a regression.
        Assert.Empty(notOffered);
        Assert.NotEmpty(applied);
    }

    // Findings of the token-waste rules for one file, by rule id (the first message of each rule, for the report).
    private static Dictionary<string, string> Findings(CorpusFile file)
    {
        var findings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var template in Read(file).Templates)
        {
            var measurement = new PromptMeasurer(Registry).Measure(template, DefaultModel);
            foreach (var finding in CostRules.Evaluate(template, measurement, ModelCatalog.Shipped, new RuleSettings(), Registry).Where(f => IsWasteRule(f.RuleId)))
            {
                findings.TryAdd(finding.RuleId, finding.Message);
            }
        }

        return findings;
    }

    // Read the way a build reads an additional file: decoded text without the byte order mark, line endings as written.
    private static PromptFileResult Read(CorpusFile file)
    {
        var directory = Path.GetDirectoryName(file.Path)!;
        (string Path, string Text)? Companion(string name)
        {
            var path = Path.Combine(directory, name);
            return File.Exists(path) ? (path, File.ReadAllText(path)) : null;
        }

        return PromptFileReader.Read(new PromptFileInput(file.Path, file.Id, File.ReadAllText(file.Path), Companion), file.Kind);
    }

    // Prompt files live in the kind folders; README.md, expected.json and this test at the top level are not prompts,
    // and a config.json is read with the skprompt.txt beside it.
    private static IReadOnlyList<CorpusFile> CorpusFiles()
        => Directory.EnumerateFiles(CorpusDirectory, "*", SearchOption.AllDirectories)
            .Select(path => (Path: path, Id: Path.GetRelativePath(CorpusDirectory, path).Replace('\\', '/')))
            .Where(f => f.Id.Contains('/'))
            .Select(f => new CorpusFile(f.Id, f.Path, PromptFileKinds.Detect(f.Id, File.ReadAllText(f.Path))))
            .Where(f => f.Kind is not (PromptFileKind.Unknown or PromptFileKind.SemanticKernelConfig))
            .OrderBy(f => f.Id, StringComparer.Ordinal)
            .ToList();

    private static IReadOnlyDictionary<string, string[]> Expected()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(CorpusDirectory, "expected.json")));
        return document.RootElement.EnumerateObject().ToDictionary(
            p => p.Name,
            p => p.Value.EnumerateArray().Select(id => id.GetString()!).ToArray(),
            StringComparer.Ordinal);
    }

    // Rule ids CostRules declares as public constants; a labelled rule that is not among them is reported as not implemented.
    private static HashSet<string> ImplementedRuleIds()
        => typeof(CostRules).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .Where(id => Regex.IsMatch(id, @"^PL\d{4}$"))
            .ToHashSet(StringComparer.Ordinal);

    // Rules numbered PL0010 and up that judge settings, not the prompt's words: the corpus holds no labels for them.
    // PL0020 compares the model a prompt is measured for with the model it is sent to.
    private static readonly HashSet<string> NotContentRules = new(StringComparer.Ordinal) { "PL0020" };

    // PL0001–PL0009 (baseline, caps, caching, budgets, context, tool footprint) are not content rules and are not scored;
    // a new content rule from PL0010 up is scored as soon as CostRules declares it.
    private static bool IsWasteRule(string id)
        => id.Length == 6 && id.StartsWith("PL", StringComparison.Ordinal) && int.TryParse(id.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            && n >= 10 && n < 100 && !NotContentRules.Contains(id);
}
