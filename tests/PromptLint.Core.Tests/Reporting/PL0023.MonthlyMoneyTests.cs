
using PromptLint.Contracts.Baseline;
using PromptLint.Contracts.Pricing;
using PromptLint.Contracts.Reporting;
using PromptLint.Contracts.Traffic;
using PromptLint.Reporting;

namespace PromptLint.Core.Tests.Reporting;

// Issue 31 items 3 and 4: money per call in the report, and with a traffic file money per month, its headline and the
// PASS/WARN/FAIL verdict against the monthly budget. Money is decimal, each prompt's month rounded to the cent.
public class MonthlyMoneyTests
{
    private static ReportPrompt Prompt(string id, string model, int tokens, int? cap, int? baseline = null) => new()
    {
        Id = id, File = id, Line = 1, Role = "system", Model = model, Tokenizer = "o200k_base", Exact = true,
        StaticTokens = tokens, StaticPrefixTokens = tokens, OutputCap = cap, BaselineStaticTokens = baseline ?? tokens, Delta = tokens - (baseline ?? tokens), ContentHash = "h",
    };

    private static FootprintReport Report(params ReportPrompt[] prompts)
    {
        var report = new FootprintReport { Project = "Shop" };
        report.Prompts.AddRange(prompts);
        return report;
    }

    private static BaselineDocument Baseline(params BaselineEntry[] entries) => BaselineSerializer.Parse(BaselineSerializer.Write(entries));

    private static TrafficFile Traffic(string json) => TrafficSerializer.Parse(json).File!;

    private static readonly FootprintReport Swapped = Report(Prompt("support.triage", "gpt-4o", 800, 256), Prompt("notes", "gpt-4o-mini", 100, 100));

    private static readonly BaselineDocument Accepted = Baseline(
        new BaselineEntry("support.triage", "o200k_base", "gpt-4o-mini", 256, 800, 800, 0, "h"),
        new BaselineEntry("notes", "o200k_base", "gpt-4o-mini", 100, 100, 100, 0, "h"));

    private static readonly TrafficFile HandWritten = Traffic("""
        { "source": "hand-written: launch estimate", "defaultCallsPerDay": 10,
          "prompts": [ { "id": "support.triage", "callsPerDay": 2000 } ] }
        """);

    [Fact]
    public void MonthlyDelta_IsCallsPerDayTimes30TimesTheDeltaPerCall_ToTheCent()
    {
        var money = MoneyReport.Build(Swapped, Accepted, ModelCatalog.Shipped, HandWritten);

        var before = CallCost.Of(ModelCatalog.Shipped, "gpt-4o-mini", 800, 800, 256)!.Total;
        var after = CallCost.Of(ModelCatalog.Shipped, "gpt-4o", 800, 800, 256)!.Total;
        var triage = money.Prompts.Single(p => p.Id == "support.triage");
        Assert.Equal(decimal.Round(2000m * 30 * (after - before), 2, MidpointRounding.AwayFromZero), triage.MonthlyDelta);
        Assert.Equal(257.18m, triage.MonthlyDelta);
        Assert.Equal("model swap", triage.Cause);
        Assert.Equal(0m, money.Prompts.Single(p => p.Id == "notes").MonthlyDelta);
        Assert.Equal(257.18m, money.MonthlyDelta);
    }

    [Theory]
    [InlineData(null, BudgetVerdict.None)]
    [InlineData("100", BudgetVerdict.Fail)]
    [InlineData("300", BudgetVerdict.Warn)] // 257.18 > 240 (80%)
    [InlineData("321.47", BudgetVerdict.Warn)] // 80% = 257.176
    [InlineData("321.48", BudgetVerdict.Pass)] // 80% = 257.184
    [InlineData("1000", BudgetVerdict.Pass)]
    public void Verdict_FailsOverTheBudget_WarnsOver80Percent(string? budget, BudgetVerdict expected)
        => Assert.Equal(expected, MoneyReport.Build(Swapped, Accepted, ModelCatalog.Shipped, HandWritten, budget is null ? null : decimal.Parse(budget, System.Globalization.CultureInfo.InvariantCulture)).Verdict);

    [Fact]
    public void WithoutTraffic_ThereIsNoMonthAndNoVerdict_AndTheHeadlineSaysWhatIsAssumed()
    {
        var money = MoneyReport.Build(Swapped, Accepted, ModelCatalog.Shipped, traffic: null, budget: 100);

        Assert.Null(money.MonthlyDelta);
        Assert.Equal(BudgetVerdict.None, money.Verdict);
        Assert.StartsWith("No traffic file", money.Headline(id => id));
        Assert.Equal("Budget not checked: no traffic file, so no money per month", money.VerdictLine());
    }

    [Fact]
    public void Markdown_LeadsWithTheMonthlyDelta_AndShowsPerPromptMoney()
    {
        var rendered = ReportFiles.Render(Swapped, Accepted, ModelCatalog.Shipped, 5, html: false, HandWritten, monthlyBudget: 100);
        var lines = rendered.Markdown.Split('\n');

        Assert.Equal("## PromptLint footprint: Shop", lines[0]);
        Assert.Equal("**❌ +$257.18/month at assumed traffic (hand-written: launch estimate); 1 prompt; largest: `support.triage` +$257.18, model swap**", lines[2]);
        Assert.Equal("FAIL: +$257.18/month is over the monthly budget of $100.00", lines[4]);
        Assert.Contains("| $/call | Δ $/call | Calls/day | Δ $/month |", rendered.Markdown);
        Assert.Contains("| $0.00456 (cap 256) | +$0.00429 (model swap) | 2,000 | +$257.18 |", rendered.Markdown);
        Assert.Contains("| 10 | $0.00 |", rendered.Markdown);
    }

    [Fact]
    public void Markdown_ModelSwapWithNoTokenChange_IsAChangedPrompt_AndACostRegression()
    {
        var report = Report(Prompt("support.triage", "gpt-4o", 800, 256), Prompt("notes", "gpt-4o-mini", 100, 100));
        report.Diagnostics.Add(new ReportDiagnostic { Id = "PL0022", Severity = "error", File = "support.triage", Line = 1, Message = "costs more", PromptId = "support.triage" });

        var markdown = ReportFiles.Render(report, Accepted, ModelCatalog.Shipped, 5, html: false).Markdown;

        Assert.Contains("❌ 1 cost regression: `support.triage` $0.000274 → $0.00456 per call (model swap)\n", markdown);
        Assert.Contains("✅ 2 prompts, 900 tokens (0 vs baseline, 0.0%), no token regression\n", markdown);
        var changed = markdown.Substring(markdown.IndexOf("### Changed prompts", StringComparison.Ordinal));
        Assert.Contains("| ❌ | `support.triage` |", changed.Substring(0, changed.IndexOf("<details>", StringComparison.Ordinal)));
        Assert.Contains("1 unchanged prompt", markdown);
    }

    [Fact]
    public void MeasuredWindow_IsNamedInTheHeadline()
    {
        var measured = Traffic("""
            { "window": { "start": "2026-11-30T00:00:00Z", "end": "2026-12-07T00:00:00Z" },
              "prompts": [ { "id": "support.triage", "callsPerDay": 2000 } ] }
            """);

        Assert.StartsWith("+$257.18/month at the last 7 days' traffic; 1 prompt; largest: support.triage +$257.18, model swap", MoneyReport.Build(Swapped, Accepted, ModelCatalog.Shipped, measured).Headline(id => id));
    }

    [Fact]
    public void Json_HasAMoneySection_ByteIdenticalOnRepeat()
    {
        var first = ReportFiles.Render(Swapped, Accepted, ModelCatalog.Shipped, 5, false, HandWritten, 100).Json;
        var second = ReportFiles.Render(Swapped, Accepted, ModelCatalog.Shipped, 5, false, HandWritten, 100).Json;

        Assert.Equal(first, second);
        Assert.Contains("\"money\": {", first);
        Assert.Contains("\"monthlyDelta\": 257.18", first);
        Assert.Contains("\"verdict\": \"fail\"", first);
        Assert.Contains("\"cause\": \"model swap\"", first);
        Assert.DoesNotContain('\r', first);
    }

    [Fact]
    public void UnknownModel_AddsNothing_AndSaysWhy()
    {
        var report = Report(Prompt("inhouse", "in-house-7b", 800, 256));
        var money = MoneyReport.Build(report, Baseline(new BaselineEntry("inhouse", "o200k_base", "in-house-6b", 256, 800, 800, 0, "h")), ModelCatalog.Shipped, HandWritten, 1);

        var prompt = Assert.Single(money.Prompts);
        Assert.Null(prompt.MonthlyDelta);
        Assert.Equal("no price for 'in-house-7b'", prompt.Assumption);
        Assert.Equal(BudgetVerdict.Pass, money.Verdict);
    }

    [Fact]
    public void FirstFormatEntry_IsPricedAsIfModelAndCapWereAsNow()
    {
        var money = MoneyReport.Build(Report(Prompt("support.triage", "gpt-4o", 800, 256)), Baseline(new BaselineEntry("support.triage", "o200k_base", 800, 800, 0, "h")), ModelCatalog.Shipped, HandWritten);

        var prompt = Assert.Single(money.Prompts);
        Assert.Equal(0m, prompt.MonthlyDelta);
        Assert.Equal("baseline entry has no model or cap yet: assumed as now", prompt.Assumption);
    }

    [Fact]
    public void NewAndRemovedPrompts_AddAndTakeOffTheirWholeCost()
    {
        var report = Report(Prompt("fresh", "gpt-4o-mini", 1000, 100, baseline: null));
        report.Prompts[0].BaselineStaticTokens = null;
        report.Prompts[0].Delta = null;
        var money = MoneyReport.Build(report, Baseline(new BaselineEntry("gone", "o200k_base", "gpt-4o-mini", 100, 500, 500, 0, "h")), ModelCatalog.Shipped, Traffic("""{ "defaultCallsPerDay": 1000 }"""));

        // fresh: 1,000 × $0.15 + 100 × $0.60 per 1M = $0.00021 a call; gone: 500 × $0.15 + 100 × $0.60 = $0.000135.
        Assert.Equal(6.30m, money.Prompts.Single(p => p.Id == "fresh").MonthlyDelta);
        Assert.Equal(-4.05m, money.Prompts.Single(p => p.Id == "gone").MonthlyDelta);
        Assert.Equal(2.25m, money.MonthlyDelta);
    }
}
