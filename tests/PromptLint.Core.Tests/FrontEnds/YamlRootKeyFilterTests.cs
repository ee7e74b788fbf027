using System.Text;
using PromptLint.Core.FrontEnds;
using YamlDotNet.RepresentationModel;

namespace PromptLint.Core.Tests.FrontEnds;

/// <summary>
/// Issue 30, prompty #50 of the long fuzz run (seed 1): a 0.73 M-character <c>.prompty</c> whose front matter holds
/// 10,000 flow-style settings under <c>inputs</c> took 1.1 s, most of it building YAML nodes nobody reads, five times per
/// input. The Prompty front end and its cap fix now build only the keys they read; these tests hold the work to that
/// (nodes built, not time) and the results to what the whole document gives.
/// </summary>
public class YamlRootKeyFilterTests
{
    private static readonly string[] PromptyKeys = PromptyFrontEnd.ReadRootKeys.ToArray();

    private static readonly string[] SemanticKernelKeys = SemanticKernelFrontEnd.ReadRootKeys.ToArray();

    // Where real files are: the samples, the test corpus and the shared corpus read in place beside the clone.
    private static readonly string[] RealFileRoots =
    {
        Path.Combine(TestPaths.RepoRoot, "prompts-samples"),
        Path.Combine(TestPaths.ProjectDirectory, "Corpus"),
        Path.GetFullPath(Path.Combine(TestPaths.RepoRoot, "..", "shared", "corpus")),
    };

    [Fact]
    public void PromptyFrontMatterWithTenThousandInputSettings_BuildsOnlyTheKeysTheFrontEndReads()
    {
        var yaml = FrontMatter(10_000);

        var filtered = YamlHelpers.LoadMapping(yaml, "a.prompty", 1, 64, new List<PromptFileProblem>(), "the front matter", 1_000_000, PromptyKeys)!;
        var whole = YamlHelpers.LoadMapping(yaml, "a.prompty", 1, 64, new List<PromptFileProblem>(), "the front matter")!;

        Assert.True(whole.AllNodes.Count() > 40_000);
        Assert.True(filtered.AllNodes.Count() < 30, $"{filtered.AllNodes.Count()} nodes built");
        Assert.Equal("", Assert.IsType<YamlScalarNode>(YamlHelpers.Get(filtered, "inputs")).Value);
        AssertSameReadKeys(whole, filtered);
    }

    [Fact]
    public void PromptyWithTenThousandInputSettings_IsReadWithItsModelAndCap()
    {
        var text = "---\n" + FrontMatter(10_000) + "---\nsystem:\nYou triage tickets.\n\nuser:\n{{x}}\n";

        var result = PromptFileReader.Read(new PromptFileInput("p/a.prompty", "p/a.prompty", text), PromptFileKind.Prompty);

        Assert.Empty(result.Problems);
        var template = Assert.Single(result.Templates);
        Assert.Equal("gpt-4o", template.Model);
        Assert.Equal(100, template.OutputCap);
        Assert.Equal(123, template.Budget);
        Assert.Equal(6, template.ModelLocation!.Value.Line);
    }

    [Theory]
    [InlineData("anchor in a skipped value, used by model", "defaults: &d {max_tokens: 7}\nmodel:\n  api: chat\n  parameters: *d\n")]
    [InlineData("alias in a skipped value", "model: &m {api: chat}\ninputs:\n  copy: *m\n")]
    [InlineData("anchor defined after its use", "model:\n  parameters: *late\ninputs: {a: &late {max_tokens: 9}}\n")]
    [InlineData("duplicate key in a skipped value", "model: {api: chat}\ninputs:\n  a: 1\n  a: 2\n")]
    [InlineData("duplicate key in a skipped flow value", "model: {api: chat}\ninputs: [{a: 1, a: 2}]\n")]
    [InlineData("same key with different tags", "model: {api: chat}\ninputs: {!!str a: 1, a: 2}\n")]
    [InlineData("duplicate root key that is skipped", "inputs: {a: 1}\nmodel: {api: chat}\ninputs: {b: 2}\n")]
    [InlineData("complex key in a skipped value", "model: {api: chat}\ninputs:\n  ? [a, b]\n  : 1\n")]
    [InlineData("complex root key", "? [a]\n: 1\nmodel: {api: chat}\n")]
    [InlineData("invalid YAML in a skipped value", "model: {api: chat}\ninputs: {a: [1, 2}\n")]
    [InlineData("unknown alias in a skipped value", "model: {api: chat}\ninputs: [*nope]\n")]
    [InlineData("skipped sequence of mappings", "model:\n  api: chat\nsample:\n  - {role: user, content: hi}\n  - role: assistant\n    content: |\n      hello\npromptlint:\n  budget: 50\n")]
    [InlineData("root is a sequence", "- model\n- inputs\n")]
    [InlineData("nested deeper than the limit in a skipped value", "model: {api: chat}\ninputs: [[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]\n")]
    [InlineData("two documents", "model: {api: chat}\ninputs: {a: 1}\n...\n---\ninputs: {a: 1, a: 2}\n")]
    public void HostileFrontMatter_GivesWhatTheWholeDocumentGives(string shape, string yaml)
    {
        var problemsWhole = new List<PromptFileProblem>();
        var problemsFiltered = new List<PromptFileProblem>();

        var whole = YamlHelpers.LoadMapping(yaml, "a.prompty", 1, 16, problemsWhole, "the front matter");
        var filtered = YamlHelpers.LoadMapping(yaml, "a.prompty", 1, 16, problemsFiltered, "the front matter", 1_000_000, PromptyKeys);

        Assert.True(problemsWhole.Select(Describe).SequenceEqual(problemsFiltered.Select(Describe)), shape + ": " + string.Join(" | ", problemsFiltered.Select(Describe)));
        Assert.Equal(whole is null, filtered is null);
        if (whole is not null)
        {
            AssertSameReadKeys(whole, filtered!);
        }
    }

    [Fact]
    public void AliasBombInASkippedValue_IsStillRefused()
    {
        var yaml = "model: {api: chat}\ninputs:\n  a: &a [\"" + new string('x', 1_000) + "\"]\n  b: &b [" + string.Join(", ", Enumerable.Repeat("*a", 900)) + "]\n  c: [" + string.Join(", ", Enumerable.Repeat("*b", 900)) + "]\n";
        var problems = new List<PromptFileProblem>();

        YamlHelpers.LoadMapping(yaml, "a.prompty", 1, 64, problems, "the front matter", 1_000_000, PromptyKeys);

        Assert.Contains(problems, p => p.Message.Contains("aliases", StringComparison.Ordinal));
    }

    [Fact]
    public void EveryRealPromptyFile_ReadsTheSameWithTheFilter()
    {
        var roots = RealFileRoots;
        var files = roots.Where(Directory.Exists).SelectMany(r => Directory.EnumerateFiles(r, "*.prompty", SearchOption.AllDirectories)).OrderBy(f => f, StringComparer.Ordinal).ToList();

        // The shared corpus alone holds dozens; a missing corpus must fail here, not pass on nothing.
        Assert.True(files.Count >= 50, $"{files.Count} .prompty files found under {string.Join(", ", roots)}");
        foreach (var file in files)
        {
            var lines = File.ReadAllText(file).Replace("\r\n", "\n", StringComparison.Ordinal).TrimStart('\uFEFF').Split('\n');
            var open = Array.FindIndex(lines, l => l.Trim().Length > 0);
            var close = open < 0 || lines[open].Trim() != "---" ? -1 : Array.FindIndex(lines, open + 1, l => l.Trim() == "---");
            if (close < 0)
            {
                continue;
            }

            AssertFilterReadsTheSame(file, string.Join("\n", lines, open + 1, close - open - 1), open + 1, PromptyKeys);
        }
    }

    [Fact]
    public void EveryRealSemanticKernelYamlFile_ReadsTheSameWithTheFilter()
    {
        // Issue 30, sk-yaml #702: the Semantic Kernel front end filters too (its input_variables may be large).
        var roots = RealFileRoots;
        var files = roots.Where(Directory.Exists)
            .SelectMany(r => Directory.EnumerateFiles(r, "*.*", SearchOption.AllDirectories))
            .Where(f => (f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
                && File.ReadAllText(f).Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Any(l => l.StartsWith("template:", StringComparison.Ordinal)))
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToList();

        // 26 such files on 2026-12-07, most in the shared corpus: a missing corpus must fail here, not pass on nothing.
        Assert.True(files.Count >= 20, $"{files.Count} Semantic Kernel YAML files found under {string.Join(", ", roots)}");
        foreach (var file in files)
        {
            AssertFilterReadsTheSame(file, File.ReadAllText(file).Replace("\r\n", "\n", StringComparison.Ordinal), 0, SemanticKernelKeys);
        }
    }

    // A real file's YAML loaded whole and through the filter: the same problems, and the read keys the same nodes.
    private static void AssertFilterReadsTheSame(string file, string yaml, int lineOffset, string[] keys)
    {
        var problemsWhole = new List<PromptFileProblem>();
        var problemsFiltered = new List<PromptFileProblem>();
        var whole = YamlHelpers.LoadMapping(yaml, file, lineOffset, 64, problemsWhole, "the YAML");
        var filtered = YamlHelpers.LoadMapping(yaml, file, lineOffset, 64, problemsFiltered, "the YAML", 1_000_000, keys);

        Assert.True(problemsWhole.Select(Describe).SequenceEqual(problemsFiltered.Select(Describe)), file);
        Assert.Equal(whole is null, filtered is null);
        if (whole is not null)
        {
            AssertSameReadKeys(whole, filtered!, keys);
        }
    }

    // The keys a front end reads are the same nodes, with the same positions; every other root key is still there.
    private static void AssertSameReadKeys(YamlMappingNode whole, YamlMappingNode filtered) => AssertSameReadKeys(whole, filtered, PromptyKeys);

    private static void AssertSameReadKeys(YamlMappingNode whole, YamlMappingNode filtered, string[] keys)
    {
        Assert.Equal(whole.Children.Keys.Select(k => k.ToString()), filtered.Children.Keys.Select(k => k.ToString()));
        foreach (var key in keys)
        {
            var (a, b) = (YamlHelpers.Get(whole, key), YamlHelpers.Get(filtered, key));
            Assert.Equal(a is null, b is null);
            if (a is not null)
            {
                Assert.Equal(a, b);
                Assert.Equal(a.AllNodes.Select(n => (n.Start, n.End)), b!.AllNodes.Select(n => (n.Start, n.End)));
            }
        }
    }

    private static string Describe(PromptFileProblem p) => $"{p.Line}:{p.Column} {p.Message}";

    // The shape of the fuzz input: a model, a budget, and 10,000 flow-style settings under 'inputs'.
    private static string FrontMatter(int settings)
    {
        var values = new[] { "0", "-1", "[1]", "\"lots\"", "null", "1e309" };
        var yaml = new StringBuilder("name: fuzz\nmodel:\n  api: chat\n  configuration:\n    model: gpt-4o\n  parameters:\n    max_tokens: 100\npromptlint:\n  budget: 123\ninputs:\n  x: {\n  \"execution_settings\": {\n");
        for (var i = 0; i < settings; i++)
        {
            yaml.Append("    \"s").Append(i).Append("\": { \"max_tokens\": ").Append(values[i % values.Length]).Append(i + 1 < settings ? " },\n" : " }\n");
        }

        return yaml.Append("  }\n}\n").ToString();
    }
}
