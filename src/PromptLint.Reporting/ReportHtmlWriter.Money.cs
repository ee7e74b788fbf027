using System.Collections.Generic;
using System.Globalization;
using System.Text;

using PromptLint.Contracts.Pricing;
using PromptLint.Contracts.Reporting;
using PromptLint.Contracts.Traffic;

namespace PromptLint.Reporting;

/// <summary>
/// The money parts of <c>report.html</c> (issue 31), the same as report.md's: the monthly headline and budget verdict
/// above the chart, and per prompt the cost per call, its change and, with a traffic file, calls per day and the change
/// per month. Written only when a traffic file or a budget is configured.
/// </summary>
public static partial class ReportHtmlWriter
{
    // Marks a prompt id inside the headline so the whole line can be encoded before the ids become <code> elements;
    // private-use characters pass through Encode unchanged and never occur in a headline's own text.
    private const char CodeStart = '\uE000';
    private const char CodeEnd = '\uE001';

    private static void MoneyHeadline(StringBuilder sb, MoneyReport money)
    {
        var headline = Encode(ReportMarkdownWriter.MoneyMarks(money) + money.Headline(id => CodeStart + id.Replace(CodeStart, ' ').Replace(CodeEnd, ' ') + CodeEnd))
            .Replace(CodeStart.ToString(), "<code>")
            .Replace(CodeEnd.ToString(), "</code>");
        sb.Append(money.Verdict == BudgetVerdict.Fail ? "<p class=\"verdict fail\" id=\"money\">" : "<p class=\"verdict\" id=\"money\">")
            .Append("<strong>").Append(headline).Append("</strong>");
        if (money.VerdictLine() is { } verdict)
        {
            sb.Append("<br />").Append(Encode(verdict));
        }

        sb.Append("</p>\n");
    }

    private static IEnumerable<(string Label, bool Numeric)> MoneyColumns(MoneyReport? money)
    {
        if (money is null)
        {
            yield break;
        }

        yield return ("$/call", true);
        yield return ("Δ $/call", true);
        if (money.Traffic is not null)
        {
            yield return ("Calls/day", true);
            yield return ("Δ $/month", true);
        }
    }

    // The cells of MoneyColumns: worst case per call at list price, with the cap; "–" and what was assumed when unknown.
    private static void MoneyCells(StringBuilder sb, PromptMoney? m, bool traffic)
    {
        var now = m?.Now;
        Cell(
            sb,
            now is null ? string.Empty : now.Total.ToString(CultureInfo.InvariantCulture),
            now is null ? "– (" + Encode(m?.Assumption ?? "no price") + ")" : Cost.FormatPerCall(now.Total) + " (cap " + Encode(now.CapText) + ")",
            numeric: true);

        var delta = m?.DeltaPerCall;
        var shown = delta is { } d && (d != 0 || m!.IsNew) ? (d > 0 ? "+" : string.Empty) + Cost.FormatPerCall(d) + (m!.Cause == "–" ? string.Empty : " (" + m.Cause + ")")
            : delta is null ? "–" : "0";
        if (now is not null && m!.Assumption is { } assumed)
        {
            shown += " (" + assumed + ")";
        }

        Cell(sb, delta is { } sort ? sort.ToString(CultureInfo.InvariantCulture) : string.Empty, Encode(shown), numeric: true);
        if (!traffic)
        {
            return;
        }

        var known = m is not null && m.Traffic.Basis != TrafficBasis.None;
        Cell(sb, known ? m!.Traffic.CallsPerDay.ToString(CultureInfo.InvariantCulture) : string.Empty, known ? m!.Traffic.CallsPerDay.ToString("#,0.##", CultureInfo.InvariantCulture) : "–", numeric: true);
        Cell(sb, m?.MonthlyDelta is { } monthly ? monthly.ToString(CultureInfo.InvariantCulture) : string.Empty, m?.MonthlyDelta is { } shownMonthly ? MoneyReport.Monthly(shownMonthly) : "–", numeric: true);
    }
}
