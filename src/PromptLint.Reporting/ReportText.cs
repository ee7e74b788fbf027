using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

using PromptLint.Contracts.Baseline;
using PromptLint.Contracts.Pricing;
using PromptLint.Contracts.Reporting;

namespace PromptLint.Reporting;

/// <summary>
/// Wording and number formats shared by <c>report.md</c> and <c>report.html</c>, so both say the same thing in the
/// same words. Invariant culture throughout: identical input gives identical bytes on every machine.
/// </summary>
internal static class ReportText
{
    /// <summary>True when at least one prompt of the report is a regression.</summary>
    public static bool HasRegression(FootprintReport report, IReadOnlyCollection<string> regressedIds)
        => report.Prompts.Any(p => regressedIds.Contains(p.Id));

    /// <summary>
    /// The one-line verdict, without a line break. <paramref name="code"/> renders a prompt id in the target format
    /// (and escapes it); the rest of the line is digits, signs and fixed words that need no escaping in Markdown or HTML.
    /// </summary>
    public static string Verdict(FootprintReport report, IReadOnlyList<BaselineEntry> removed, IReadOnlyCollection<string> regressedIds, double thresholdPercent, Func<string, string> code)
    {
        var sb = new StringBuilder();
        var prompts = report.Prompts;
        var regressions = prompts.Where(p => regressedIds.Contains(p.Id)).OrderByDescending(p => p.Delta ?? 0).ThenBy(p => p.Id, StringComparer.Ordinal).ToList();
        if (regressions.Count > 0)
        {
            sb.Append("❌ ").Append(N(regressions.Count)).Append(regressions.Count == 1 ? " regression: " : " regressions: ");
            sb.Append(string.Join(", ", regressions.Select(r => $"{code(r.Id)} {Signed(r.Delta ?? 0)} tokens ({Percent(r)}; limit {thresholdPercent.ToString("0.##", CultureInfo.InvariantCulture)}%)")));
            return sb.ToString();
        }

        // 64-bit: a baseline's entries (bounded one by one) can still add up past int.MaxValue.
        var total = prompts.Sum(p => (long)p.StaticTokens);
        sb.Append("✅ ").Append(N(prompts.Count)).Append(prompts.Count == 1 ? " prompt, " : " prompts, ").Append(N(total)).Append(" tokens");
        if (HasBaseline(report, removed))
        {
            var baselineTotal = prompts.Sum(p => (long)(p.BaselineStaticTokens ?? 0)) + removed.Sum(r => (long)r.StaticTokens);
            var delta = total - baselineTotal;
            sb.Append(" (").Append(Signed(delta)).Append(" vs baseline");
            if (baselineTotal > 0)
            {
                sb.Append(", ").Append(SignedPercent(delta * 100.0 / baselineTotal));
            }

            sb.Append(')');
        }
        else
        {
            sb.Append(" (no baseline yet)");
        }

        return sb.Append(", no regression").ToString();
    }

    /// <summary>True when any prompt was compared with a baseline, or the baseline lists prompts that are gone.</summary>
    /// <summary>
    /// Every finding that states a saving, info ones included, with its money per 1K calls at the input price of the
    /// prompt's model (null when the prompt or its price is unknown).
    /// </summary>
    public static IReadOnlyList<(ReportDiagnostic Diagnostic, decimal? PerThousandCalls)> Savings(FootprintReport report, ModelCatalog catalog)
    {
        var models = report.Prompts.GroupBy(p => p.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Model, StringComparer.Ordinal);
        return report.Diagnostics.Where(d => d.TokensSaved is > 0)
            .Select(d =>
            {
                var model = d.PromptId is not null && models.TryGetValue(d.PromptId, out var name) ? catalog.Find(name) : null;
                return (d, model is null ? (decimal?)null : Cost.PerThousandCalls(d.TokensSaved!.Value, model.Input));
            })
            .ToList();
    }

    public static bool HasBaseline(FootprintReport report, IReadOnlyList<BaselineEntry> removed)
        => report.Prompts.Any(p => p.BaselineStaticTokens is not null) || removed.Count > 0;

    /// <summary>"+28.1%", "-11.8%", "0.0%"; "new" when there is no baseline count to compare with.</summary>
    public static string Percent(ReportPrompt p)
        => p.BaselineStaticTokens is { } b && b > 0 && p.Delta is { } d ? SignedPercent(d * 100.0 / b) : "new";

    /// <summary>The cacheable prefix as a share of the static tokens: "3%", or "–" for an empty prompt.</summary>
    public static string PrefixShare(ReportPrompt p)
        => p.StaticTokens == 0 ? "–" : (p.StaticPrefixTokens * 100.0 / p.StaticTokens).ToString("0", CultureInfo.InvariantCulture) + "%";

    /// <summary>"+6.7%", "-11.8%".</summary>
    public static string SignedPercent(double value) => (value > 0 ? "+" : string.Empty) + value.ToString("0.0", CultureInfo.InvariantCulture) + "%";

    /// <summary>"+1,228", "-40", "0".</summary>
    public static string Signed(long value) => (value > 0 ? "+" : string.Empty) + N(value);

    /// <summary>"+$0.57", "-$0.10", "$0.00".</summary>
    public static string SignedMoney(decimal value) => value > 0 ? "+" + Cost.Format(value) : value < 0 ? "-" + Cost.Format(-value) : Cost.Format(0);

    /// <summary>"1,040": invariant thousands separators.</summary>
    public static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>"1040": invariant, no separators, for machine-read places (chart data, sort keys).</summary>
    public static string N0(int value) => value.ToString(CultureInfo.InvariantCulture);
}
