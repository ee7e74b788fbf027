using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

using PromptLint.Contracts.Traffic;

namespace PromptLint.Cli.Traffic;

/// <summary>
/// Turns the three query answers into a <see cref="TrafficFile"/>: calls per day = calls over the window ÷ the window's
/// days (to 0.01), mean input and output tokens = tokens over the window ÷ calls over the window. The window ends at the
/// calls query's evaluation time, so the same saved answers always give the same file.
/// </summary>
internal static class TrafficBuilder
{
    /// <summary>Ids the meter records when a call has no prompt id (<c>none</c>) or its series bound is full (<c>other</c>): not prompts.</summary>
    private static readonly string[] Placeholders = { "none", "other" };

    /// <summary>A mean above this many tokens per call is a query mistake (no model takes it), not traffic.</summary>
    internal const double MaxMeanTokens = 100_000_000;

    /// <summary>The file, or null with a problem. <paramref name="notes"/> gets what the file leaves out and why.</summary>
    public static TrafficFile? Build(
        IReadOnlyList<PrometheusSample> calls,
        IReadOnlyList<PrometheusSample>? input,
        IReadOnlyList<PrometheusSample>? output,
        TrafficDuration window,
        string source,
        List<string> notes,
        out string? problem)
    {
        if (calls.Count == 0)
        {
            problem = "the calls query returned no series. Check that Prometheus scrapes the app, that the app exports the meter named PromptLint, and that it served calls in the window (or widen --window).";
            return null;
        }

        var perPrompt = ByPrompt(calls, "calls", out problem);
        var inputs = input is null ? null : ByPrompt(input, "input tokens", out problem);
        var outputs = problem is null && output is not null ? ByPrompt(output, "output tokens", out problem) : null;
        if (perPrompt is null || problem is not null)
        {
            return null;
        }

        var end = calls.Max(s => s.Time);
        foreach (var (tokens, what) in new[] { (input, "input"), (output, "output") })
        {
            // Saved answers taken at different times divide tokens of one window by calls of another.
            if (tokens is { Count: > 0 } && tokens.Max(s => s.Time) is var at && Math.Abs((at - end).TotalMinutes) > 5)
            {
                notes.Add($"the {what} tokens answer was evaluated at {Time(at)}, the calls answer at {Time(end)}: the mean {what} tokens mix two windows. Save the three answers with the same time= parameter.");
            }
        }

        var days = window.Days;
        var prompts = new List<TrafficPrompt>();
        foreach (var pair in perPrompt.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var (id, count) = (pair.Key, pair.Value);
            if (Placeholders.Contains(id))
            {
                notes.Add($"{N(count)} calls recorded under prompt id '{id}' are left out: " + (id == "none"
                    ? "those calls had no prompt id (set one with ChatOptions.ForPrompt)."
                    : "the meter's series bound was full (raise MaxAttributionSeries or MaxDistinctValuesPerDimension)."));
                continue;
            }

            // Checked in double before the decimal conversion, which would throw past decimal's range.
            if (count / (double)days > (double)TrafficFile.MaxCallsPerDay)
            {
                problem = $"prompt '{id}' has {N(count / (double)days)} calls a day, more than the traffic file holds ({N((double)TrafficFile.MaxCallsPerDay)}). Check that the calls query counts calls, not tokens.";
                return null;
            }

            var perDay = Math.Round((decimal)count / days, 2, MidpointRounding.AwayFromZero);
            var meanInput = Mean(inputs, id, count);
            var meanOutput = Mean(outputs, id, count);
            if (meanInput > MaxMeanTokens || meanOutput > MaxMeanTokens)
            {
                problem = $"prompt '{id}' has a mean of {N(Math.Max(meanInput ?? 0, meanOutput ?? 0))} tokens per call, more than any model takes ({N(MaxMeanTokens)}). Check that the token queries count tokens over the same window as the calls query.";
                return null;
            }

            prompts.Add(new TrafficPrompt(id, perDay, meanInput, meanOutput));
        }

        if (prompts.Count == 0)
        {
            problem = "the calls query returned only calls without a prompt id ('none') or past the series bound ('other'). Set prompt ids with ChatOptions.ForPrompt.";
            return null;
        }

        return new TrafficFile(prompts, routes: null, defaultCallsPerDay: null, source, end - window.Span, end);
    }

    private static Dictionary<string, double>? ByPrompt(IReadOnlyList<PrometheusSample> samples, string what, out string? problem)
    {
        problem = null;
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var sample in samples)
        {
            if (!sample.Labels.TryGetValue(TrafficQueries.PromptLabel, out var id) || id.Length == 0)
            {
                var labels = sample.Labels.Count == 0 ? "no labels" : string.Join(", ", sample.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}=\"{l.Value}\""));
                problem = $"a series of the {what} query has no {TrafficQueries.PromptLabel} label ({labels}). Group the query by it: sum by ({TrafficQueries.PromptLabel}) (…).";
                return null;
            }

            if (double.IsNaN(sample.Value) || double.IsInfinity(sample.Value) || sample.Value < 0)
            {
                problem = $"the {what} query gave prompt '{id}' the value {sample.Value.ToString(CultureInfo.InvariantCulture)}; a count over the window is a finite number of 0 or more. Check the query.";
                return null;
            }

            if (result.ContainsKey(id))
            {
                problem = $"prompt '{id}' is in more than one series of the {what} query. Sum them: sum by ({TrafficQueries.PromptLabel}) (…).";
                return null;
            }

            result[id] = sample.Value;
        }

        return result;
    }

    private static double? Mean(Dictionary<string, double>? tokens, string id, double calls)
        => tokens is not null && calls > 0 && tokens.TryGetValue(id, out var total) ? total / calls : null;

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string N(double value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
