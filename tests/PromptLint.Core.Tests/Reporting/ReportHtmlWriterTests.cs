using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

using PromptLint.Contracts.Baseline;
using PromptLint.Contracts.Pricing;
using PromptLint.Contracts.Reporting;
using PromptLint.Reporting;

namespace PromptLint.Core.Tests.Reporting;

/// <summary>report.html against a golden file, byte for byte, and parsed as XHTML. Set PROMPTLINT_UPDATE_GOLDEN=1 to rewrite the golden file after a deliberate change.</summary>
public class ReportHtmlWriterTests
{
    private static readonly XNamespace Xhtml = "http://www.w3.org/1999/xhtml";
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static readonly BaselineEntry[] Removed = { new("Prompts/old-greeting.txt", "o200k_base", 75, 75, 0, "sha256:0") };

    private static ReportPrompt Prompt(string id, int now, int? baseline, string model = "gpt-4o", bool exact = true, int prefix = -1, int tools = 0)
        => new()
        {
            Id = id, File = id.Contains('/') ? id : "Prompts.cs", Line = 12, Role = "system", Model = model, Tokenizer = exact ? "o200k_base" : "estimate", Exact = exact,
            StaticTokens = now, StaticPrefixTokens = prefix < 0 ? now : prefix, ToolSchemaTokens = tools, BaselineStaticTokens = baseline, Delta = baseline is null ? null : now - baseline,
        };

    private static FootprintReport Mixed()
        => ReportBuilder.Build(
            "Contoso.Support",
            new[]
            {
                Prompt("support.triage", 1040, 812, prefix: 30),
                Prompt("Contoso.Support.Prompts.Faq", 300, 340),
                Prompt("Contoso.Support.Tools.Lookup", 520, 520, prefix: 400, tools: 180),
                Prompt("Prompts/refund.md", 111, null),
                Prompt("Prompts/answer.prompty", 54, 54, "gpt-4.1-mini"),
                Prompt("Contoso.Support.Claude.Ask#1", 220, 200, "claude-sonnet-4-5", exact: false),
                Prompt("Prompts/escalate.yaml", 27, 27, "helpdesk-escalations", exact: false),
            },
            new[] { new ReportDiagnostic { Id = "PL0001", Severity = "error", File = "Prompts.cs", Line = 12, Message = "Prompt 'support.triage' grew from 812 to 1,040 tokens (+228, +28.1%, limit +5% and 20 tokens).", PromptId = "support.triage" } });

    private static string Render(FootprintReport report, IReadOnlyList<BaselineEntry>? removed = null, params string[] regressed)
        => ReportHtmlWriter.Write(report, removed ?? Removed, regressed, 5, ModelCatalog.Shipped);

    [Fact]
    public void FindingsWithASaving_AreListedWithTokensAndCost()
    {
        var report = ReportBuilder.Build(
            "Contoso.Support",
            new[] { new ReportPrompt { Id = "Prompts/tone.md", File = "Prompts/tone.md", Line = 1, Role = "system", Model = "gpt-4o-mini", Tokenizer = "o200k_base", Exact = true, StaticTokens = 40, StaticPrefixTokens = 40 } },
            new[] { new ReportDiagnostic { Id = "PL0010", Severity = "info", File = "Prompts/tone.md", Line = 1, Message = "m", PromptId = "Prompts/tone.md", TokensSaved = 4 } });

        var html = ReportHtmlWriter.Write(report, Array.Empty<BaselineEntry>(), Array.Empty<string>(), 5, ModelCatalog.Shipped);

        Assert.Contains("1 finding states a saving", html);
        Assert.Contains("<tr><td>PL0010</td><td><code>Prompts/tone.md</code></td><td><code>Prompts/tone.md:1</code></td><td class=\"num\">4</td><td class=\"num\">$0.0006</td></tr>", html);
    }

    [Fact]
    public void RegressionNewRemovedUnchangedAndEstimates_MatchTheGoldenFile()
        => Golden.AssertMatches("report.html", Render(Mixed(), regressed: "support.triage"));

    [Fact]
    public void Output_IsWellFormedXhtml()
    {
        var document = Parse(Render(Mixed(), regressed: "support.triage"));

        Assert.Equal(Xhtml + "html", document.Root!.Name);
        Assert.Equal("html", document.DocumentType?.Name);
        Assert.Single(document.Descendants(Xhtml + "script"));
        Assert.Single(document.Descendants(Xhtml + "style"));
    }

    [Fact]
    public void EveryPromptHasATableRow_TheChartIsSvg_AndNothingIsFetched()
    {
        var report = Mixed();
        var html = Render(report, regressed: "support.triage");
        var document = Parse(html);

        var rowIds = document.Descendants(Xhtml + "table").Single(t => (string?)t.Attribute("id") == "prompts")
            .Descendants(Xhtml + "tr").Select(tr => (string?)tr.Attribute("data-id")).Where(id => id is not null).ToList();
        Assert.Equal(report.Prompts.Select(p => p.Id), rowIds);
        Assert.Contains("<tr data-id=\"Prompts/old-greeting.txt\">", html);
        Assert.Single(document.Descendants(Svg + "svg"));
        Assert.Contains("<svg", html);

        var urls = Regex.Matches(html, "https?://[^\"'\\s<>]*").Select(m => m.Value).Distinct().ToList();
        Assert.All(urls, url => Assert.Contains(url, new[] { Xhtml.NamespaceName, Svg.NamespaceName }));
        Assert.DoesNotContain(" src=", html);
        Assert.DoesNotContain(" href=", html);
    }

    [Fact]
    public void Verdict_IsTheMarkdownVerdictWithoutBackticks()
    {
        foreach (var regressed in new[] { new[] { "support.triage" }, Array.Empty<string>() })
        {
            var markdown = ReportMarkdownWriter.Write(Mixed(), Removed, regressed, 5, ModelCatalog.Shipped);
            var verdict = Parse(ReportHtmlWriter.Write(Mixed(), Removed, regressed, 5, ModelCatalog.Shipped))
                .Descendants(Xhtml + "p").Single(p => ((string?)p.Attribute("class"))?.StartsWith("verdict", StringComparison.Ordinal) == true);

            Assert.Equal(markdown.Split('\n')[2].Replace("`", string.Empty), verdict.Value);
            Assert.Equal(regressed.Length > 0 ? "verdict fail" : "verdict", (string?)verdict.Attribute("class"));
        }
    }

    [Fact]
    public void EveryTableCell_HasASortKey_AndEveryHeaderAType()
    {
        var table = Parse(Render(Mixed())).Descendants(Xhtml + "table").Single(t => (string?)t.Attribute("id") == "prompts");
        var headers = table.Descendants(Xhtml + "th").ToList();

        Assert.All(headers, th => Assert.Contains((string?)th.Attribute("data-type"), new[] { "number", "text" }));
        Assert.All(table.Element(Xhtml + "tbody")!.Elements(Xhtml + "tr"), tr =>
        {
            Assert.Equal(headers.Count, tr.Elements(Xhtml + "td").Count());
            Assert.All(tr.Elements(Xhtml + "td"), td => Assert.NotNull(td.Attribute("data-sort")));
        });
    }

    [Fact]
    public void MarkupInIdsModelsAndMessages_IsEscaped()
    {
        const string nasty = "x<script>alert('&\"')</script>";
        var report = ReportBuilder.Build(
            "A&B <Project>",
            new[] { Prompt(nasty, 10, 8, model: "m<o>d&l\"'", exact: false) },
            new[] { new ReportDiagnostic { Id = "PL0001", Severity = "warning", File = "a&b.cs", Line = 3, Message = "grew <a lot> & \"then\" 'some'\r\nmore" } });

        var html = Render(report, new[] { new BaselineEntry("gone<&>", "o200k_base", 5, 5, 0, "sha256:0") }, nasty);
        var document = Parse(html);

        Assert.DoesNotContain("<script>alert", html);
        Assert.Contains("x&lt;script&gt;alert(&#39;&amp;&quot;&#39;)&lt;/script&gt;", html);
        Assert.Contains(document.Descendants(Xhtml + "tr"), tr => (string?)tr.Attribute("data-id") == nasty);
        Assert.Contains(document.Descendants(Xhtml + "tr"), tr => (string?)tr.Attribute("data-id") == "gone<&>");
        Assert.Contains(document.Descendants(Xhtml + "td"), td => td.Value == "m<o>d&l\"' (est.)");
        Assert.Equal("PromptLint footprint: A&B <Project>", document.Descendants(Xhtml + "h1").Single().Value);
        Assert.Contains(document.Descendants(Xhtml + "li"), li => li.Value.EndsWith("grew <a lot> & \"then\" 'some'  more", StringComparison.Ordinal));
        Assert.DoesNotContain('\r', html);
    }

    [Fact]
    public void PrefixSplit_TextPrefixAfterTheTools_RestAfterTheFirstHole()
    {
        var html = Render(ReportBuilder.Build("Demo", new[] { Prompt("tools", 520, 520, prefix: 400, tools: 180) }, Array.Empty<ReportDiagnostic>()), Array.Empty<BaselineEntry>());

        Assert.Equal(new[] { "tools – cacheable prefix (text): 220 tokens", "tools – after the first hole: 120 tokens", "tools – tool schemas: 180 tokens" }, SegmentTitles(html));
    }

    [Fact]
    public void PrefixEndingInsideTheTools_NoNegativeSegment_PartsStillAddUpToTheTotal()
    {
        var html = Render(ReportBuilder.Build("Demo", new[] { Prompt("volatile-tools", 520, 520, prefix: 50, tools: 180) }, Array.Empty<ReportDiagnostic>()), Array.Empty<BaselineEntry>());

        Assert.Equal(new[] { "volatile-tools – after the first hole: 340 tokens", "volatile-tools – tool schemas: 180 tokens" }, SegmentTitles(html));
    }

    [Fact]
    public void NoPrompts_StillAWellFormedPageWithAChart()
    {
        var document = Parse(Render(ReportBuilder.Build("Empty", Array.Empty<ReportPrompt>(), Array.Empty<ReportDiagnostic>()), Array.Empty<BaselineEntry>()));

        Assert.Single(document.Descendants(Svg + "svg"));
        Assert.Contains("✅ 0 prompts, 0 tokens (no baseline yet), no regression", document.Root!.Value);
    }

    [Fact]
    public void SameInput_SameBytes()
    {
        Assert.Equal(Render(Mixed(), regressed: "support.triage"), Render(Mixed(), regressed: "support.triage"));
        Assert.DoesNotContain('\r', Render(Mixed()));
    }

    private static List<string> SegmentTitles(string html)
        => Parse(html).Descendants(Svg + "rect").Select(r => r.Element(Svg + "title")).OfType<XElement>().Select(t => t.Value).ToList();

    // No HTML parser in the test dependencies: the writer emits XHTML-compatible markup, so an XML parser is a strict check.
    private static XDocument Parse(string html)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Parse, XmlResolver = null };
        using var reader = XmlReader.Create(new StringReader(html), settings);
        return XDocument.Load(reader);
    }
}
