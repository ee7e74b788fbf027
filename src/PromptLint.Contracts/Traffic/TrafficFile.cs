using System;
using System.Collections.Generic;
using System.Linq;

namespace PromptLint.Contracts.Traffic;

/// <summary>
/// How often each prompt is called in production: <c>promptlint.traffic.json</c>, schema
/// <see cref="Schema"/>. Written by <c>promptlint traffic</c> from the meter's metrics, or by hand
/// (calls per day per prompt id, per route, or a default). The build and <c>promptlint check</c> turn it
/// into money per month: calls per day × <see cref="DaysPerMonth"/> × cost per call.
/// </summary>
public sealed class TrafficFile
{
    /// <summary>The schema name this version reads and writes.</summary>
    public const string Schema = "promptlint.traffic/1";

    /// <summary>Days in the month the report multiplies by (a fixed 30, so a figure never depends on the calendar).</summary>
    public const int DaysPerMonth = 30;

    /// <summary>The largest calls-per-day value read (a billion calls a day per prompt); larger values are reported, not read.</summary>
    public const decimal MaxCallsPerDay = 1_000_000_000m;

    /// <summary>Creates a traffic file.</summary>
    public TrafficFile(
        IEnumerable<TrafficPrompt> prompts,
        IEnumerable<TrafficRoute>? routes = null,
        decimal? defaultCallsPerDay = null,
        string? source = null,
        DateTimeOffset? windowStart = null,
        DateTimeOffset? windowEnd = null)
    {
        Prompts = prompts.OrderBy(p => p.Id, StringComparer.Ordinal).ToList();
        Routes = (routes ?? Array.Empty<TrafficRoute>()).OrderBy(r => r.Route, StringComparer.Ordinal).ToList();
        DefaultCallsPerDay = defaultCallsPerDay;
        Source = string.IsNullOrWhiteSpace(source) ? null : source;
        WindowStart = windowStart;
        WindowEnd = windowEnd;
        _byId = new Dictionary<string, TrafficPrompt>(StringComparer.Ordinal);
        foreach (var prompt in Prompts)
        {
            _byId[prompt.Id] = prompt;
        }
    }

    private readonly Dictionary<string, TrafficPrompt> _byId;

    /// <summary>Per prompt id, sorted by id (ordinal).</summary>
    public IReadOnlyList<TrafficPrompt> Prompts { get; }

    /// <summary>Per route, sorted by route (ordinal): calls per day shared by the prompt ids each route sends.</summary>
    public IReadOnlyList<TrafficRoute> Routes { get; }

    /// <summary>Calls per day assumed for a prompt no entry names; null: such prompts have no traffic.</summary>
    public decimal? DefaultCallsPerDay { get; }

    /// <summary>Where the numbers come from (a query and its endpoint, "hand-written"), for the report; null when unsaid.</summary>
    public string? Source { get; }

    /// <summary>Start of the observed window (measured files); null for assumptions.</summary>
    public DateTimeOffset? WindowStart { get; }

    /// <summary>End of the observed window (measured files); null for assumptions.</summary>
    public DateTimeOffset? WindowEnd { get; }

    /// <summary>Length of the observed window in whole or fractional days; null without both ends.</summary>
    public double? WindowDays => WindowStart is { } start && WindowEnd is { } end && end > start ? (end - start).TotalDays : null;

    /// <summary>
    /// Calls per day for a prompt id: its own entry if there is one (measured or assumed); otherwise the sum over the
    /// routes that list it (a prompt two routes send is called by both); otherwise the default; otherwise none.
    /// </summary>
    public TrafficEstimate For(string promptId)
    {
        if (promptId is null)
        {
            throw new ArgumentNullException(nameof(promptId));
        }

        if (_byId.TryGetValue(promptId, out var prompt))
        {
            return new TrafficEstimate(prompt.CallsPerDay, TrafficBasis.Prompt, prompt.MeanInputTokens, prompt.MeanOutputTokens, route: null);
        }

        decimal sum = 0;
        string? first = null;
        var matched = 0;
        foreach (var route in Routes)
        {
            if (route.Sends(promptId))
            {
                sum += route.CallsPerDay;
                first ??= route.Route;
                matched++;
            }
        }

        if (matched > 0)
        {
            return new TrafficEstimate(sum, TrafficBasis.Route, null, null, matched == 1 ? first : $"{first} and {matched - 1} more");
        }

        return DefaultCallsPerDay is { } fallback
            ? new TrafficEstimate(fallback, TrafficBasis.Default, null, null, route: null)
            : TrafficEstimate.None;
    }
}

/// <summary>One prompt id's traffic.</summary>
public sealed class TrafficPrompt
{
    /// <summary>Creates an entry.</summary>
    public TrafficPrompt(string id, decimal callsPerDay, double? meanInputTokens = null, double? meanOutputTokens = null, int line = 0)
    {
        Id = id ?? throw new ArgumentNullException(nameof(id));
        CallsPerDay = callsPerDay;
        MeanInputTokens = meanInputTokens;
        MeanOutputTokens = meanOutputTokens;
        Line = line;
    }

    /// <summary>Prompt id, as in the baseline and the meter's <c>promptlint.prompt_id</c>.</summary>
    public string Id { get; }

    /// <summary>Calls per day.</summary>
    public decimal CallsPerDay { get; }

    /// <summary>Observed mean input tokens per call; null when not measured.</summary>
    public double? MeanInputTokens { get; }

    /// <summary>Observed mean output tokens per call; null when not measured.</summary>
    public double? MeanOutputTokens { get; }

    /// <summary>1-based line in the file it was read from (0 when built in code).</summary>
    public int Line { get; }
}

/// <summary>One route's traffic and the prompt ids it sends (exact ids or <c>*</c> patterns).</summary>
public sealed class TrafficRoute
{
    /// <summary>Creates an entry.</summary>
    public TrafficRoute(string route, decimal callsPerDay, IEnumerable<string> prompts, int line = 0)
    {
        Route = route ?? throw new ArgumentNullException(nameof(route));
        CallsPerDay = callsPerDay;
        PromptPatterns = prompts.ToList();
        Line = line;
    }

    /// <summary>Route name, as in the meter's <c>promptlint.route</c>.</summary>
    public string Route { get; }

    /// <summary>Calls per day of the route; every prompt it sends is called this often.</summary>
    public decimal CallsPerDay { get; }

    /// <summary>Prompt ids the route sends: exact ids, or patterns where <c>*</c> stands for any run of characters.</summary>
    public IReadOnlyList<string> PromptPatterns { get; }

    /// <summary>1-based line in the file it was read from (0 when built in code).</summary>
    public int Line { get; }

    /// <summary>True when one of <see cref="PromptPatterns"/> names the prompt id.</summary>
    public bool Sends(string promptId) => PromptPatterns.Any(p => Wildcard.Matches(p, promptId));
}

/// <summary>Where a prompt's calls per day came from.</summary>
public enum TrafficBasis
{
    /// <summary>No entry, no route and no default: the prompt has no traffic figure.</summary>
    None,

    /// <summary>The prompt's own entry.</summary>
    Prompt,

    /// <summary>The routes that send it.</summary>
    Route,

    /// <summary>The file's default.</summary>
    Default,
}

/// <summary>Calls per day for one prompt id and their basis.</summary>
public sealed class TrafficEstimate
{
    /// <summary>No figure.</summary>
    public static readonly TrafficEstimate None = new(0, TrafficBasis.None, null, null, null);

    internal TrafficEstimate(decimal callsPerDay, TrafficBasis basis, double? meanInputTokens, double? meanOutputTokens, string? route)
    {
        CallsPerDay = callsPerDay;
        Basis = basis;
        MeanInputTokens = meanInputTokens;
        MeanOutputTokens = meanOutputTokens;
        Route = route;
    }

    /// <summary>Calls per day (0 with <see cref="TrafficBasis.None"/>).</summary>
    public decimal CallsPerDay { get; }

    /// <summary>Calls per month: <see cref="CallsPerDay"/> × <see cref="TrafficFile.DaysPerMonth"/>.</summary>
    public decimal CallsPerMonth => CallsPerDay * TrafficFile.DaysPerMonth;

    /// <summary>Where the figure came from.</summary>
    public TrafficBasis Basis { get; }

    /// <summary>Observed mean input tokens, when the prompt's own entry measured them.</summary>
    public double? MeanInputTokens { get; }

    /// <summary>Observed mean output tokens, when the prompt's own entry measured them.</summary>
    public double? MeanOutputTokens { get; }

    /// <summary>The route (or "first and N more") for <see cref="TrafficBasis.Route"/>.</summary>
    public string? Route { get; }
}

/// <summary><c>*</c>-only wildcard matching, linear in the id (greedy with one backtrack point).</summary>
internal static class Wildcard
{
    public static bool Matches(string pattern, string text)
    {
        int p = 0, t = 0, star = -1, mark = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && pattern[p] != '*' && pattern[p] == text[t])
            {
                p++;
                t++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                mark = t;
            }
            else if (star >= 0)
            {
                p = star + 1;
                t = ++mark;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }
}
