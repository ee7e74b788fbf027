using System.Text;
using BenchmarkDotNet.Attributes;
using PromptLint.Contracts.Baseline;
using PromptLint.Core.Checking;
using PromptLint.Core.Engine;
using PromptLint.Core.FrontEnds;
using PromptLint.Core.Rules;

namespace PromptLint.Benchmarks;

/// <summary>
/// The shape of the fuzz run's slowest Semantic Kernel inputs (issue 30, sk-yaml #702, #3081, #8435, seed 1): a
/// Handlebars <c>template: |</c> holding a pretty-printed JSON value of N settings, and the same JSON again as an input's
/// flow-style default; 0.75 M characters at 10,000 settings. <see cref="Check"/> is what <c>promptlint check</c> does
/// with the file; <see cref="Fixes"/> what the IDE's fixes and the fuzz target add (the cap, ASCII, whitespace and
/// minify fixes, each reading the file back). Each invocation gets a new text (one setting renamed), since rule results
/// and counts are cached by content. Time should grow linearly with N.
/// </summary>
[MemoryDiagnoser]
public class LargeJsonTemplateBenchmarks
{
    private string _text = string.Empty;
    private int _edit;

    [Params(2_500, 5_000, 10_000)]
    public int Settings { get; set; }

    [GlobalSetup]
    public void Setup() => _text = Shape(Settings);

    [Benchmark]
    public int Check()
    {
        var options = new PromptFileOptions(null, new RegressionPolicy(), new RuleSettings(), new PromptFileLimits());
        return PromptFileChecker.Check(new PromptFileCheckRequest("/bench/big.yaml", "big.yaml", Next(), options)).Findings.Count;
    }

    [Benchmark]
    public int Fixes()
    {
        var text = Next();
        const PromptFileKind kind = PromptFileKind.SemanticKernelYaml;
        return (PromptFileEdits.AddOutputCap(kind, text, 1024)?.Length ?? 0)
            + (PromptFileEdits.RewriteStaticText(kind, "/bench/big.yaml", text, CostlyCharacters.ToAscii)?.Length ?? 0)
            + (PromptFileEdits.RewriteStaticText(kind, "/bench/big.yaml", text, WhitespaceBloat.Collapse)?.Length ?? 0)
            + (PromptFileEdits.RewriteStaticText(kind, "/bench/big.yaml", text, PrettyJson.MinifyAll)?.Length ?? 0);
    }

    private string Next() => _text.Replace("\"s1\"", "\"s1e" + _edit++ + "\"", StringComparison.Ordinal);

    /// <summary>The Semantic Kernel YAML of <paramref name="settings"/> JSON settings, in the template and as an input's default.</summary>
    public static string Shape(int settings)
    {
        var values = new[] { "0", "-1", "[1]", "\"lots\"", "null", "1e309" };
        var json = new StringBuilder("{\n  \"execution_settings\": {\n");
        for (var i = 0; i < settings; i++)
        {
            json.Append("    \"s").Append(i).Append("\": { \"max_tokens\": ").Append(values[i % values.Length]).Append(i + 1 < settings ? " },\n" : " }\n");
        }

        json.Append("  }\n}");
        var yaml = new StringBuilder("name: Big\ntemplate_format: handlebars\ntemplate: |\n");
        foreach (var line in json.ToString().Split('\n'))
        {
            yaml.Append("  ").Append(line).Append('\n');
        }

        yaml.Append("input_variables:\n  - name: x\n    default: ").Append(json.ToString().Replace("\n", "\n    ", StringComparison.Ordinal)).Append('\n');
        return yaml.Append("execution_settings:\n  default:\n    temperature: 0\n").ToString();
    }
}
