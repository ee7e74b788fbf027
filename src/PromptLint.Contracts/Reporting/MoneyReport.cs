using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

using PromptLint.Contracts.Baseline;
using PromptLint.Contracts.Pricing;
using PromptLint.Contracts.Traffic;

namespace PromptLint.Contracts.Reporting;

/// <summary>The report's verdict against <c>PromptLintMonthlyBudget</c>.</summary>
public enum BudgetVerdict
{
    /// <summary>No budget set, or no traffic to compute money per month from.</summary>
    None,

    /// <summary>The monthly delta is at most <see cref="MoneyReport.WarnShare"/> of the budget.</summary>
    Pass,

    /// <summary>The monthly delta is over <see cref="MoneyReport.WarnShare"/> of the budget, and not over it.</summary>
    Warn,

    /// <summary>The monthly delta is over the budget.</summary>
    Fail,
}

/// <summary>One prompt's cost per call now and as accepted, and what the change costs a month at its traffic.</summary>
public sealed class PromptMoney
{
    internal PromptMoney(string id, string model, CallCost? now, CallCost? accepted, string cause, string? assumption, TrafficEstimate traffic, decimal? monthly)
    {
        Id = id;
        Model = model;
        Now = now;
        Accepted = accepted;
        Cause = cause;
        Assumption = assumption;
        Traffic = traffic;
        MonthlyDelta = monthly;
    }

    /// <summary>Prompt id.</summary>
    public string Id { get; }

    /// <summary>The model it is sent to now (empty for a removed prompt).</summary>
    public string Model { get; }

    /// <summary>Its cost per call now; null when removed, or when the catalogue has no price for the model.</summary>
    public CallCost? Now { get; }

    /// <summary>The accepted call's cost at today's prices; null for a new prompt or an unknown price.</summary>
    public CallCost? Accepted { get; }

    /// <summary>Now minus accepted per call (a new prompt adds its whole cost, a removed one takes its cost off); null when a price is unknown.</summary>
    public decimal? DeltaPerCall
        => Now is not null && Accepted is not null ? Now.Total - Accepted.Total
            : Now is not null && IsNew ? Now.Total
            : Accepted is not null && IsRemoved ? -Accepted.Total
            : null;

    /// <summary>True when the baseline has no entry for the prompt.</summary>
    public bool IsNew { get; internal set; }

    /// <summary>True when the baseline has an entry and no prompt has its id any more.</summary>
    public bool IsRemoved { get; internal set; }

    /// <summary>"model swap", "output cap", "tools", "tokens", "new prompt", "removed", or "–".</summary>
    public string Cause { get; }

    /// <summary>What was assumed to price it, when something was ("no price for 'x'", "baseline entry predates cost fields").</summary>
    public string? Assumption { get; }

    /// <summary>Its calls per day and where they come from.</summary>
    public TrafficEstimate Traffic { get; }

    /// <summary>Calls per day × 30 × <see cref="DeltaPerCall"/>, rounded to the cent (half away from zero); null without traffic or a price.</summary>
    public decimal? MonthlyDelta { get; }
}

/// <summary>
/// Money for the pull-request report: each prompt's cost per call now and as accepted (both at today's catalogue prices),
/// and, with a traffic file, the change in money per month and a verdict against an optional monthly budget.
/// Pure decimal arithmetic: each prompt's month is rounded to the cent (half away from zero) and the total is the sum
/// of those, so the table adds up to the headline on every machine.
/// </summary>
public sealed class MoneyReport
{
    /// <summary>The share of the budget over which the verdict is WARN (80%).</summary>
    public const decimal WarnShare = 0.8m;

    private MoneyReport(IReadOnlyList<PromptMoney> prompts, TrafficFile? traffic, decimal? budget, bool complete = true)
    {
        Prompts = prompts;
        Traffic = traffic;
        Budget = budget;
        IsComplete = complete;
    }

    /// <summary>
    /// False for <see cref="CostRegressionsOnly"/>: only the prompts PL0022 reports are priced, for the report's
    /// cost-regression line; the reports then show no money section.
    /// </summary>
    public bool IsComplete { get; }

    /// <summary>Every prompt of the report and every removed baseline entry, by id.</summary>
    public IReadOnlyList<PromptMoney> Prompts { get; }

    /// <summary>The traffic file, when one was given.</summary>
    public TrafficFile? Traffic { get; }

    /// <summary>The monthly budget for the delta (USD), when one was given.</summary>
    public decimal? Budget { get; }

    /// <summary>The sum of the prompts' monthly deltas; null without traffic.</summary>
    public decimal? MonthlyDelta => Traffic is null ? null : Prompts.Sum(p => p.MonthlyDelta ?? 0m);

    /// <summary>The prompts whose month changes, largest change first (ties by id).</summary>
    public IReadOnlyList<PromptMoney> Changed
        => Prompts.Where(p => p.MonthlyDelta is { } m && m != 0).OrderByDescending(p => Math.Abs(p.MonthlyDelta!.Value)).ThenBy(p => p.Id, StringComparer.Ordinal).ToList();

    /// <summary>PASS, WARN or FAIL against the budget; None without a budget or without traffic.</summary>
    public BudgetVerdict Verdict
        => Budget is not { } budget || MonthlyDelta is not { } delta ? BudgetVerdict.None
            : delta > budget ? BudgetVerdict.Fail
            : delta > budget * WarnShare ? BudgetVerdict.Warn
            : BudgetVerdict.Pass;

    /// <summary>Prices the report's prompts, and with <paramref name="traffic"/> their change per month.</summary>
    /// <param name="report">The measured prompts.</param>
    /// <param name="baseline">The committed baseline, when there is one.</param>
    /// <param name="catalog">Models and prices.</param>
    /// <param name="traffic">Calls per day per prompt id, when known.</param>
    /// <param name="budget">The monthly budget for the delta, when set.</param>
    public static MoneyReport Build(FootprintReport report, BaselineDocument? baseline, ModelCatalog catalog, TrafficFile? traffic = null, decimal? budget = null)
    {
        var entries = baseline is { IsUsable: true } ? baseline.Entries : new Dictionary<string, BaselineEntry>(StringComparer.Ordinal);
        var prompts = new List<PromptMoney>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in report.Prompts)
        {
            seen.Add(p.Id);
            prompts.Add(WithMonthly(Price(p, entries, baseline, catalog, traffic), traffic));
        }

        foreach (var entry in entries.Values.Where(e => !seen.Contains(e.Id)).OrderBy(e => e.Id, StringComparer.Ordinal))
        {
            var accepted = entry.RecordsCost ? CallCost.Of(catalog, entry.Model, entry.StaticTokens, entry.StaticPrefixTokens, entry.OutputCap, entry.ToolSchemaTokens) : null;
            var item = new PromptMoney(entry.Id, string.Empty, null, accepted, "removed", accepted is null ? "baseline entry has no model or price" : null, traffic?.For(entry.Id) ?? TrafficEstimate.None, null) { IsRemoved = true };
            prompts.Add(WithMonthly(item, traffic));
        }

        return new MoneyReport(prompts.OrderBy(p => p.Id, StringComparer.Ordinal).ToList(), traffic, budget);
    }

    /// <summary>
    /// Prices only the prompts PL0022 reports (for the report's "cost regression" line), or returns null when it reports
    /// none: a build without a traffic file or a budget prices nothing else.
    /// </summary>
    /// <param name="report">The measured prompts and findings.</param>
    /// <param name="baseline">The committed baseline, when there is one.</param>
    /// <param name="catalog">Models and prices.</param>
    public static MoneyReport? CostRegressionsOnly(FootprintReport report, BaselineDocument? baseline, ModelCatalog catalog)
    {
        if (baseline is not { IsUsable: true } || !report.Diagnostics.Any(d => d.Id == PromptLint.Contracts.Rules.RuleIds.CostRegressed && d.PromptId is not null))
        {
            return null;
        }

        var ids = new HashSet<string>(report.Diagnostics.Where(d => d.Id == PromptLint.Contracts.Rules.RuleIds.CostRegressed && d.PromptId is not null).Select(d => d.PromptId!), StringComparer.Ordinal);
        var prompts = report.Prompts.Where(p => ids.Contains(p.Id)).Select(p => Price(p, baseline.Entries, baseline, catalog, null)).OrderBy(p => p.Id, StringComparer.Ordinal).ToList();
        return new MoneyReport(prompts, null, null, complete: false);
    }

    // One prompt's cost now and as accepted, and the main cause of the change.
    private static PromptMoney Price(ReportPrompt p, IReadOnlyDictionary<string, BaselineEntry> entries, BaselineDocument? baseline, ModelCatalog catalog, TrafficFile? traffic)
    {
        var now = CallCost.Of(catalog, p.Model, p.StaticTokens, p.StaticPrefixTokens, p.OutputCap, p.ToolSchemaTokens);
        var assumption = now is null ? $"no price for '{p.Model}'" : null;
        entries.TryGetValue(p.Id, out var entry);
        CallCost? accepted = null;
        var cause = "–";
        if (entry is null)
        {
            cause = baseline is { IsUsable: true } ? "new prompt" : "–";
        }
        else if (entry.RecordsCost)
        {
            accepted = CallCost.Of(catalog, entry.Model, entry.StaticTokens, entry.StaticPrefixTokens, entry.OutputCap, entry.ToolSchemaTokens);
            assumption ??= accepted is null ? $"no price for the accepted model '{entry.Model}'" : null;
            var change = CostChange.Compare(catalog, entry, p.Model, p.StaticTokens, p.StaticPrefixTokens, p.ToolSchemaTokens, p.OutputCap);
            cause = change is { Delta: not 0 } ? change.MainCause() : "–";
        }
        else
        {
            // A first-format entry does not say what the accepted call cost: priced as if model and cap were as now.
            accepted = CallCost.Of(catalog, p.Model, entry.StaticTokens, entry.StaticPrefixTokens, p.OutputCap, entry.ToolSchemaTokens);
            assumption ??= "baseline entry has no model or cap yet: assumed as now";
            cause = entry.StaticTokens != p.StaticTokens ? "tokens" : "–";
        }

        return new PromptMoney(p.Id, p.Model, now, accepted, cause, assumption, traffic?.For(p.Id) ?? TrafficEstimate.None, null) { IsNew = entry is null && baseline is { IsUsable: true } };
    }

    private static PromptMoney WithMonthly(PromptMoney item, TrafficFile? traffic)
    {
        if (traffic is null || item.Traffic.Basis == TrafficBasis.None || item.DeltaPerCall is not { } delta)
        {
            return item;
        }

        var monthly = decimal.Round(item.Traffic.CallsPerMonth * delta, 2, MidpointRounding.AwayFromZero);
        return new PromptMoney(item.Id, item.Model, item.Now, item.Accepted, item.Cause, item.Assumption, item.Traffic, monthly) { IsNew = item.IsNew, IsRemoved = item.IsRemoved };
    }

    /// <summary>
    /// The line report.md leads with: "+$412.00/month at the last 7 days' traffic; 3 prompts; largest: support.triage
    /// +$388.00, model swap", or what was assumed when there is no traffic file.
    /// </summary>
    /// <param name="code">Renders a prompt id in the target format.</param>
    public string Headline(Func<string, string> code)
    {
        if (Traffic is null)
        {
            return "No traffic file (PromptLintTrafficFile, promptlint check --traffic): costs are per call at list price, worst case at each output cap; no money per month is computed.";
        }

        var changed = Changed;
        var text = Monthly(MonthlyDelta ?? 0) + "/month at " + TrafficBasisText();
        if (changed.Count == 0)
        {
            return text + "; no prompt's cost per call changed";
        }

        var largest = changed[0];
        return text + "; " + changed.Count.ToString("N0", CultureInfo.InvariantCulture) + (changed.Count == 1 ? " prompt" : " prompts")
            + "; largest: " + code(largest.Id) + " " + Monthly(largest.MonthlyDelta!.Value) + (largest.Cause == "–" ? string.Empty : ", " + largest.Cause);
    }

    /// <summary>"**FAIL**: +$412.00/month is over the monthly budget of $300.00", or null without a verdict.</summary>
    public string? VerdictLine()
        => Verdict switch
        {
            BudgetVerdict.Fail => $"FAIL: {Monthly(MonthlyDelta!.Value)}/month is over the monthly budget of {Dollars(Budget!.Value)}",
            BudgetVerdict.Warn => $"WARN: {Monthly(MonthlyDelta!.Value)}/month is over {(WarnShare * 100).ToString("0", CultureInfo.InvariantCulture)}% of the monthly budget of {Dollars(Budget!.Value)}",
            BudgetVerdict.Pass => $"PASS: {Monthly(MonthlyDelta!.Value)}/month is within the monthly budget of {Dollars(Budget!.Value)}",
            _ => Budget is not null && Traffic is null ? "Budget not checked: no traffic file, so no money per month" : null,
        };

    private string TrafficBasisText()
    {
        if (Traffic!.WindowDays is { } days)
        {
            return "the last " + days.ToString("0.#", CultureInfo.InvariantCulture) + (days == 1 ? " day's" : " days'") + " traffic";
        }

        return "assumed traffic" + (Traffic.Source is { } source ? " (" + source.Replace("\n", " ").Replace("|", "/") + ")" : string.Empty);
    }

    /// <summary>"+$388.00", "-$12.50", "$0.00": to the cent, invariant.</summary>
    public static string Monthly(decimal value) => value > 0 ? "+" + Dollars(value) : value < 0 ? "-" + Dollars(-value) : "$0.00";

    /// <summary>"$1,240.00".</summary>
    public static string Dollars(decimal value) => "$" + decimal.Round(value, 2, MidpointRounding.AwayFromZero).ToString("N2", CultureInfo.InvariantCulture);
}
