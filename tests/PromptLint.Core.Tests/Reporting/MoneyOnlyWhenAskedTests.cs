using System.Xml;
using System.Xml.Linq;

using PromptLint.Contracts.Baseline;
using PromptLint.Contracts.Pricing;
using PromptLint.Contracts.Reporting;
using PromptLint.Contracts.Traffic;
using PromptLint.Reporting;

namespace PromptLint.Core.Tests.Reporting;

// Issue 31, "no extra cost when unused": the money section of the reports (cost per call, per month, the budget verdict)
// exists only when a traffic file or a budget is configured; report.html carries the same money as report.md then.
public class MoneyOnlyWhenAskedTests
{
    private static readonly XNamespace Xhtml = "http://www.w3.org/1999/xhtml";

    private static ReportPrompt Prompt(string id, string model, int tokens, int? cap) => new()
    {
        Id = id, File = id, Line = 1, Role = "system", Model = model, Tokenizer = "o200k_base", Exact = true,
        StaticTokens = tokens, StaticPrefixTokens = tokens, OutputCap = cap, BaselineStaticTokens = tokens, Delta = 0, ContentHash = "h",
    };

    // support.triage moved from gpt-4o-mini to gpt-4o with the same 800 tokens and cap; notes did not change.
    private static FootprintReport Swapped(bool withCostFinding = false)
    {
        var report = new FootprintReport { Project = "Shop" };
        report.Prompts.Add(Prompt("notes", "gpt-4o-mini", 100, 100));
        report.Prompts.Add(Prompt("support.triage", "gpt-4o", 800, 256));
        if (withCostFinding)
        {
            report.Diagnostics.Add(new ReportDiagnostic { Id = "PL0022", Severity = "error", File = "support.triage", Line = 1, Message = "costs more", PromptId = "support.triage" });
        }

        return report;
    }

    private static readonly BaselineDocument Accepted = BaselineSerializer.Parse(BaselineSerializer.Write(new[]
    {
        new BaselineEntry("notes", "o200k_base", "gpt-4o-mini", 100, 100, 100, 0, "h"),
        new BaselineEntry("support.triage", "o200k_base", "gpt-4o-mini", 256, 800, 800, 0, "h"),
    }));

    private static readonly TrafficFile HandWritten = TrafficSerializer.Parse("""
        { "source": "hand-written: <launch> & estimate", "defaultCallsPerDay": 10,
          "prompts": [ { "id": "support.triage", "callsPerDay": 2000 } ] }
        """).File!;

    [Fact]
    public void NoTrafficAndNoBudget_NoReportHasAMoneySection()
    {
        var rendered = ReportFiles.Render(Swapped(), Accepted, ModelCatalog.Shipped, 5, html: true);

        Assert.Null(rendered.Money);
        Assert.DoesNotContain("\"money\"", rendered.Json);
        Assert.DoesNotContain("$/call", rendered.Markdown);
        Assert.DoesNotContain("No traffic file", rendered.Markdown);
        Assert.DoesNotContain("$/call", rendered.Html);
        Assert.DoesNotContain("id=\"money\"", rendered.Html);
    }

    [Fact]
    public void NoTrafficAndNoBudget_ReportsAreTheMoneyFreeWriters_Output()
    {
        var report = Swapped();
        var rendered = ReportFiles.Render(report, Accepted, ModelCatalog.Shipped, 5, html: true);

        Assert.Equal(ReportJsonWriter.Write(report), rendered.Json);
        Assert.Equal(ReportMarkdownWriter.Write(report, Array.Empty<BaselineEntry>(), Array.Empty<string>(), 5, ModelCatalog.Shipped), rendered.Markdown);
        Assert.Equal(ReportHtmlWriter.Write(report, Array.Empty<BaselineEntry>(), Array.Empty<string>(), 5, ModelCatalog.Shipped), rendered.Html);
    }

    [Fact]
    public void NoTrafficAndNoBudget_ACostRegressionIsStillNamedWithItsCostsPerCall_WithoutMoneyColumns()
    {
        var markdown = ReportFiles.Render(Swapped(withCostFinding: true), Accepted, ModelCatalog.Shipped, 5, html: false).Markdown;

        Assert.Contains("❌ 1 cost regression: `support.triage` $0.000274 → $0.00456 per call (model swap)\n", markdown);
        Assert.Contains("### Changed prompts", markdown);
        Assert.DoesNotContain("$/call |", markdown);
    }

    [Fact]
    public void MoneyAskedFor_ButTheTrafficFileWasUnusable_TheReportSaysNoMonthWasComputed()
    {
        var rendered = ReportFiles.Render(Swapped(), Accepted, ModelCatalog.Shipped, 5, html: false, traffic: null, monthlyBudget: null, money: true);

        Assert.NotNull(rendered.Money);
        Assert.Contains("\"monthlyDelta\": null", rendered.Json);
        Assert.Contains("No traffic file", rendered.Markdown);
        Assert.Contains("| $/call | Δ $/call |", rendered.Markdown);
    }

    [Fact]
    public void Html_WithTraffic_LeadsWithTheMarkdownHeadlineAndVerdict_AndHasThePerPromptMoneyColumns()
    {
        var rendered = ReportFiles.Render(Swapped(), Accepted, ModelCatalog.Shipped, 5, html: true, HandWritten, monthlyBudget: 100);
        var page = Parse(rendered.Html!);

        var headline = page.Descendants(Xhtml + "p").Single(p => (string?)p.Attribute("id") == "money");
        var markdownLines = rendered.Markdown.Split('\n');
        Assert.Equal(markdownLines[2].Trim('*').Replace("`", string.Empty) + markdownLines[4], headline.Value);
        Assert.Equal("verdict fail", (string?)headline.Attribute("class"));
        Assert.Equal("support.triage", headline.Descendants(Xhtml + "code").Single().Value);

        var table = page.Descendants(Xhtml + "table").Single(t => (string?)t.Attribute("id") == "prompts");
        var headers = table.Descendants(Xhtml + "th").Select(th => th.Value).ToList();
        Assert.Equal(new[] { "$/call", "Δ $/call", "Calls/day", "Δ $/month" }, headers.TakeLast(4));
        var triage = table.Descendants(Xhtml + "tr").Single(tr => (string?)tr.Attribute("data-id") == "support.triage").Elements(Xhtml + "td").Select(td => td.Value).TakeLast(4);
        Assert.Equal(new[] { "$0.00456 (cap 256)", "+$0.00429 (model swap)", "2,000", "+$257.18" }, triage);
        var notes = table.Descendants(Xhtml + "tr").Single(tr => (string?)tr.Attribute("data-id") == "notes").Elements(Xhtml + "td").ToList();
        Assert.Equal("10", notes[^2].Value);
        Assert.Equal("0.00", (string?)notes[^1].Attribute("data-sort"));
        Assert.All(table.Descendants(Xhtml + "tr").Skip(1), tr => Assert.Equal(headers.Count, tr.Elements(Xhtml + "td").Count()));
    }

    [Fact]
    public void Html_WithABudgetAndNoTraffic_HasPerCallColumnsOnly_AndSaysTheBudgetWasNotChecked()
    {
        var html = ReportFiles.Render(Swapped(), Accepted, ModelCatalog.Shipped, 5, html: true, traffic: null, monthlyBudget: 100).Html!;
        var page = Parse(html);

        Assert.Contains("Budget not checked", page.Descendants(Xhtml + "p").Single(p => (string?)p.Attribute("id") == "money").Value);
        var headers = page.Descendants(Xhtml + "th").Select(th => th.Value).ToList();
        Assert.Contains("Δ $/call", headers);
        Assert.DoesNotContain("Δ $/month", headers);
    }

    [Fact]
    public void Html_Money_SameBytesOnRepeat_AndTheTrafficSourceIsEscaped()
    {
        var first = ReportFiles.Render(Swapped(), Accepted, ModelCatalog.Shipped, 5, html: true, HandWritten, monthlyBudget: 100).Html!;
        var second = ReportFiles.Render(Swapped(), Accepted, ModelCatalog.Shipped, 5, html: true, HandWritten, monthlyBudget: 100).Html!;

        Assert.Equal(first, second);
        Assert.DoesNotContain('\r', first);
        Assert.Contains("hand-written: &lt;launch&gt; &amp; estimate", first);
    }

    private static XDocument Parse(string html)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Parse, XmlResolver = null };
        using var reader = XmlReader.Create(new StringReader(html), settings);
        return XDocument.Load(reader);
    }
}
