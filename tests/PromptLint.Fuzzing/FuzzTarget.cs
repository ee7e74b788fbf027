using PromptLint.Contracts.Baseline;
using PromptLint.Contracts.Pricing;
using PromptLint.Contracts.Reporting;
using PromptLint.Core.Engine;
using PromptLint.Core.FrontEnds;
using PromptLint.Core.Measuring;
using PromptLint.Core.Rules;
using PromptLint.Counting.Tokenizers;
using PromptLint.Reporting;

namespace PromptLint.Fuzzing;

/// <summary>
/// One thing the fuzzer feeds: a prompt-file front end (with measuring, every rule and the prompt-file fixes behind
/// it), the baseline reader (with the reports built from it) or the model-data override reader. <see cref="Run"/> does
/// what the analyzer, the code fixes and the MSBuild task do with such a file; any exception is a crash.
/// </summary>
public sealed class FuzzTarget
{
    private FuzzTarget(string name, string fileName, PromptFileKind kind, string format, Func<string, bool> isSeed)
    {
        Name = name;
        FileName = fileName;
        Kind = kind;
        Format = format;
        IsSeed = isSeed;
    }

    /// <summary>Every target, in a fixed order (the order is part of each input's seed).</summary>
    public static IReadOnlyList<FuzzTarget> All { get; } = new[]
    {
        new FuzzTarget("prompty", "fuzz.prompty", PromptFileKind.Prompty, "yaml-front-matter", n => n.EndsWith(".prompty", StringComparison.OrdinalIgnoreCase)),
        new FuzzTarget("sk-yaml", "fuzz.yaml", PromptFileKind.SemanticKernelYaml, "yaml", n => n.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) && !n.EndsWith(".prompt.yaml", StringComparison.OrdinalIgnoreCase)),
        new FuzzTarget("skprompt", "skprompt.txt", PromptFileKind.SemanticKernelPrompt, "text", n => n.Equals("skprompt.txt", StringComparison.OrdinalIgnoreCase) || n.Equals("config.json", StringComparison.OrdinalIgnoreCase)),
        new FuzzTarget("github", "fuzz.prompt.yml", PromptFileKind.GitHubModels, "yaml", n => n.EndsWith(".prompt.yml", StringComparison.OrdinalIgnoreCase) || n.EndsWith(".prompt.yaml", StringComparison.OrdinalIgnoreCase)),
        new FuzzTarget("text", "fuzz.md", PromptFileKind.Text, "text", n => (n.EndsWith(".md", StringComparison.OrdinalIgnoreCase) || n.EndsWith(".txt", StringComparison.OrdinalIgnoreCase)) && !n.Equals("skprompt.txt", StringComparison.OrdinalIgnoreCase) && !n.Equals("README.md", StringComparison.OrdinalIgnoreCase)),
        new FuzzTarget("tools", "fuzz.tools.json", PromptFileKind.ToolSchema, "json", n => n.EndsWith(".tools.json", StringComparison.OrdinalIgnoreCase)),
        new FuzzTarget("baseline", "promptlint.baseline.json", PromptFileKind.Unknown, "json", n => n.Equals("promptlint.baseline.json", StringComparison.OrdinalIgnoreCase)),
        new FuzzTarget("model-data", "promptlint.models.json", PromptFileKind.Unknown, "json", n => n.EndsWith("models.json", StringComparison.OrdinalIgnoreCase)),

        // Issue 30: what promptlint check reads from disk, bytes first (last, so the other targets' inputs stay as they were).
        new FuzzTarget("bytes", "fuzz.txt", PromptFileKind.Text, "text", n => n.EndsWith(".md", StringComparison.OrdinalIgnoreCase) || n.EndsWith(".txt", StringComparison.OrdinalIgnoreCase)),
    };

    /// <summary>Short name used on the command line and in the results.</summary>
    public string Name { get; }

    /// <summary>The file name the input is given (front ends and fixes look at it).</summary>
    public string FileName { get; }

    /// <summary>The front end, or <see cref="PromptFileKind.Unknown"/> for the baseline and model-data readers.</summary>
    public PromptFileKind Kind { get; }

    /// <summary>What the file is made of (yaml, yaml-front-matter, json, text), which tells the generator where hostile parts fit.</summary>
    public string Format { get; }

    /// <summary>Whether a file of the repository (by name) is a seed for this target.</summary>
    public Func<string, bool> IsSeed { get; }

    /// <summary>Runs one input the way a build and the IDE would. Throws when PromptLint would crash.</summary>
    /// <param name="text">The input.</param>
    /// <param name="companion">For skprompt.txt, the config.json beside it (null: none).</param>
    /// <param name="registry">Tokenizers (the caller renews them now and then, so cached counts do not pile up).</param>
    public void Run(string text, string? companion, TokenizerRegistry registry)
    {
        switch (Name)
        {
            case "baseline":
                RunBaseline(text);
                return;
            case "model-data":
                ModelCatalog.Parse(text, out _);
                return;
        }

        if (Name == "bytes")
        {
            // The input as a file's bytes, in one of three ways chosen by its length: one byte per character up to U+00FF
            // (Windows-1252-like), UTF-8, or UTF-16 with its byte order mark. Text that decodes goes on to the reader.
            var bytes = (text.Length % 3) switch
            {
                0 => System.Text.Encoding.Latin1.GetBytes(text),
                1 => System.Text.Encoding.UTF8.GetBytes(text),
                _ => System.Text.Encoding.Unicode.GetPreamble().Concat(System.Text.Encoding.Unicode.GetBytes(text)).ToArray(),
            };
            var decoded = PromptFileDecoding.Decode("/fuzz/" + FileName, bytes);
            if (decoded.Text is null)
            {
                return;
            }

            text = decoded.Text;
        }

        var input = new PromptFileInput("/fuzz/" + FileName, FileName, text, name => name == "config.json" && companion is not null ? ("/fuzz/config.json", companion) : null);
        var result = PromptFileReader.Read(input, Kind);
        var measurer = new PromptMeasurer(registry);
        foreach (var template in result.Templates)
        {
            var measurement = measurer.Measure(template, null);
            CostRules.Evaluate(template, measurement, ModelCatalog.Shipped, new RuleSettings(), registry);
        }

        // The fixes the IDE offers on prompt files parse the file again, so they get the same input; a file refused as
        // too long has no finding they could fix.
        if (PromptFileReader.TooLong(input.Path, text.Length, input.Limits) is not null)
        {
            return;
        }

        PromptFileEdits.AddOutputCap(Kind, text, 1024);
        PromptFileEdits.RewriteStaticText(Kind, input.Path, text, CostlyCharacters.ToAscii);
        PromptFileEdits.RewriteStaticText(Kind, input.Path, text, WhitespaceBloat.Collapse);
        PromptFileEdits.RewriteStaticText(Kind, input.Path, text, PrettyJson.MinifyAll);
    }

    private static void RunBaseline(string text)
    {
        // What the task and the analyzer do with a committed baseline: read it, report against it, write it back.
        var baseline = BaselineSerializer.Parse(text);
        var report = new FootprintReport { Project = "fuzz" };
        foreach (var entry in baseline.Entries.Values)
        {
            report.Prompts.Add(new ReportPrompt
            {
                Id = entry.Id,
                File = entry.Id,
                Line = entry.Line,
                Tokenizer = entry.Tokenizer,
                StaticTokens = entry.StaticTokens,
                StaticPrefixTokens = entry.StaticPrefixTokens,
                ToolSchemaTokens = entry.ToolSchemaTokens,
                BaselineStaticTokens = entry.StaticTokens,
                Delta = 0,
                ContentHash = entry.ContentHash,
            });
        }

        ReportFiles.Render(report, baseline, ModelCatalog.Shipped, 10, html: true);
        BaselineSerializer.Write(baseline.Entries.Values);
    }
}
