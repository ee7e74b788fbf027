using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Text.Json;
using PromptLint.Contracts.Pricing;
using PromptLint.Contracts.Reporting;
using PromptLint.Contracts.Rules;
using PromptLint.Core.Checking;
using PromptLint.Core.Engine;
using PromptLint.Reporting;

using static PromptLint.Cli.Check.Counts;

namespace PromptLint.Cli.Check;

/// <summary>The output formats of <c>promptlint check</c>.</summary>
internal static class CheckOutput
{
    public static string Version { get; } = (typeof(CheckOutput).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0").Split('+')[0];

    public static string Render(CheckFormat format, CheckRun run, ModelCatalog catalog) => format switch
    {
        CheckFormat.Json => Json(run),
        CheckFormat.GitHub => GitHub(run),
        CheckFormat.Markdown => Markdown(run, catalog),
        CheckFormat.Sarif => Sarif(run),
        _ => Pretty(run),
    };

    /// <summary><c>file:line:col: severity PLxxxx: message (saves N tokens per call)</c>, one finding a line.</summary>
    public static string Pretty(CheckRun run)
    {
        var sb = new StringBuilder();
        foreach (var f in run.Findings)
        {
            if (f.HasLocation)
            {
                sb.Append(f.DisplayPath).Append(':').Append(f.Line).Append(':').Append(f.Column).Append(": ");
            }

            sb.Append(f.Severity).Append(' ').Append(f.RuleId).Append(": ").Append(f.Message);
            if (f.TokensSaved is { } saved)
            {
                sb.Append(" (saves ").Append(saved.ToString("N0", CultureInfo.InvariantCulture)).Append(saved == 1 ? " token" : " tokens").Append(" per call)");
            }

            sb.Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>report.json: one project's report as the build writes it; several projects as an array of them.</summary>
    public static string Json(CheckRun run)
    {
        if (run.Projects.Count == 1)
        {
            return ReportJsonWriter.Write(run.Projects[0].Report(), Money(run, run.Projects[0]));
        }

        return "[\n" + string.Join(",\n", run.Projects.Select(p => ReportJsonWriter.Write(p.Report(), Money(run, p)).TrimEnd('\n'))) + "\n]\n";
    }

    /// <summary>report.md: what the build writes for the same prompts, one section per project.</summary>
    public static string Markdown(CheckRun run, ModelCatalog catalog)
        => string.Join("\n", run.Projects.Select(p => ReportFiles.Render(p.Report(), p.Baseline, catalog, p.Policy.ThresholdPercent, html: false, run.Traffic, run.MonthlyBudget).Markdown));

    // report.json's money section only when asked for (--traffic or --monthly-budget): without them the output is as before.
    private static MoneyReport? Money(CheckRun run, ProjectRun project)
        => run.Traffic is null && run.MonthlyBudget is null ? null : MoneyReport.Build(project.Report(), project.Baseline, run.Catalog, run.Traffic, run.MonthlyBudget);

    /// <summary>GitHub Actions workflow commands: each finding annotates its file and line in the pull request.</summary>
    public static string GitHub(CheckRun run)
    {
        var sb = new StringBuilder();
        foreach (var f in run.Findings)
        {
            var command = f.Severity switch { SeverityNames.Error => "error", SeverityNames.Warning => "warning", _ => "notice" };
            sb.Append("::").Append(command).Append(' ');
            var properties = new List<string>();
            if (f.HasLocation)
            {
                properties.Add("file=" + Property(f.DisplayPath));
                properties.Add("line=" + f.Line.ToString(CultureInfo.InvariantCulture));
                properties.Add("col=" + f.Column.ToString(CultureInfo.InvariantCulture));
                if (f.Length > 0)
                {
                    properties.Add("endColumn=" + (f.Column + f.Length).ToString(CultureInfo.InvariantCulture));
                }
            }

            properties.Add("title=" + Property(f.RuleId + " " + RuleCatalog.Get(f.RuleId).Title));
            sb.Append(string.Join(",", properties)).Append("::").Append(Data(f.Message + (f.TokensSaved is { } s ? $" (saves {s.ToString("N0", CultureInfo.InvariantCulture)} token{(s == 1 ? string.Empty : "s")} per call)" : string.Empty))).Append('\n');
        }

        return sb.ToString();
    }

    // The escaping of GitHub's toolkit (@actions/core, command.ts): data escapes %, CR and LF; properties also : and ,.
    internal static string Data(string value) => value.Replace("%", "%25").Replace("\r", "%0D").Replace("\n", "%0A");

    internal static string Property(string value) => Data(value).Replace(":", "%3A").Replace(",", "%2C");

    /// <summary>A SARIF 2.1.0 log: one run, the rules reported, each result at its file, line and column.</summary>
    public static string Sarif(CheckRun run)
    {
        var findings = run.Findings;
        var rules = findings.Select(f => f.RuleId).Distinct(StringComparer.Ordinal).OrderBy(id => id, StringComparer.Ordinal).Select(RuleCatalog.Get).ToList();
        var index = rules.Select((r, i) => (r.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
            w.WriteString("version", "2.1.0");
            w.WriteStartArray("runs");
            w.WriteStartObject();
            w.WriteStartObject("tool");
            w.WriteStartObject("driver");
            w.WriteString("name", "PromptLint");
            w.WriteString("semanticVersion", Version);
            w.WriteString("informationUri", "https://github.com/promptlint/promptlint");
            w.WriteStartArray("rules");
            foreach (var rule in rules)
            {
                w.WriteStartObject();
                w.WriteString("id", rule.Id);
                w.WriteString("name", string.Concat(rule.Title.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(word => char.ToUpperInvariant(word[0]) + word.Substring(1))).Replace("-", string.Empty));
                w.WriteStartObject("shortDescription");
                w.WriteString("text", rule.Title);
                w.WriteEndObject();
                w.WriteStartObject("fullDescription");
                w.WriteString("text", rule.Description);
                w.WriteEndObject();
                w.WriteString("helpUri", rule.HelpLink);
                w.WriteStartObject("defaultConfiguration");
                w.WriteString("level", Level(SeverityNames.Of(rule.DefaultSeverity)));
                w.WriteEndObject();
                w.WriteStartObject("properties");
                w.WriteString("category", rule.CategoryName);
                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteStartArray("results");
            foreach (var f in findings)
            {
                w.WriteStartObject();
                w.WriteString("ruleId", f.RuleId);
                w.WriteNumber("ruleIndex", index[f.RuleId]);
                w.WriteString("level", Level(f.Severity));
                w.WriteStartObject("message");
                w.WriteString("text", f.Message);
                w.WriteEndObject();
                if (f.HasLocation)
                {
                    w.WriteStartArray("locations");
                    w.WriteStartObject();
                    w.WriteStartObject("physicalLocation");
                    w.WriteStartObject("artifactLocation");
                    w.WriteString("uri", Uri(f.DisplayPath));
                    w.WriteEndObject();
                    w.WriteStartObject("region");
                    w.WriteNumber("startLine", Math.Max(1, f.Line));
                    w.WriteNumber("startColumn", Math.Max(1, f.Column));
                    if (f.Length > 0)
                    {
                        w.WriteNumber("endColumn", f.Column + f.Length);
                    }

                    w.WriteEndObject();
                    w.WriteEndObject();
                    w.WriteEndObject();
                    w.WriteEndArray();
                }

                if (f.TokensSaved is not null || f.PromptId is not null)
                {
                    w.WriteStartObject("properties");
                    if (f.PromptId is not null)
                    {
                        w.WriteString("promptId", f.PromptId);
                    }

                    if (f.TokensSaved is { } saved)
                    {
                        w.WriteNumber("tokensSaved", saved);
                    }

                    w.WriteEndObject();
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteString("columnKind", "utf16CodeUnits");
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static string Level(string severity) => severity switch { SeverityNames.Error => "error", SeverityNames.Warning => "warning", _ => "note" };

    // A relative path as a URI reference: each segment percent-encoded, '/' kept.
    private static string Uri(string path) => string.Join("/", path.Split('/').Select(System.Uri.EscapeDataString));

    /// <summary>The pretty format's closing line: files, prompts, tokens, findings by severity, the saving and what --fix can do.</summary>
    public static string Summary(CheckRun run, int errors, int warnings, bool fixing)
    {
        var prompts = run.Projects.Sum(p => p.Prompts.Count);
        var tokens = run.Projects.Sum(p => p.Prompts.Sum(q => (long)q.StaticTokens));
        var infos = run.Findings.Count(f => f.Severity == SeverityNames.Info);
        var saving = run.Findings.Sum(f => (long)(f.TokensSaved ?? 0));
        var fixable = run.Projects.SelectMany(p => p.Checks.SelectMany(c => p.Findings.Where(f => f.FullPath == c.Check.Path && PromptFileFixes.IsFixable(f.RuleId, c.Check.Kind)))).Count();
        var text = $"promptlint: {N(run.Files)} file{Plural(run.Files)}, {N(prompts)} prompt{Plural(prompts)}, {N(tokens)} tokens; {N(errors)} error{Plural(errors)}, {N(warnings)} warning{Plural(warnings)}, {N(infos)} info";
        if (saving > 0)
        {
            text += $"; fixing them saves {N(saving)} tokens per call";
        }

        if (fixable > 0 && !fixing)
        {
            text += $"; {N(fixable)} fixable with --fix";
        }

        return text;
    }
}
