using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using PromptLint.Core.Baseline;
using PromptLint.Core.FrontEnds;
using PromptLint.Core.Measuring;
using PromptLint.Core.Model;
using PromptLint.Core.Pricing;
using PromptLint.Core.Reporting;
using PromptLint.Core.Tokenizers;

namespace PromptLint.Cli;

/// <summary>The work behind each command; Program only parses. Exit codes: 0 fine, 1 regression, 2 bad input.</summary>
internal static class Commands
{
    public const int Ok = 0;
    public const int Regressed = 1;
    public const int BadInput = 2;

    /// <summary>Counts a file (or standard input) exactly as the analyzer does: prompt files through their front end, other text whole.</summary>
    public static int Count(string path, string model, TextReader stdin, TextWriter output, TextWriter error)
    {
        string text;
        try
        {
            text = path == "-" ? stdin.ReadToEnd() : File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"promptlint: cannot read '{path}': {ex.Message}");
            return BadInput;
        }

        var choice = TokenizerRegistry.Shared.Resolve(model);
        var label = choice.Exact ? choice.Encoding : choice.Method;
        var kind = path == "-" ? PromptFileKind.Unknown : PromptFileKinds.Detect(path, text);
        if (kind is PromptFileKind.Unknown or PromptFileKind.SemanticKernelConfig)
        {
            output.WriteLine($"{N(TokenizerRegistry.Shared.Count(choice, text))} tokens ({label})");
            return Ok;
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        var input = new PromptFileInput(path, path.Replace('\\', '/'), text, name =>
        {
            var sibling = Path.Combine(directory, name);
            return File.Exists(sibling) ? (sibling, File.ReadAllText(sibling)) : null;
        });
        var result = PromptFileReader.Read(input, kind);
        foreach (var problem in result.Problems)
        {
            error.WriteLine($"{problem.Path}({problem.Line},{problem.Column}): warning {PromptLint.Core.Rules.RuleIds.MalformedPromptFile}: {problem.Message}");
        }

        foreach (var template in result.Templates)
        {
            var m = PromptMeasurer.Shared.Measure(template, model);
            output.WriteLine($"{m.Id}: {N(m.StaticTokens)} static tokens ({N(m.StaticPrefixTokens)} cacheable prefix, {N(m.Holes)} holes, {N(m.ToolSchemaTokens)} tool schema) with {m.Tokenizer} for {m.Model}");
        }

        return result.Templates.Count == 0 && result.Problems.Count > 0 ? BadInput : Ok;
    }

    /// <summary>Merges the reports of several projects into one Markdown comment with per-project subtotals.</summary>
    public static int Merge(IReadOnlyList<string> patterns, string? outputPath, double thresholdPercent, TextWriter output, TextWriter error)
    {
        var files = patterns.SelectMany(Expand).Distinct(StringComparer.Ordinal).OrderBy(f => f, StringComparer.Ordinal).ToList();
        if (files.Count == 0)
        {
            error.WriteLine("promptlint: no report.json matched " + string.Join(", ", patterns));
            return BadInput;
        }

        var reports = new List<(string File, FootprintReport Report)>();
        for (var i = 0; i < files.Count; i++)
        {
            error.WriteLine($"[{i + 1}/{files.Count}] {files[i]}");
            if (!TryRead(files[i], error, out var report))
            {
                return BadInput;
            }

            reports.Add((files[i], report));
        }

        var sb = new StringBuilder();
        var regressed = reports.SelectMany(r => RegressedIds(r.Report).Select(id => (r.Report.Project, Id: id))).ToList();
        var total = reports.Sum(r => r.Report.Prompts.Sum(p => (long)p.StaticTokens));
        sb.Append("## PromptLint footprint: ").Append(N(reports.Count)).Append(" projects\n\n");
        sb.Append(regressed.Count > 0
            ? $"❌ {N(regressed.Count)} regression{(regressed.Count == 1 ? string.Empty : "s")}: {string.Join(", ", regressed.Select(r => $"`{r.Id}` ({r.Project})"))}\n"
            : $"✅ {N(reports.Sum(r => r.Report.Prompts.Count))} prompts, {N(total)} tokens, no regression\n");
        sb.Append("\n| Project | Prompts | Tokens | Δ vs baseline | Regressions |\n|---|---:|---:|---:|---:|\n");
        foreach (var (_, report) in reports.OrderBy(r => r.Report.Project, StringComparer.Ordinal))
        {
            var delta = report.Prompts.Sum(p => (long)(p.Delta ?? (p.BaselineStaticTokens is null && report.Prompts.Any(q => q.Delta is not null) ? p.StaticTokens : 0)));
            sb.Append("| ").Append(report.Project).Append(" | ").Append(N(report.Prompts.Count)).Append(" | ").Append(N(report.Prompts.Sum(p => (long)p.StaticTokens)))
                .Append(" | ").Append(delta > 0 ? "+" : string.Empty).Append(N(delta)).Append(" | ").Append(N(RegressedIds(report).Count)).Append(" |\n");
        }

        foreach (var (_, report) in reports.OrderBy(r => r.Report.Project, StringComparer.Ordinal))
        {
            sb.Append("\n<details><summary>").Append(report.Project).Append("</summary>\n\n");
            sb.Append(ReportMarkdownWriter.Write(report, Array.Empty<BaselineEntry>(), RegressedIds(report), thresholdPercent, ModelCatalog.Shipped).Replace("## PromptLint footprint: ", "### "));
            sb.Append("\n</details>\n");
        }

        Emit(sb.ToString(), outputPath, output);
        return regressed.Count > 0 ? Regressed : Ok;
    }

    /// <summary>Compares two builds' reports (base branch, pull request); exit 1 when a prompt grew past the threshold.</summary>
    public static int Diff(string basePath, string headPath, double thresholdPercent, int minTokens, string? outputPath, TextWriter output, TextWriter error)
    {
        if (!TryRead(basePath, error, out var before) || !TryRead(headPath, error, out var after))
        {
            return BadInput;
        }

        var policy = new RegressionPolicy(thresholdPercent, minTokens);
        var baseline = before.Prompts.GroupBy(p => p.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var compared = new FootprintReport { Project = after.Project };
        var regressed = new List<string>();
        foreach (var prompt in after.Prompts)
        {
            var copy = Clone(prompt);
            if (baseline.TryGetValue(prompt.Id, out var old))
            {
                copy.BaselineStaticTokens = old.StaticTokens;
                copy.Delta = prompt.StaticTokens - old.StaticTokens;
                if (policy.Compare(old.StaticTokens, prompt.StaticTokens).IsRegression)
                {
                    regressed.Add(prompt.Id);
                }
            }
            else
            {
                copy.BaselineStaticTokens = null;
                copy.Delta = null;
            }

            compared.Prompts.Add(copy);
        }

        var removed = before.Prompts.Where(p => after.Prompts.All(q => q.Id != p.Id))
            .Select(p => new BaselineEntry(p.Id, p.Tokenizer, p.StaticTokens, p.StaticPrefixTokens, p.ToolSchemaTokens, string.Empty)).ToList();
        Emit(ReportMarkdownWriter.Write(compared, removed, regressed, thresholdPercent, ModelCatalog.Shipped), outputPath, output);
        return regressed.Count > 0 ? Regressed : Ok;
    }

    private static ReportPrompt Clone(ReportPrompt p) => new()
    {
        Id = p.Id, File = p.File, Line = p.Line, Role = p.Role, Model = p.Model, Tokenizer = p.Tokenizer, Exact = p.Exact,
        StaticTokens = p.StaticTokens, StaticPrefixTokens = p.StaticPrefixTokens, Holes = p.Holes, ToolSchemaTokens = p.ToolSchemaTokens,
        OutputCap = p.OutputCap, BaselineStaticTokens = p.BaselineStaticTokens, Delta = p.Delta, ContentHash = p.ContentHash,
    };

    private static IReadOnlyCollection<string> RegressedIds(FootprintReport report)
        => report.Diagnostics.Where(d => d.Id == PromptLint.Core.Rules.RuleIds.FootprintRegressed && d.PromptId is not null).Select(d => d.PromptId!).Distinct(StringComparer.Ordinal).ToList();

    private static bool TryRead(string path, TextWriter error, out FootprintReport report)
    {
        try
        {
            report = ReportJsonReader.Read(File.ReadAllText(path));
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            error.WriteLine($"promptlint: cannot use '{path}': {ex.Message}");
            report = new FootprintReport();
            return false;
        }
    }

    // A pattern is a file, a folder (searched for report.json) or a path with * and ** wildcards.
    private static IEnumerable<string> Expand(string pattern)
    {
        if (File.Exists(pattern))
        {
            return new[] { pattern };
        }

        if (Directory.Exists(pattern))
        {
            return Directory.EnumerateFiles(pattern, "report.json", SearchOption.AllDirectories);
        }

        var normalized = pattern.Replace('\\', '/');
        var firstWildcard = normalized.IndexOf('*');
        if (firstWildcard < 0)
        {
            return Array.Empty<string>();
        }

        var root = normalized.Substring(0, normalized.LastIndexOf('/', firstWildcard) + 1);
        var rootDirectory = root.Length == 0 ? "." : root;
        if (!Directory.Exists(rootDirectory))
        {
            return Array.Empty<string>();
        }

        var regex = Check.PromptWorkspace.Glob(normalized.Substring(root.Length));
        return Directory.EnumerateFiles(rootDirectory, "*", SearchOption.AllDirectories)
            .Where(f => regex.IsMatch(f.Replace('\\', '/').Substring(rootDirectory.Length).TrimStart('/')))
            .Select(f => f.Replace('\\', '/'));
    }

    private static void Emit(string markdown, string? outputPath, TextWriter output)
    {
        if (string.IsNullOrEmpty(outputPath))
        {
            output.Write(markdown);
        }
        else
        {
            File.WriteAllText(outputPath, markdown, new UTF8Encoding(false));
            output.WriteLine("promptlint: wrote " + outputPath);
        }
    }

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
