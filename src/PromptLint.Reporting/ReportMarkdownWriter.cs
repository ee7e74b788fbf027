using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using static PromptLint.Reporting.ReportText;

using PromptLint.Contracts.Baseline;
using PromptLint.Contracts.Pricing;
using PromptLint.Contracts.Reporting;
using PromptLint.Contracts.Rules;

namespace PromptLint.Reporting;

/// <summary>
/// Writes <c>report.md</c>, the pull-request comment: a one-line verdict, the changed prompts sorted by absolute growth
/// (regressions first), a Mermaid bar chart of the ten largest changes, unchanged prompts folded away, then new and
/// removed prompts. Invariant numbers, stable order, LF: identical input gives identical bytes.
/// </summary>
public static class ReportMarkdownWriter
{
    /// <summary>Renders the report.</summary>
    /// <param name="report">The measured report (prompts with baseline counts where known).</param>
    /// <param name="removed">Baseline entries no prompt matches any more.</param>
    /// <param name="regressedIds">Prompts the build reported as regressions (PL0001).</param>
    /// <param name="thresholdPercent">The regression threshold, for the verdict.</param>
    /// <param name="catalog">Prices for the cost columns.</param>
    /// <param name="priced">
    /// Cost per call now and as accepted, and with traffic the change per month (issue 31). A complete one adds the
    /// per-call columns, and with a traffic file the report leads with the monthly delta and its verdict against the
    /// budget; one that prices only the prompts PL0022 reports (<see cref="MoneyReport.IsComplete"/> false) only names
    /// their costs in the cost-regression line.
    /// </param>
    public static string Write(FootprintReport report, IReadOnlyList<BaselineEntry> removed, IReadOnlyCollection<string> regressedIds, double thresholdPercent, ModelCatalog catalog, MoneyReport? priced = null)
    {
        var sb = new StringBuilder();
        var money = priced is { IsComplete: true } ? priced : null;
        var prompts = report.Prompts;
        var hasBaseline = HasBaseline(report, removed);

        sb.Append("## PromptLint footprint: ").Append(Escape(report.Project)).Append("\n\n");
        if (money?.Traffic is not null)
        {
            // Money first: what the change costs a month is what the reviewer decides on.
            sb.Append("**").Append(MoneyMarks(money)).Append(money.Headline(Code)).Append("**\n\n");
            if (money.VerdictLine() is { } budgetLine)
            {
                sb.Append(budgetLine).Append("\n\n");
            }
        }

        // PL0022: a prompt that costs more per call with no token change is a regression the token verdict cannot see.
        var costlier = report.Diagnostics.Where(d => d.Id == RuleIds.CostRegressed && d.PromptId is not null && d.Severity == SeverityNames.Error)
            .Select(d => d.PromptId!).Distinct(StringComparer.Ordinal).OrderBy(id => id, StringComparer.Ordinal).ToList();
        var perPromptMoney = priced?.Prompts.ToDictionary(m => m.Id, StringComparer.Ordinal);
        if (costlier.Count > 0)
        {
            sb.Append("❌ ").Append(N(costlier.Count)).Append(costlier.Count == 1 ? " cost regression: " : " cost regressions: ")
                .Append(string.Join(", ", costlier.Select(id => Code(id) + (perPromptMoney is not null && perPromptMoney.TryGetValue(id, out var m) && m.Now is not null && m.Accepted is { Total: > 0 }
                    ? " " + Cost.FormatPerCall(m.Accepted.Total) + " → " + Cost.FormatPerCall(m.Now.Total) + " per call (" + m.Cause + ")"
                    : string.Empty))))
                .Append("\n\n");
        }

        var verdict = Verdict(report, removed, regressedIds, thresholdPercent, Code);
        sb.Append(costlier.Count > 0 && verdict.EndsWith(", no regression", StringComparison.Ordinal) ? verdict.Substring(0, verdict.Length - ", no regression".Length) + ", no token regression" : verdict).Append('\n');
        if (money is not null && money.Traffic is null && prompts.Count > 0)
        {
            sb.Append('\n').Append(money.Headline(Code)).Append(money.VerdictLine() is { } notChecked ? " " + notChecked + "." : string.Empty).Append('\n');
        }

        // A prompt whose cost per call changed with the same tokens (another model, cap or tool list) is a changed prompt.
        bool CostMoved(ReportPrompt p) => perPromptMoney is not null && perPromptMoney.TryGetValue(p.Id, out var m) && m.DeltaPerCall is { } d && d != 0;
        var changed = prompts.Where(p => p.Delta is not null && (p.Delta != 0 || CostMoved(p)))
            .OrderByDescending(p => regressedIds.Contains(p.Id) || costlier.Contains(p.Id))
            .ThenByDescending(p => Math.Abs(p.Delta!.Value))
            .ThenBy(p => p.Id, StringComparer.Ordinal)
            .ToList();
        var unchanged = prompts.Where(p => p.Delta == 0 && !CostMoved(p)).ToList();
        var fresh = prompts.Where(p => p.Delta is null).ToList();

        if (hasBaseline)
        {
            Chart(sb, changed.Select(p => (p.Id, p.Delta!.Value)).Concat(fresh.Select(p => (p.Id, p.StaticTokens))).Concat(removed.Select(r => (r.Id, -r.StaticTokens))).ToList());
        }

        if (changed.Count > 0)
        {
            sb.Append("\n### Changed prompts\n\n");
            Table(sb, changed, costlier.Count == 0 ? regressedIds : regressedIds.Concat(costlier).ToList(), catalog, money);
        }

        if (fresh.Count > 0)
        {
            sb.Append("\n### New prompts\n\n");
            Table(sb, fresh, regressedIds, catalog, money);
        }

        if (removed.Count > 0)
        {
            sb.Append("\n### Removed prompts\n\n| Prompt | Baseline |\n|---|---:|\n");
            foreach (var entry in removed.OrderBy(r => r.Id, StringComparer.Ordinal))
            {
                sb.Append("| ").Append(Code(entry.Id)).Append(" | ").Append(N(entry.StaticTokens)).Append(" |\n");
            }
        }

        if (unchanged.Count > 0)
        {
            sb.Append("\n<details><summary>").Append(N(unchanged.Count)).Append(unchanged.Count == 1 ? " unchanged prompt" : " unchanged prompts").Append("</summary>\n\n");
            Table(sb, unchanged, regressedIds, catalog, money);
            sb.Append("\n</details>\n");
        }

        var diagnostics = report.Diagnostics.Where(d => d.Severity is SeverityNames.Error or SeverityNames.Warning).ToList();
        if (diagnostics.Count > 0)
        {
            sb.Append("\n<details><summary>").Append(N(diagnostics.Count)).Append(diagnostics.Count == 1 ? " diagnostic" : " diagnostics").Append("</summary>\n\n");
            foreach (var d in diagnostics)
            {
                sb.Append("- **").Append(d.Id).Append("** ").Append(Code(d.File + (d.Line > 0 ? ":" + N(d.Line) : string.Empty))).Append(' ').Append(Escape(d.Message)).Append('\n');
            }

            sb.Append("\n</details>\n");
        }

        Savings(sb, report, catalog);
        return sb.ToString();
    }

    // Every finding that states a saving, info ones (PL0010–PL0019) included.
    private static void Savings(StringBuilder sb, FootprintReport report, ModelCatalog catalog)
    {
        var savings = ReportText.Savings(report, catalog);
        if (savings.Count == 0)
        {
            return;
        }

        sb.Append("\n<details><summary>").Append(N(savings.Count)).Append(savings.Count == 1 ? " finding states" : " findings state").Append(" a saving</summary>\n\n");
        sb.Append("| Rule | Prompt | Where | Tokens per call | $/1K calls |\n|---|---|---|---:|---:|\n");
        foreach (var (d, money) in savings)
        {
            sb.Append("| ").Append(d.Id)
                .Append(" | ").Append(d.PromptId is null ? "–" : Code(d.PromptId))
                .Append(" | ").Append(Code(d.File + (d.Line > 0 ? ":" + N(d.Line) : string.Empty)))
                .Append(" | ").Append(N(d.TokensSaved!.Value))
                .Append(" | ").Append(money is { } m ? Cost.Format(m) : "–")
                .Append(" |\n");
        }

        sb.Append("\n</details>\n");
    }

    private static void Table(StringBuilder sb, IEnumerable<ReportPrompt> prompts, IReadOnlyCollection<string> regressedIds, ModelCatalog catalog, MoneyReport? money)
    {
        var perPrompt = money?.Prompts.ToDictionary(m => m.Id, StringComparer.Ordinal);
        sb.Append("| | Prompt | File | Model | Baseline | Now | Δ tokens | Δ % | Cacheable prefix | Input $/1K calls | Δ $/1K calls |");
        sb.Append(money is null ? "\n" : money.Traffic is null ? " $/call | Δ $/call |\n" : " $/call | Δ $/call | Calls/day | Δ $/month |\n");
        sb.Append("|---|---|---|---|---:|---:|---:|---:|---:|---:|---:|");
        sb.Append(money is null ? "\n" : money.Traffic is null ? "---:|---:|\n" : "---:|---:|---:|---:|\n");
        foreach (var p in prompts)
        {
            var model = catalog.Find(p.Model);
            var mark = regressedIds.Contains(p.Id) ? "❌" : p.Delta is null ? "🆕" : p.Delta > 0 ? "⬆️" : p.Delta < 0 ? "⬇️" : string.Empty;
            var share = PrefixShare(p);
            sb.Append("| ").Append(mark)
                .Append(" | ").Append(Code(p.Id))
                .Append(" | ").Append(Code(p.File + ":" + N(p.Line)))
                .Append(" | ").Append(Escape(p.Model)).Append(p.Exact ? string.Empty : " (est.)").Append(p.ModelAssumed ? " (assumed)" : string.Empty)
                .Append(" | ").Append(p.BaselineStaticTokens is { } b ? N(b) : "–")
                .Append(" | ").Append(N(p.StaticTokens))
                .Append(" | ").Append(p.Delta is { } d ? Signed(d) : "–")
                .Append(" | ").Append(p.Delta is not null ? Percent(p) : "–")
                .Append(" | ").Append(N(p.StaticPrefixTokens)).Append(" (").Append(share).Append(')')
                .Append(" | ").Append(model is null ? "–" : Cost.Format(Cost.PerThousandCalls(p.StaticTokens, model.Input)))
                .Append(" | ").Append(model is null || p.Delta is null ? "–" : SignedMoney(Cost.PerThousandCalls(p.Delta.Value, model.Input)))
                .Append(" |");
            if (perPrompt is not null && perPrompt.TryGetValue(p.Id, out var m))
            {
                MoneyCells(sb, m, money!.Traffic is not null);
            }

            sb.Append('\n');
        }
    }

    // "$/call | Δ $/call (cause) [| calls/day | Δ $/month]": worst case per call, at list price; "–" and the assumption when unknown.
    private static void MoneyCells(StringBuilder sb, PromptMoney m, bool traffic)
    {
        sb.Append(' ').Append(m.Now is { } now ? Cost.FormatPerCall(now.Total) + " (cap " + now.CapText + ")" : "– (" + Escape(m.Assumption ?? "no price") + ")");
        sb.Append(" | ").Append(m.DeltaPerCall is { } delta && (delta != 0 || m.IsNew) ? (delta > 0 ? "+" : string.Empty) + Cost.FormatPerCall(delta) + (m.Cause == "–" ? string.Empty : " (" + m.Cause + ")") : m.DeltaPerCall is null ? "–" : "0");
        if (m.Now is not null && m.Assumption is { } assumed)
        {
            sb.Append(" (").Append(Escape(assumed)).Append(')');
        }

        sb.Append(" |");
        if (traffic)
        {
            sb.Append(' ').Append(m.Traffic.Basis == PromptLint.Contracts.Traffic.TrafficBasis.None ? "–" : m.Traffic.CallsPerDay.ToString("#,0.##", System.Globalization.CultureInfo.InvariantCulture));
            sb.Append(" | ").Append(m.MonthlyDelta is { } monthly ? MoneyReport.Monthly(monthly) : "–").Append(" |");
        }
    }

    internal static string MoneyMarks(MoneyReport money)
        => money.Verdict switch
        {
            BudgetVerdict.Fail => "❌ ",
            BudgetVerdict.Warn => "⚠️ ",
            BudgetVerdict.Pass => "✅ ",
            _ => "💰 ",
        };

    private static void Chart(StringBuilder sb, List<(string Id, int Delta)> changes)
    {
        var top = changes.Where(c => c.Delta != 0).OrderByDescending(c => Math.Abs(c.Delta)).ThenBy(c => c.Id, StringComparer.Ordinal).Take(10).ToList();
        if (top.Count == 0)
        {
            return;
        }

        var max = top.Max(c => Math.Abs(c.Delta));
        sb.Append("\n```mermaid\nxychart-beta\n    title \"Largest footprint changes (tokens)\"\n");
        sb.Append("    x-axis [").Append(string.Join(", ", top.Select(c => "\"" + c.Id.Replace("\"", "'") + "\""))).Append("]\n");
        sb.Append("    y-axis \"Δ tokens\" ").Append(top.Any(c => c.Delta < 0) ? "-" + N0(max) : "0").Append(" --> ").Append(N0(max)).Append('\n');
        sb.Append("    bar [").Append(string.Join(", ", top.Select(c => N0(c.Delta)))).Append("]\n```\n");
    }

    private static string Code(string text) => "`" + text.Replace("`", "'") + "`";

    private static string Escape(string text) => text.Replace("|", "\\|").Replace("\r", string.Empty).Replace("\n", " ");
}
