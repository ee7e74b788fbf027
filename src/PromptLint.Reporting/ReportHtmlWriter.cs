using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using static PromptLint.Reporting.ReportText;

using PromptLint.Contracts.Baseline;
using PromptLint.Contracts.Pricing;
using PromptLint.Contracts.Reporting;
using PromptLint.Contracts.Rules;

namespace PromptLint.Reporting;

/// <summary>
/// Writes <c>report.html</c>: one self-contained page (inline style, inline script, nothing fetched) with the verdict of
/// <c>report.md</c>, an SVG bar chart of each prompt's footprint split into cacheable prefix, text after the first hole and
/// tool schemas, a sortable table of every prompt, the removed prompts and the diagnostics. The markup is also well-formed
/// XHTML, so an XML parser can check it. Invariant numbers, prompts in report order, LF: identical input gives identical bytes.
/// </summary>
public static partial class ReportHtmlWriter
{
    private const string PrefixColor = "#2e7d32";
    private const string RestColor = "#f9a825";
    private const string ToolsColor = "#1565c0";

    private const int ChartWidth = 760;
    private const int LabelRight = 250;
    private const int BarLeft = 260;
    private const int BarSpan = 400;
    private const int LegendHeight = 28;
    private const int RowHeight = 22;
    private const int BarHeight = 14;
    private const int MaxLabelLength = 36;

    // No '<' and no '&' in the style or the script: both stay well-formed XML without a CDATA section,
    // which the well-formedness test relies on.
    private const string Style = """
        body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2328; margin: 24px; max-width: 1200px; }
        h1 { font-size: 20px; margin: 0 0 8px; }
        h2 { font-size: 16px; margin: 24px 0 8px; }
        code { font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: #f6f8fa; padding: 1px 4px; border-radius: 4px; }
        .verdict { font-size: 15px; padding: 8px 12px; border-radius: 6px; background: #dafbe1; }
        .verdict.fail { background: #ffebe9; }
        .hint { color: #59636e; font-size: 12px; margin: 0 0 6px; }
        table { border-collapse: collapse; }
        th, td { border: 1px solid #d1d9e0; padding: 4px 8px; text-align: left; vertical-align: top; }
        th { background: #f6f8fa; white-space: nowrap; }
        th button { font: inherit; font-weight: 600; border: 0; background: none; padding: 0; cursor: pointer; color: inherit; }
        th[aria-sort="ascending"] button::after { content: " \25B2"; }
        th[aria-sort="descending"] button::after { content: " \25BC"; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        tr.regression td { background: #ffebe9; }
        tr.new td:first-child { font-weight: 600; }
        svg text { font: 12px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; fill: #1f2328; }
        """;

    private const string Script = """
        (function () {
          var table = document.getElementById("prompts");
          if (!table) { return; }
          var heads = table.tHead.rows[0].cells;
          var body = table.tBodies[0];
          Array.prototype.forEach.call(heads, function (th, column) {
            th.addEventListener("click", function () {
              var numeric = th.getAttribute("data-type") === "number";
              var direction = th.getAttribute("aria-sort") === "ascending" ? -1 : 1;
              Array.prototype.forEach.call(heads, function (other) { other.removeAttribute("aria-sort"); });
              th.setAttribute("aria-sort", direction === 1 ? "ascending" : "descending");
              var rows = Array.prototype.slice.call(body.rows);
              rows.sort(function (a, b) {
                var x = a.cells[column].getAttribute("data-sort");
                var y = b.cells[column].getAttribute("data-sort");
                var order = 0;
                if (x !== y) {
                  if (x === "") { return 1; }
                  if (y === "") { return -1; }
                  order = numeric ? parseFloat(x) - parseFloat(y) : (x > y ? 1 : -1);
                }
                return order * direction || Number(a.getAttribute("data-index")) - Number(b.getAttribute("data-index"));
              });
              rows.forEach(function (row) { body.appendChild(row); });
            });
          });
        })();
        """;

    /// <summary>Renders the report.</summary>
    /// <param name="report">The measured report (prompts with baseline counts where known).</param>
    /// <param name="removed">Baseline entries no prompt matches any more.</param>
    /// <param name="regressedIds">Prompts the build reported as regressions (PL0001).</param>
    /// <param name="thresholdPercent">The regression threshold, for the verdict.</param>
    /// <param name="catalog">Prices for the cost column.</param>
    /// <param name="priced">
    /// Money (issue 31), when a traffic file or a budget is configured: the page leads with report.md's monthly headline
    /// and budget verdict, and the table gets its per-call and per-month columns. Null, or one that prices only the
    /// prompts PL0022 reports, leaves the page as it was without money.
    /// </param>
    /// <returns>The page, UTF-8 text with LF line breaks.</returns>
    public static string Write(FootprintReport report, IReadOnlyList<BaselineEntry> removed, IReadOnlyCollection<string> regressedIds, double thresholdPercent, ModelCatalog catalog, MoneyReport? priced = null)
    {
        var money = priced is { IsComplete: true } ? priced : null;
        var sb = new StringBuilder();
        var title = "PromptLint footprint: " + report.Project;

        sb.Append("<!DOCTYPE html>\n");
        sb.Append("<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n");
        sb.Append("<head>\n<meta charset=\"utf-8\" />\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n");
        sb.Append("<title>").Append(Encode(title)).Append("</title>\n");
        sb.Append("<style>\n").Append(Lf(Style)).Append("\n</style>\n</head>\n<body>\n");
        sb.Append("<h1>").Append(Encode(title)).Append("</h1>\n");
        if (money is not null)
        {
            MoneyHeadline(sb, money);
        }

        sb.Append(HasRegression(report, regressedIds) ? "<p class=\"verdict fail\">" : "<p class=\"verdict\">")
            .Append(Verdict(report, removed, regressedIds, thresholdPercent, id => "<code>" + Encode(id) + "</code>"))
            .Append("</p>\n");

        sb.Append("<h2>Static tokens per prompt</h2>\n");
        Chart(sb, report.Prompts);

        sb.Append("<h2>Prompts</h2>\n");
        sb.Append("<p class=\"hint\">Click a column header to sort.</p>\n");
        Table(sb, report.Prompts, regressedIds, catalog, money);

        if (removed.Count > 0)
        {
            sb.Append("<h2>Removed prompts</h2>\n");
            sb.Append("<table id=\"removed\">\n<thead>\n<tr><th scope=\"col\">Prompt</th><th scope=\"col\" class=\"num\">Baseline</th></tr>\n</thead>\n<tbody>\n");
            foreach (var entry in removed.OrderBy(r => r.Id, StringComparer.Ordinal))
            {
                sb.Append("<tr data-id=\"").Append(Encode(entry.Id)).Append("\"><td><code>").Append(Encode(entry.Id)).Append("</code></td><td class=\"num\">")
                    .Append(N(entry.StaticTokens)).Append("</td></tr>\n");
            }

            sb.Append("</tbody>\n</table>\n");
        }

        var diagnostics = report.Diagnostics.Where(d => d.Severity is SeverityNames.Error or SeverityNames.Warning).ToList();
        if (diagnostics.Count > 0)
        {
            sb.Append("<details>\n<summary>").Append(N(diagnostics.Count)).Append(diagnostics.Count == 1 ? " diagnostic" : " diagnostics").Append("</summary>\n<ul>\n");
            foreach (var d in diagnostics)
            {
                sb.Append("<li><strong>").Append(Encode(d.Id)).Append("</strong> <code>").Append(Encode(d.File + (d.Line > 0 ? ":" + N(d.Line) : string.Empty)))
                    .Append("</code> ").Append(Encode(d.Message)).Append("</li>\n");
            }

            sb.Append("</ul>\n</details>\n");
        }

        var savings = ReportText.Savings(report, catalog);
        if (savings.Count > 0)
        {
            sb.Append("<details>\n<summary>").Append(N(savings.Count)).Append(savings.Count == 1 ? " finding states" : " findings state").Append(" a saving</summary>\n<table>\n<thead><tr><th>Rule</th><th>Prompt</th><th>Where</th><th>Tokens per call</th><th>$/1K calls</th></tr></thead>\n<tbody>\n");
            foreach (var (d, saving) in savings)
            {
                sb.Append("<tr><td>").Append(Encode(d.Id)).Append("</td><td>").Append(d.PromptId is null ? "–" : "<code>" + Encode(d.PromptId) + "</code>")
                    .Append("</td><td><code>").Append(Encode(d.File + (d.Line > 0 ? ":" + N(d.Line) : string.Empty))).Append("</code></td><td class=\"num\">")
                    .Append(N(d.TokensSaved!.Value)).Append("</td><td class=\"num\">").Append(saving is { } m ? Cost.Format(m) : "–").Append("</td></tr>\n");
            }

            sb.Append("</tbody>\n</table>\n</details>\n");
        }

        sb.Append("<script>\n").Append(Lf(Script)).Append("\n</script>\n</body>\n</html>\n");
        return sb.ToString();
    }

    private static void Chart(StringBuilder sb, IReadOnlyList<ReportPrompt> prompts)
    {
        var bars = prompts.Select(p => (Prompt: p, Segments: Segments(p))).ToList();
        var height = LegendHeight + (Math.Max(bars.Count, 1) * RowHeight) + 4;
        var scale = Math.Max(1, bars.Select(b => b.Segments.Sum(s => s.Tokens)).DefaultIfEmpty(0).Max());

        sb.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").Append(N0(ChartWidth)).Append("\" height=\"").Append(N0(height))
            .Append("\" viewBox=\"0 0 ").Append(N0(ChartWidth)).Append(' ').Append(N0(height)).Append("\" role=\"img\" aria-labelledby=\"chart-title\">\n");
        sb.Append("<title id=\"chart-title\">Static tokens per prompt: cacheable prefix text, text after the first hole, tool schemas</title>\n");

        sb.Append("<g class=\"legend\">\n");
        var legendX = BarLeft;
        foreach (var (label, color) in new[] { ("Cacheable prefix (text)", PrefixColor), ("After the first hole", RestColor), ("Tool schemas", ToolsColor) })
        {
            sb.Append("<rect x=\"").Append(N0(legendX)).Append("\" y=\"6\" width=\"12\" height=\"12\" fill=\"").Append(color).Append("\" />")
                .Append("<text x=\"").Append(N0(legendX + 16)).Append("\" y=\"16\">").Append(label).Append("</text>\n");
            legendX += 180;
        }

        sb.Append("</g>\n");

        if (bars.Count == 0)
        {
            sb.Append("<text x=\"").Append(N0(BarLeft)).Append("\" y=\"").Append(N0(LegendHeight + 14)).Append("\">No prompts.</text>\n");
        }

        var y = LegendHeight;
        foreach (var (p, segments) in bars)
        {
            var total = segments.Sum(s => s.Tokens);
            sb.Append("<g class=\"bar\" data-id=\"").Append(Encode(p.Id)).Append("\">\n");
            sb.Append("<title>").Append(Encode(p.Id)).Append(": ").Append(N(p.StaticTokens)).Append(" static tokens (")
                .Append(string.Join(", ", segments.Select(s => N(s.Tokens) + " " + s.Name))).Append(")</title>\n");
            sb.Append("<text x=\"").Append(N0(LabelRight)).Append("\" y=\"").Append(N0(y + BarHeight - 2)).Append("\" text-anchor=\"end\">")
                .Append(Encode(Shorten(p.Id))).Append("</text>\n");

            // Each segment starts where the running sum ends, so rounding never opens gaps or overlaps.
            var before = 0;
            foreach (var segment in segments.Where(s => s.Tokens > 0))
            {
                sb.Append("<rect x=\"").Append(Px(BarLeft + (before * (double)BarSpan / scale))).Append("\" y=\"").Append(N0(y + 2))
                    .Append("\" width=\"").Append(Px(segment.Tokens * (double)BarSpan / scale)).Append("\" height=\"").Append(N0(BarHeight))
                    .Append("\" fill=\"").Append(segment.Color).Append("\"><title>").Append(Encode(p.Id)).Append(" – ").Append(segment.Name).Append(": ")
                    .Append(N(segment.Tokens)).Append(segment.Tokens == 1 ? " token" : " tokens").Append("</title></rect>\n");
                before += segment.Tokens;
            }

            sb.Append("<text x=\"").Append(Px(BarLeft + (total * (double)BarSpan / scale) + 6)).Append("\" y=\"").Append(N0(y + BarHeight - 2)).Append("\">")
                .Append(N(p.StaticTokens)).Append("</text>\n</g>\n");
            y += RowHeight;
        }

        sb.Append("</svg>\n");
    }

    /// <summary>
    /// The three parts of a prompt's static tokens. Tools are sent first, so the cacheable prefix normally covers them;
    /// the prefix segment is the text part of it. When the prefix ends inside the tools (a volatile schema), no text is
    /// cacheable and everything after the tools counts as after the first hole, so the parts still add up to the total.
    /// </summary>
    private static (string Name, string Color, int Tokens)[] Segments(ReportPrompt p)
    {
        var tools = Math.Max(0, p.ToolSchemaTokens);
        var prefix = Math.Max(0, p.StaticPrefixTokens - tools);
        var rest = Math.Max(0, p.StaticTokens - Math.Max(p.StaticPrefixTokens, tools));
        return new[] { ("cacheable prefix (text)", PrefixColor, prefix), ("after the first hole", RestColor, rest), ("tool schemas", ToolsColor, tools) };
    }

    private static void Table(StringBuilder sb, IReadOnlyList<ReportPrompt> prompts, IReadOnlyCollection<string> regressedIds, ModelCatalog catalog, MoneyReport? money)
    {
        var perPrompt = money?.Prompts.ToDictionary(m => m.Id, StringComparer.Ordinal);
        sb.Append("<table id=\"prompts\">\n<thead>\n<tr>");
        foreach (var (label, numeric) in new[]
        {
            ("Status", true), ("Prompt", false), ("File", false), ("Model", false), ("Baseline", true), ("Now", true),
            ("Δ tokens", true), ("Δ %", true), ("Cacheable prefix", true), ("Input $/1K calls", true),
        }.Concat(MoneyColumns(money)))
        {
            sb.Append("<th scope=\"col\" data-type=\"").Append(numeric ? "number" : "text").Append(numeric && label != "Status" ? "\" class=\"num\">" : "\">")
                .Append("<button type=\"button\">").Append(Encode(label)).Append("</button></th>");
        }

        sb.Append("</tr>\n</thead>\n<tbody>\n");
        var index = 0;
        foreach (var p in prompts)
        {
            var model = catalog.Find(p.Model);
            var (status, rank) = regressedIds.Contains(p.Id) ? ("regression", 0) : p.Delta is null ? ("new", 1) : p.Delta > 0 ? ("grew", 2) : p.Delta < 0 ? ("shrank", 3) : ("unchanged", 4);
            var cost = model is null ? (decimal?)null : Cost.PerThousandCalls(p.StaticTokens, model.Input);
            var percent = p.BaselineStaticTokens is { } b && b > 0 && p.Delta is { } d ? d * 100.0 / b : (double?)null;

            sb.Append("<tr data-id=\"").Append(Encode(p.Id)).Append("\" data-index=\"").Append(N0(index++)).Append('"');
            if (rank <= 1)
            {
                sb.Append(" class=\"").Append(status).Append('"');
            }

            sb.Append('>');
            Cell(sb, N0(rank), status);
            Cell(sb, p.Id, "<code>" + Encode(p.Id) + "</code>");
            Cell(sb, p.File + ":" + p.Line.ToString("D10", CultureInfo.InvariantCulture), "<code>" + Encode(p.File + ":" + N(p.Line)) + "</code>");
            Cell(sb, p.Model, Encode(p.Model) + (p.Exact ? string.Empty : " (est.)") + (p.ModelAssumed ? " (assumed)" : string.Empty), title: p.Tokenizer);
            Cell(sb, p.BaselineStaticTokens is { } baseline ? N0(baseline) : string.Empty, p.BaselineStaticTokens is { } shown ? N(shown) : "–", numeric: true);
            Cell(sb, N0(p.StaticTokens), N(p.StaticTokens), numeric: true);
            Cell(sb, p.Delta is { } delta ? N0(delta) : string.Empty, p.Delta is { } signed ? Signed(signed) : "–", numeric: true);
            Cell(sb, percent is { } value ? value.ToString("0.####", CultureInfo.InvariantCulture) : string.Empty, p.Delta is not null ? Percent(p) : "–", numeric: true);
            Cell(sb, N0(p.StaticPrefixTokens), N(p.StaticPrefixTokens) + " (" + PrefixShare(p) + ")", numeric: true);
            Cell(sb, cost is { } usd ? usd.ToString(CultureInfo.InvariantCulture) : string.Empty, cost is { } price ? Cost.Format(price) : "–", numeric: true);
            if (money is not null)
            {
                MoneyCells(sb, perPrompt!.TryGetValue(p.Id, out var m) ? m : null, money.Traffic is not null);
            }

            sb.Append("</tr>\n");
        }

        sb.Append("</tbody>\n</table>\n");
    }

    private static void Cell(StringBuilder sb, string sortKey, string html, bool numeric = false, string? title = null)
    {
        sb.Append("<td");
        if (numeric)
        {
            sb.Append(" class=\"num\"");
        }

        if (!string.IsNullOrEmpty(title))
        {
            sb.Append(" title=\"").Append(Encode(title!)).Append('"');
        }

        sb.Append(" data-sort=\"").Append(Encode(sortKey)).Append("\">").Append(html).Append("</td>");
    }

    private static string Shorten(string id)
    {
        if (id.Length <= MaxLabelLength)
        {
            return id;
        }

        var cut = MaxLabelLength - 1;
        if (char.IsLowSurrogate(id[cut]))
        {
            cut--;
        }

        return id.Substring(0, cut) + "…";
    }

    private static string Px(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Lf(string text) => text.Replace("\r\n", "\n");

    /// <summary>
    /// Escapes text for element content and quoted attributes, in HTML and in XML alike. Control characters become
    /// spaces: they are invalid in both, and a CR would break the LF-only output.
    /// </summary>
    private static string Encode(string text)
    {
        var sb = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            _ = c switch
            {
                '&' => sb.Append("&amp;"),
                '<' => sb.Append("&lt;"),
                '>' => sb.Append("&gt;"),
                '"' => sb.Append("&quot;"),
                '\'' => sb.Append("&#39;"),
                _ when c < ' ' || c == '\u007F' || c == '\uFFFE' || c == '\uFFFF' => sb.Append(' '),
                _ => sb.Append(c),
            };
        }

        return sb.ToString();
    }
}
