using System;
using System.Collections.Generic;
using System.IO;

namespace PromptLint.Cli.Traffic;

/// <summary>
/// The three instant queries <c>promptlint traffic</c> sends, each grouped by <c>promptlint_prompt_id</c>: calls,
/// input tokens and output tokens over the window. The defaults read the Prometheus names the OpenTelemetry .NET
/// Prometheus exporter gives the meter's instruments (docs/traffic.md, "The queries"); a query file replaces them for
/// other names (a Collector, a recording rule, another exporter strategy).
/// </summary>
internal sealed class TrafficQueries
{
    /// <summary>The placeholder a query file writes where the window goes (<c>[$window]</c>).</summary>
    public const string WindowPlaceholder = "$window";

    /// <summary>The label every query must group by.</summary>
    public const string PromptLabel = "promptlint_prompt_id";

    public TrafficQueries(string calls, string? input, string? output)
    {
        Calls = calls;
        Input = input;
        Output = output;
    }

    /// <summary>Charged calls per prompt id over the window.</summary>
    public string Calls { get; }

    /// <summary>Input tokens per prompt id over the window; null when not asked.</summary>
    public string? Input { get; }

    /// <summary>Output tokens per prompt id over the window; null when not asked.</summary>
    public string? Output { get; }

    /// <summary>The query for a kind; null when not asked.</summary>
    public string? For(TrafficQueryKind kind) => kind switch
    {
        TrafficQueryKind.Calls => Calls,
        TrafficQueryKind.Input => Input,
        _ => Output,
    };

    /// <summary>The queries for the meter's own metrics, as docs/traffic.md prints them (with <c>7d</c> for the window).</summary>
    public static TrafficQueries Default(TrafficDuration window)
        => new(Template.Calls.Replace(WindowPlaceholder, window.ToString()), Template.Input.Replace(WindowPlaceholder, window.ToString()), Template.Output.Replace(WindowPlaceholder, window.ToString()));

    /// <summary>
    /// The default queries before the window goes in. Calls: <c>promptlint.calls</c>, which the meter records in every
    /// <c>GenAIMetrics</c> mode. Tokens: <c>promptlint.tokens</c> of type input/output, which the meter records per
    /// prompt id in every mode; or, for prompt ids that have none (a meter from before that counter carried input and
    /// output), the sums of its <c>gen_ai.client.token.usage</c> series that carry a prompt id (so
    /// <c>UseOpenTelemetry()</c>'s series of the same name, and the meter's own since its histograms carry the GenAI
    /// attributes only, are left out).
    /// </summary>
    internal static class Template
    {
        public const string Calls = "sum by (promptlint_prompt_id) (increase(promptlint_calls_total[$window]))";

        public const string Input = "sum by (promptlint_prompt_id) (increase(promptlint_tokens_total{promptlint_token_type=\"input\"}[$window]))"
            + " or sum by (promptlint_prompt_id) (increase(gen_ai_client_token_usage_sum{gen_ai_token_type=\"input\",promptlint_prompt_id!=\"\"}[$window]))";

        public const string Output = "sum by (promptlint_prompt_id) (increase(promptlint_tokens_total{promptlint_token_type=\"output\"}[$window]))"
            + " or sum by (promptlint_prompt_id) (increase(gen_ai_client_token_usage_sum{gen_ai_token_type=\"output\",promptlint_prompt_id!=\"\"}[$window]))";
    }

    /// <summary>
    /// Reads a query file: lines <c>calls: …</c>, <c>input: …</c> and <c>output: …</c> (<c>calls</c> required), blank
    /// lines and <c>#</c> comments; <c>$window</c> becomes the window. Null with a problem naming the line otherwise.
    /// </summary>
    public static TrafficQueries? Parse(string text, string path, TrafficDuration window, out string? problem)
    {
        problem = null;
        var found = new Dictionary<TrafficQueryKind, string>();
        var lines = text.Replace("\r\n", "\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith("#", StringComparison.Ordinal))
            {
                continue;
            }

            var colon = line.IndexOf(':');
            var key = TrafficQueryKinds.Parse(colon > 0 ? line.Substring(0, colon).Trim() : string.Empty);
            var query = colon > 0 ? line.Substring(colon + 1).Trim() : string.Empty;
            if (key is not { } kind || query.Length == 0)
            {
                problem = $"{path}({i + 1}): expected 'calls: <PromQL>', 'input: <PromQL>' or 'output: <PromQL>'. Write one query per line, with $window where the window goes.";
                return null;
            }

            if (found.ContainsKey(kind))
            {
                problem = $"{path}({i + 1}): '{kind.Name()}' is given twice. Keep one.";
                return null;
            }

            found[kind] = query.Replace(WindowPlaceholder, window.ToString());
        }

        if (!found.TryGetValue(TrafficQueryKind.Calls, out var calls))
        {
            problem = $"{path}(1): no 'calls:' query. Add one that returns calls per {PromptLabel} over $window.";
            return null;
        }

        return new TrafficQueries(calls, found.TryGetValue(TrafficQueryKind.Input, out var input) ? input : null, found.TryGetValue(TrafficQueryKind.Output, out var output) ? output : null);
    }

    /// <summary>Reads a query file from disk; null with a problem when it cannot be read or parsed.</summary>
    public static TrafficQueries? Load(string path, TrafficDuration window, out string? problem)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            problem = $"cannot read the query file '{path}': {ex.Message}";
            return null;
        }

        return Parse(text, path, window, out problem);
    }
}
