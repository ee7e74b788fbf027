using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

using static PromptLint.Reporting.ReportText;

using PromptLint.Contracts.Baseline;
using PromptLint.Contracts.Pricing;
using PromptLint.Contracts.Reporting;

namespace PromptLint.Reporting;

/// <summary>
/// The pull-request comment of <c>promptlint merge</c>: the reports of a solution's projects as one Markdown text, a
/// verdict over all of them, a table of per-project subtotals, and each project's own report.md folded under it.
/// </summary>
public static class MergeMarkdownWriter
{
    /// <summary>Renders the merged comment.</summary>
    /// <param name="reports">The projects' reports, in the order their files were listed.</param>
    /// <param name="thresholdPercent">The regression threshold the reports quote.</param>
    /// <param name="catalog">Models and prices for the cost columns.</param>
    public static string Write(IReadOnlyList<FootprintReport> reports, double thresholdPercent, ModelCatalog catalog)
    {
        var sb = new StringBuilder();
        var regressed = reports.SelectMany(r => RegressedIds(r).Select(id => (r.Project, Id: id))).ToList();
        var total = reports.Sum(r => r.Prompts.Sum(p => (long)p.StaticTokens));
        sb.Append("## PromptLint footprint: ").Append(N(reports.Count)).Append(" projects\n\n");
        sb.Append(regressed.Count > 0
            ? $"❌ {N(regressed.Count)} regression{(regressed.Count == 1 ? string.Empty : "s")}: {string.Join(", ", regressed.Select(r => $"`{r.Id}` ({r.Project})"))}\n"
            : $"✅ {N(reports.Sum(r => r.Prompts.Count))} prompts, {N(total)} tokens, no regression\n");
        sb.Append("\n| Project | Prompts | Tokens | Δ vs baseline | Regressions |\n|---|---:|---:|---:|---:|\n");
        var byProject = reports.OrderBy(r => r.Project, StringComparer.Ordinal).ToList();
        foreach (var report in byProject)
        {
            var delta = report.Prompts.Sum(p => (long)(p.Delta ?? (p.BaselineStaticTokens is null && report.Prompts.Any(q => q.Delta is not null) ? p.StaticTokens : 0)));
            sb.Append("| ").Append(report.Project).Append(" | ").Append(N(report.Prompts.Count)).Append(" | ").Append(N(report.Prompts.Sum(p => (long)p.StaticTokens)))
                .Append(" | ").Append(delta > 0 ? "+" : string.Empty).Append(N(delta)).Append(" | ").Append(N(RegressedIds(report).Count)).Append(" |\n");
        }

        foreach (var report in byProject)
        {
            sb.Append("\n<details><summary>").Append(report.Project).Append("</summary>\n\n");
            sb.Append(ReportMarkdownWriter.Write(report, Array.Empty<BaselineEntry>(), RegressedIds(report), thresholdPercent, catalog).Replace("## PromptLint footprint: ", "### "));
            sb.Append("\n</details>\n");
        }

        return sb.ToString();
    }

    /// <summary>The prompts a report's PL0001 findings name, each once, in the order of the findings.</summary>
    public static IReadOnlyList<string> RegressedIds(FootprintReport report)
        => report.Diagnostics.Where(d => d.Id == PromptLint.Contracts.Rules.RuleIds.FootprintRegressed && d.PromptId is not null).Select(d => d.PromptId!).Distinct(StringComparer.Ordinal).ToList();
}
