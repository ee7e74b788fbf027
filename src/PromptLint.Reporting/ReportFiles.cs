using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

using PromptLint.Contracts.Baseline;
using PromptLint.Contracts.Pricing;
using PromptLint.Contracts.Reporting;

namespace PromptLint.Reporting;

/// <summary>
/// The report files of one project (report.json, report.md and, on request, report.html) and the one-line summary
/// the build prints, rendered from a report, the committed baseline and the model data. The analyzer renders them
/// inside the compiler (the compiler server keeps that code warm between builds) for a single-target build; the
/// MSBuild task renders them when it merges target frameworks or updates the baseline. Both go through here, so the
/// files are the same whichever wrote them.
/// </summary>
public static class ReportFiles
{
    /// <summary>File name of the JSON report.</summary>
    public const string JsonName = "report.json";

    /// <summary>File name of the Markdown report.</summary>
    public const string MarkdownName = "report.md";

    /// <summary>File name of the HTML report.</summary>
    public const string HtmlName = "report.html";

    /// <summary>The report file names a build writes, in order.</summary>
    public static string[] Names(bool html) => html ? new[] { JsonName, MarkdownName, HtmlName } : new[] { JsonName, MarkdownName };

    /// <summary>Renders every report file of <paramref name="report"/>.</summary>
    /// <param name="report">The measurements and findings (see <see cref="ReportBuilder"/>).</param>
    /// <param name="baseline">The committed baseline, when there is one (removed prompts are listed from it).</param>
    /// <param name="catalog">Models and prices, with the project's overrides.</param>
    /// <param name="thresholdPercent">The regression threshold the reports quote.</param>
    /// <param name="html">True to render report.html too.</param>
    /// <param name="traffic">Calls per day per prompt id (PromptLintTrafficFile), when given: money per month.</param>
    /// <param name="monthlyBudget">The monthly budget for the delta (PromptLintMonthlyBudget), when set.</param>
    /// <param name="money">
    /// True when a traffic file or a budget is configured, even one that could not be used: the reports then carry the
    /// money section (cost per call, and with traffic per month). Without it, and without <paramref name="traffic"/> or
    /// <paramref name="monthlyBudget"/>, nothing is priced but the prompts PL0022 reports, and the reports have no money
    /// section (issue 31: no extra cost when unused).
    /// </param>
    public static RenderedReports Render(FootprintReport report, BaselineDocument? baseline, ModelCatalog catalog, double thresholdPercent, bool html, PromptLint.Contracts.Traffic.TrafficFile? traffic = null, decimal? monthlyBudget = null, bool money = false)
    {
        var priced = money || traffic is not null || monthlyBudget is not null
            ? MoneyReport.Build(report, baseline, catalog, traffic, monthlyBudget)
            : MoneyReport.CostRegressionsOnly(report, baseline, catalog);
        var complete = priced is { IsComplete: true } ? priced : null;
        var removed = new List<BaselineEntry>();
        if (baseline is { IsUsable: true })
        {
            var ids = new HashSet<string>(report.Prompts.Select(p => p.Id), StringComparer.Ordinal);
            removed.AddRange(baseline.Entries.Values.Where(e => !ids.Contains(e.Id)));
        }

        var regressed = new HashSet<string>(
            report.Diagnostics.Where(d => d.Id == PromptLint.Contracts.Rules.RuleIds.FootprintRegressed && d.PromptId is not null).Select(d => d.PromptId!),
            StringComparer.Ordinal);
        return new RenderedReports(
            ReportJsonWriter.Write(report, complete),
            ReportMarkdownWriter.Write(report, removed, regressed, thresholdPercent, catalog, priced),
            html ? ReportHtmlWriter.Write(report, removed, regressed, thresholdPercent, catalog, priced) : null,
            Summary(report),
            complete);
    }

    /// <summary>The build's summary line: "450 prompts, 36,048 tokens, +120 vs baseline (2 new)".</summary>
    public static string Summary(FootprintReport report)
    {
        var total = report.Prompts.Sum(p => (long)p.StaticTokens);
        return string.Format(
            CultureInfo.InvariantCulture,
            "{0} prompt{1}, {2} tokens, {3}",
            Format(report.Prompts.Count),
            report.Prompts.Count == 1 ? string.Empty : "s",
            Format(total),
            VersusBaseline(report));
    }

    // New prompts add their whole footprint; prompts with a baseline add their delta.
    private static string VersusBaseline(FootprintReport report)
    {
        var known = report.Prompts.Where(p => p.Delta is not null).ToList();
        if (known.Count == 0)
        {
            return "no baseline";
        }

        var fresh = report.Prompts.Where(p => p.Delta is null).ToList();
        var delta = known.Sum(p => (long)p.Delta!.Value) + fresh.Sum(p => (long)p.StaticTokens);
        var text = (delta >= 0 ? "+" : string.Empty) + Format(delta) + " vs baseline";
        return fresh.Count == 0 ? text : $"{text} ({Format(fresh.Count)} new)";
    }

    private static string Format(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}

/// <summary>The text of each report file and the summary line.</summary>
public sealed class RenderedReports
{
    /// <summary>Creates the rendering.</summary>
    public RenderedReports(string json, string markdown, string? html, string summary, MoneyReport? money = null)
    {
        Money = money;
        Json = json;
        Markdown = markdown;
        Html = html;
        Summary = summary;
    }

    /// <summary>Costs per call and, with traffic, per month, with the budget verdict; null when no money was asked for.</summary>
    public MoneyReport? Money { get; }

    /// <summary>report.json.</summary>
    public string Json { get; }

    /// <summary>report.md.</summary>
    public string Markdown { get; }

    /// <summary>report.html, when asked for.</summary>
    public string? Html { get; }

    /// <summary>The build's one-line summary.</summary>
    public string Summary { get; }

    /// <summary>Each file's name and text, in <see cref="ReportFiles.Names"/> order.</summary>
    public IEnumerable<KeyValuePair<string, string>> Files()
    {
        yield return new KeyValuePair<string, string>(ReportFiles.JsonName, Json);
        yield return new KeyValuePair<string, string>(ReportFiles.MarkdownName, Markdown);
        if (Html is not null)
        {
            yield return new KeyValuePair<string, string>(ReportFiles.HtmlName, Html);
        }
    }
}
