using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace PromptLint.Cli.Traffic;

/// <summary>One sample of an instant vector: its labels, the evaluation time and the value.</summary>
internal sealed class PrometheusSample
{
    public PrometheusSample(IReadOnlyDictionary<string, string> labels, DateTimeOffset time, double value)
    {
        Labels = labels;
        Time = time;
        Value = value;
    }

    public IReadOnlyDictionary<string, string> Labels { get; }

    public DateTimeOffset Time { get; }

    public double Value { get; }
}

/// <summary>
/// Reads the answer of <c>GET /api/v1/query</c> (Prometheus's HTTP API, which Thanos, Mimir and VictoriaMetrics also
/// speak): <c>{"status":"success","data":{"resultType":"vector","result":[{"metric":{…},"value":[time,"v"]}]}}</c>.
/// Never throws on bad input: anything else is a problem, as a sentence.
/// </summary>
internal static class PrometheusVector
{
    /// <summary>The samples, or null with a problem.</summary>
    public static IReadOnlyList<PrometheusSample>? Parse(string json, out string? problem)
    {
        problem = null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            problem = $"the answer is not JSON (line {(ex.LineNumber ?? 0) + 1}): is this a Prometheus query API?";
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("status", out var status) || status.ValueKind != JsonValueKind.String)
            {
                problem = "the answer has no \"status\": is this a Prometheus query API (/api/v1/query)?";
                return null;
            }

            if (status.GetString() != "success")
            {
                var type = Text(root, "errorType") ?? "error";
                var error = Text(root, "error") ?? "no message";
                problem = $"the query API answered status \"{status.GetString()}\" ({type}): {error}";
                return null;
            }

            if (!root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
            {
                problem = "the answer has no \"data\" object.";
                return null;
            }

            var resultType = Text(data, "resultType");
            if (resultType != "vector")
            {
                problem = $"the query returned a {resultType ?? "result of no type"}, not an instant vector: use an instant query (/api/v1/query) whose expression is grouped by prompt id.";
                return null;
            }

            if (!data.TryGetProperty("result", out var result) || result.ValueKind != JsonValueKind.Array)
            {
                problem = "the answer has no \"result\" array.";
                return null;
            }

            var samples = new List<PrometheusSample>();
            var index = 0;
            foreach (var item in result.EnumerateArray())
            {
                index++;
                if (Sample(item) is { } sample)
                {
                    samples.Add(sample);
                }
                else
                {
                    problem = $"series {index} of the result is not {{\"metric\":{{…}},\"value\":[time,\"number\"]}}.";
                    return null;
                }
            }

            return samples;
        }
    }

    /// <summary>The API's own error in an answer with <c>"status":"error"</c> (<c>bad_data: …</c>); null for anything else.</summary>
    public static string? ErrorOf(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            return Text(root, "status") == "error" ? $"{Text(root, "errorType") ?? "error"}: {Text(root, "error") ?? "no message"}" : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static PrometheusSample? Sample(JsonElement item)
    {
        if (item.ValueKind != JsonValueKind.Object
            || !item.TryGetProperty("value", out var value)
            || value.ValueKind != JsonValueKind.Array
            || value.GetArrayLength() != 2)
        {
            return null;
        }

        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (item.TryGetProperty("metric", out var metric))
        {
            if (metric.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            foreach (var label in metric.EnumerateObject())
            {
                if (label.Value.ValueKind != JsonValueKind.String)
                {
                    return null;
                }

                labels[label.Name] = label.Value.GetString()!;
            }
        }

        var time = value[0];
        var number = value[1];
        if (time.ValueKind != JsonValueKind.Number || !time.TryGetDouble(out var seconds) || seconds < 0 || seconds > 253_402_300_799
            || number.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        // Prometheus writes values as strings: "12.5", "NaN", "+Inf".
        var text = number.GetString()!;
        double parsed;
        if (text is "NaN")
        {
            parsed = double.NaN;
        }
        else if (text is "+Inf" or "Inf")
        {
            parsed = double.PositiveInfinity;
        }
        else if (text is "-Inf")
        {
            parsed = double.NegativeInfinity;
        }
        else if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out parsed))
        {
            return null;
        }

        // Millisecond precision, as Prometheus evaluates.
        var at = DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(seconds * 1000, MidpointRounding.AwayFromZero));
        return new PrometheusSample(labels, at, parsed);
    }

    private static string? Text(JsonElement obj, string name)
        => obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
