using System.Text;
using PromptLint.Contracts.Pricing;
using PromptLint.Core.Engine;
using PromptLint.Core.FrontEnds;
using PromptLint.Core.Measuring;
using PromptLint.Core.Model;
using PromptLint.Core.Rules;
using PromptLint.Core.Tests.Rules;
using PromptLint.Counting.Tokenizers;
using YamlDotNet.RepresentationModel;

namespace PromptLint.Core.Tests.FrontEnds;

/// <summary>
/// Issue 30, sk-yaml #702, #3081 and #8435 of the long fuzz run (seed 1): a 0.75 M-character Semantic Kernel YAML whose
/// Handlebars template is a 10,000-entry JSON value, with the same JSON again as an input's flow-style default, took
/// 1.0–1.2 s per input. The front end built 40,000 YAML nodes nobody reads (five times per input with the fixes), PL0012
/// scanned the template for blocks three times, and PL0019 tried its amount expression on every JSON line. These tests
/// count that work, never the time it takes.
/// </summary>
public class SemanticKernelLargeJsonWorkTests
{
    private const int Entries = 10_000;

    [Fact]
    public void TenThousandEntryInputDefault_FrontEndBuildsOnlyTheKeysItReads()
    {
        var text = SkYaml(Entries, cap: true);

        var (result, nodes) = CountingNodes(() => PromptFileReader.Read(new PromptFileInput("p/big.yaml", "p/big.yaml", text), PromptFileKind.SemanticKernelYaml));

        Assert.Empty(result.Problems);
        var template = Assert.Single(result.Templates);
        Assert.Equal(100, template.OutputCap);
        Assert.StartsWith("{\n  \"execution_settings\": {\n    \"s0\"", template.Messages[0].Segments[0].Text, StringComparison.Ordinal);
        Assert.True(nodes < 100, $"{nodes} YAML nodes built; the whole document has over 40,000");
    }

    [Fact]
    public void TenThousandEntryInputDefault_WholeDocumentHasTheNodesTheFilterSaves()
    {
        // The contrast that makes the test above mean something: the shape really is 40,000 nodes when built whole.
        var whole = YamlHelpers.LoadMapping(SkYaml(Entries, cap: true), "p/big.yaml", 0, 64, new List<PromptFileProblem>(), "the prompt YAML")!;

        Assert.True(whole.AllNodes.Count() > 40_000);
    }

    [Theory]
    [InlineData("cap")]
    [InlineData("ascii")]
    [InlineData("whitespace")]
    [InlineData("minify")]
    public void TenThousandEntryInputDefault_FixesBuildOnlyTheKeysTheyRead(string fix)
    {
        var text = SkYaml(Entries, cap: fix != "cap");

        var (edited, nodes) = CountingNodes(() => fix switch
        {
            "cap" => PromptFileEdits.AddOutputCap(PromptFileKind.SemanticKernelYaml, text, 1024),
            "ascii" => PromptFileEdits.RewriteStaticText(PromptFileKind.SemanticKernelYaml, "p/big.yaml", text, CostlyCharacters.ToAscii),
            "whitespace" => PromptFileEdits.RewriteStaticText(PromptFileKind.SemanticKernelYaml, "p/big.yaml", text, WhitespaceBloat.Collapse),
            _ => PromptFileEdits.RewriteStaticText(PromptFileKind.SemanticKernelYaml, "p/big.yaml", text, PrettyJson.MinifyAll),
        });

        Assert.True(nodes < 300, $"{fix}: {nodes} YAML nodes built");
        if (fix is "cap" or "minify")
        {
            Assert.NotNull(edited);
        }
    }

    [Fact]
    public void InvalidYamlInALargeSkippedInput_IsParsedOnce_AndReportedAsTheWholeDocumentReportsIt()
    {
        // The parser fails under the filter at the event the whole load fails at: loading it again gives nothing new.
        var text = SkYaml(Entries, cap: true).Replace("execution_settings:\n  default:", "execution_settings: [\n  default:", StringComparison.Ordinal);

        var (result, parses) = CountingParses(() => PromptFileReader.Read(new PromptFileInput("p/big.yaml", "p/big.yaml", text), PromptFileKind.SemanticKernelYaml));

        var problem = Assert.Single(result.Problems);
        var whole = new List<PromptFileProblem>();
        YamlHelpers.LoadMapping(text, "p/big.yaml", 0, 64, whole, "the prompt YAML");
        Assert.Equal(Assert.Single(whole).Message, problem.Message);
        Assert.Equal(1, parses);
    }

    [Theory]
    [InlineData("a JSON array, not a mapping", "[{\"type\": \"function\"}, {\"type\": \"function\"}]\n", 1)]
    [InlineData("aliases in a skipped value (the filter gives up and loads it whole)", "template: hi\nanchor: &a x\nitems:\n  - *a\n  - *a\n", 2)]
    [InlineData("no settings: the cap goes after everything, which only the whole document tells", "template: hi\ninput_variables:\n  - name: x\n", 2)]
    [InlineData("settings: only they are built", "template: hi\ninput_variables:\n  - name: x\nexecution_settings:\n  default:\n    temperature: 0\n", 1)]
    public void CapFix_ParsesTheFileAtMostTwice(string shape, string text, int expected)
    {
        var (_, parses) = CountingParses(() => PromptFileEdits.AddOutputCap(PromptFileKind.SemanticKernelYaml, text, 100));

        Assert.True(parses == expected, $"{shape}: {parses} parses");
    }

    [Fact]
    public void CapFix_WithDefaultSettingsAfterALargeInput_GoesIntoTheDefaultSettings()
    {
        var text = "name: S\ntemplate: |\n  Say hi.\ninput_variables:\n  - name: x\n    default: {\"a\": [1, 2], \"b\": {\"c\": 3}}\nexecution_settings:\n  default:\n    temperature: 0\n";

        var edited = PromptFileEdits.AddOutputCap(PromptFileKind.SemanticKernelYaml, text, 256);

        Assert.Equal(text.Replace("temperature: 0\n", "temperature: 0\n    max_tokens: 256\n", StringComparison.Ordinal), edited);
    }

    [Fact]
    public void CapFix_WithoutSettings_GoesAfterEveryOtherKeyEvenALargeInput()
    {
        // No execution_settings: the cap is appended after the last line of the document, which only the whole
        // document's nodes tell (the filtered load stands for the skipped input as one scalar).
        var text = "name: S\ntemplate: |\n  Say hi.\ninput_variables:\n  - name: x\n    default:\n      a: 1\n      b:\n        - 2\n\n";

        var edited = PromptFileEdits.AddOutputCap(PromptFileKind.SemanticKernelYaml, text, 256);

        Assert.Equal("name: S\ntemplate: |\n  Say hi.\ninput_variables:\n  - name: x\n    default:\n      a: 1\n      b:\n        - 2\nexecution_settings:\n  default:\n    max_tokens: 256\n\n", edited);
    }

    [Fact]
    public void TenThousandEntryJsonTemplate_PrettyJsonScansTheTemplateOnce()
    {
        var template = Read(SkYaml(Entries, cap: true));
        var scans = new List<int>();
        PrettyJson.BlockScans.Value = length => scans.Add(length);
        try
        {
            var findings = Evaluate(template);

            var finding = Assert.Single(findings, f => f.RuleId == "PL0012");
            Assert.Contains("1 pretty-printed JSON block", finding.Message, StringComparison.Ordinal);
        }
        finally
        {
            PrettyJson.BlockScans.Value = null;
        }

        // The rule counts the blocks, measures the minified text and points at the first block: one scan of the
        // template (it was three), and only short texts besides it.
        Assert.Equal(1, scans.Count(l => l > 100_000));
    }

    [Fact]
    public void TenThousandJsonLinesInTheTemplate_NeverTryTheAmountExpression()
    {
        var template = Read(SkYaml(Entries, cap: true));
        var tries = 0;
        DeadInstructions.AmountTests.Value = () => tries++;
        try
        {
            Evaluate(template);
        }
        finally
        {
            DeadInstructions.AmountTests.Value = null;
        }

        // Every line holds a digit, none starts with an instruction verb: the costly expression is never needed.
        Assert.Equal(0, tries);
    }

    [Fact]
    public void AmountInstructionsAmongJsonLines_AreStillTriedAndContradictionFound()
    {
        var template = Read(SkYaml(1_000, cap: true, prose: "Keep the answer under 200 words.\nKeep the answer under 120 words.\n"));
        var tries = 0;
        DeadInstructions.AmountTests.Value = () => tries++;
        IReadOnlyList<RuleFinding> findings;
        try
        {
            findings = Evaluate(template);
        }
        finally
        {
            DeadInstructions.AmountTests.Value = null;
        }

        Assert.Equal(2, tries);
        var finding = Assert.Single(findings, f => f.RuleId == "PL0019");
        Assert.Contains("under 200 words", finding.Message, StringComparison.Ordinal);
    }

    private static PromptTemplate Read(string text)
        => Assert.Single(PromptFileReader.Read(new PromptFileInput("p/big.yaml", "p/big.yaml", text), PromptFileKind.SemanticKernelYaml).Templates);

    private static IReadOnlyList<RuleFinding> Evaluate(PromptTemplate template)
    {
        var registry = new TokenizerRegistry();
        return CostRules.Evaluate(template, new PromptMeasurer(registry).Measure(template, null), ModelCatalog.Shipped, new RuleSettings(), registry);
    }

    private static (T Result, int Parses) CountingParses<T>(Func<T> run)
    {
        var parses = 0;
        YamlHelpers.Parsing.Value = () => parses++;
        try
        {
            return (run(), parses);
        }
        finally
        {
            YamlHelpers.Parsing.Value = null;
        }
    }

    private static (T Result, int Nodes) CountingNodes<T>(Func<T> run)
    {
        var nodes = 0;
        YamlHelpers.Loaded.Value = stream => nodes += stream.Documents.Sum(d => d.AllNodes.Count());
        try
        {
            return (run(), nodes);
        }
        finally
        {
            YamlHelpers.Loaded.Value = null;
        }
    }

    // The fuzz inputs' shape: a Handlebars template holding a pretty-printed JSON value of many settings, then an input
    // whose default is the same JSON written as a YAML flow mapping, then the settings.
    private static string SkYaml(int entries, bool cap, string prose = "")
    {
        var values = new[] { "0", "-1", "[1]", "\"lots\"", "null", "1e309" };
        var json = new StringBuilder("{\n  \"execution_settings\": {\n");
        for (var i = 0; i < entries; i++)
        {
            json.Append("    \"s").Append(i).Append("\": { \"max_tokens\": ").Append(values[i % values.Length]).Append(i + 1 < entries ? " },\n" : " }\n");
        }

        json.Append("  }\n}");
        var yaml = new StringBuilder("name: Big\ntemplate_format: handlebars\ntemplate: |\n");
        foreach (var line in (prose + json).Split('\n'))
        {
            yaml.Append("  ").Append(line).Append('\n');
        }

        yaml.Append("input_variables:\n  - name: x\n    default: ").Append(json.ToString().Replace("\n", "\n    ", StringComparison.Ordinal)).Append('\n');
        yaml.Append(cap ? "execution_settings:\n  default:\n    max_tokens: 100\n" : "execution_settings:\n  default:\n    temperature: 0\n");
        return yaml.ToString();
    }
    [Fact]
    public void TemplateOfManyHolesOnOneLine_PrettyJsonScansNoneOfItsPieces()
    {
        // 20,000 holes on one line (the fuzz harness's bytes target: 100,000 of them took PL0012 a quarter of a second,
        // a weak-table entry per piece): a piece without a line break holds no block the rule reports, so none is scanned.
        var segments = new List<PromptSegment> { PromptSegment.Static("You are a helpful assistant.\n\n") };
        for (var i = 0; i < 20_000; i++)
        {
            segments.Add(PromptSegment.Hole("x"));
            segments.Add(PromptSegment.Static(" "));
        }

        var scans = new List<int>();
        PrettyJson.BlockScans.Value = length => scans.Add(length);
        try
        {
            Assert.Empty(StaticTextRule.Findings("PL0012", null, segments.ToArray()));
        }
        finally
        {
            PrettyJson.BlockScans.Value = null;
        }

        Assert.True(scans.Count <= 1, $"{scans.Count} scans");
    }
}
