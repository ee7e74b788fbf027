using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

using PromptLint.Contracts.Text;

namespace PromptLint.Contracts.Traffic;

/// <summary>
/// Reads and writes <c>promptlint.traffic.json</c>. The writer is canonical (sorted, one entry per line, LF, invariant
/// numbers without trailing zeros, UTC times), so the same numbers give the same bytes on every OS. The reader never
/// throws on bad input: each problem carries a line, and a bad entry costs only itself.
/// </summary>
public static class TrafficSerializer
{
    private static readonly JsonWriterOptions CompactWriter = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    /// <summary>Parses traffic text.</summary>
    public static TrafficDocument Parse(string text)
    {
        if (text is null)
        {
            throw new ArgumentNullException(nameof(text));
        }

        var problems = new List<TrafficProblem>();
        if (text.Trim().Length == 0)
        {
            problems.Add(new TrafficProblem(1, "the file is empty", isFatal: true));
            return new TrafficDocument(null, problems);
        }

        var bytes = Encoding.UTF8.GetBytes(text.TrimStart('\uFEFF'));
        var lines = new LineIndex(bytes);
        try
        {
            return new TrafficDocument(ReadDocument(bytes, lines, problems), problems);
        }
        catch (JsonException ex)
        {
            var line = (int)(ex.LineNumber ?? 0) + 1;
            problems.Add(new TrafficProblem(line, $"invalid JSON at line {line}: {FirstSentence(ex.Message)}", isFatal: true));
        }
        catch (InvalidOperationException)
        {
            problems.Add(new TrafficProblem(1, "a property name is not text (an unpaired \\u surrogate escape)", isFatal: true));
        }

        return new TrafficDocument(null, problems);
    }

    private static TrafficFile? ReadDocument(byte[] bytes, LineIndex lines, List<TrafficProblem> problems)
    {
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            problems.Add(new TrafficProblem(lines.LineOf(reader.TokenStartIndex), "the file must hold a JSON object with \"prompts\", \"routes\" or \"defaultCallsPerDay\"", isFatal: true));
            return null;
        }

        var prompts = new List<TrafficPrompt>();
        var routes = new List<TrafficRoute>();
        decimal? fallback = null;
        string? source = null;
        DateTimeOffset? start = null, end = null;
        var sawAny = false;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            var line = lines.LineOf(reader.TokenStartIndex);
            reader.Read();
            if (name is "prompts" or "routes")
            {
                sawAny = true;
                if (reader.TokenType != JsonTokenType.StartArray)
                {
                    problems.Add(new TrafficProblem(line, $"\"{name}\" at line {line} must be an array", isFatal: false));
                    reader.Skip();
                    continue;
                }

                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    var itemLine = lines.LineOf(reader.TokenStartIndex);
                    using var entry = JsonDocument.ParseValue(ref reader);
                    if (entry.RootElement.ValueKind != JsonValueKind.Object)
                    {
                        problems.Add(new TrafficProblem(itemLine, $"the entry at line {itemLine} is not an object", isFatal: false));
                    }
                    else if (name == "prompts")
                    {
                        ReadPrompt(entry.RootElement, itemLine, prompts, seen, problems);
                    }
                    else
                    {
                        ReadRoute(entry.RootElement, itemLine, routes, problems);
                    }
                }

                continue;
            }

            using var value = JsonDocument.ParseValue(ref reader);
            var root = value.RootElement;
            switch (name)
            {
                case "schema":
                    if (root.ValueKind != JsonValueKind.String || root.GetString() != TrafficFile.Schema)
                    {
                        problems.Add(new TrafficProblem(line, $"unsupported \"schema\" at line {line} (this PromptLint reads \"{TrafficFile.Schema}\")", isFatal: true));
                        return null;
                    }

                    break;
                case "source":
                    source = root.ValueKind == JsonValueKind.String ? root.GetString() : null;
                    break;
                case "window":
                    start = ReadTime(root, "start", line, problems);
                    end = ReadTime(root, "end", line, problems);
                    if (start is { } s && end is { } e && e <= s)
                    {
                        problems.Add(new TrafficProblem(line, $"the window at line {line} ends before it starts", isFatal: false));
                        start = end = null;
                    }

                    break;
                case "defaultCallsPerDay":
                    sawAny = true;
                    fallback = ReadCalls(root, line, "\"defaultCallsPerDay\"", problems);
                    break;
                default:
                    // Unknown keys are left for newer versions.
                    break;
            }
        }

        if (!sawAny)
        {
            problems.Add(new TrafficProblem(1, "the file has no \"prompts\", \"routes\" or \"defaultCallsPerDay\"", isFatal: true));
            return null;
        }

        return new TrafficFile(prompts, routes, fallback, source, start, end);
    }

    private static void ReadPrompt(JsonElement item, int line, List<TrafficPrompt> prompts, HashSet<string> seen, List<TrafficProblem> problems)
    {
        var id = String(item, "id");
        if (string.IsNullOrEmpty(id))
        {
            problems.Add(new TrafficProblem(line, $"the prompt entry at line {line} has no \"id\"", isFatal: false));
            return;
        }

        var calls = ReadCalls(item.TryGetProperty("callsPerDay", out var c) ? c : default, line, $"prompt '{id}'", problems);
        if (calls is null)
        {
            return;
        }

        if (!seen.Add(id!))
        {
            problems.Add(new TrafficProblem(line, $"prompt '{id}' appears twice (again at line {line}); the first entry counts", isFatal: false));
            return;
        }

        prompts.Add(new TrafficPrompt(id!, calls.Value, Mean(item, "meanInputTokens"), Mean(item, "meanOutputTokens"), line));
    }

    private static void ReadRoute(JsonElement item, int line, List<TrafficRoute> routes, List<TrafficProblem> problems)
    {
        var route = String(item, "route");
        if (string.IsNullOrEmpty(route))
        {
            problems.Add(new TrafficProblem(line, $"the route entry at line {line} has no \"route\"", isFatal: false));
            return;
        }

        var calls = ReadCalls(item.TryGetProperty("callsPerDay", out var c) ? c : default, line, $"route '{route}'", problems);
        if (calls is null)
        {
            return;
        }

        var patterns = new List<string>();
        if (item.TryGetProperty("prompts", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            patterns.AddRange(list.EnumerateArray().Where(p => p.ValueKind == JsonValueKind.String).Select(p => p.GetString()!).Where(p => p.Length > 0));
        }

        if (patterns.Count == 0)
        {
            problems.Add(new TrafficProblem(line, $"route '{route}' at line {line} lists no prompt ids in \"prompts\"; it applies to none", isFatal: false));
            return;
        }

        routes.Add(new TrafficRoute(route!, calls.Value, patterns, line));
    }

    private static decimal? ReadCalls(JsonElement value, int line, string what, List<TrafficProblem> problems)
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var calls) && calls >= 0 && calls <= TrafficFile.MaxCallsPerDay)
        {
            return calls;
        }

        problems.Add(new TrafficProblem(line, $"{what} at line {line} needs \"callsPerDay\" as a number from 0 to {TrafficFile.MaxCallsPerDay.ToString("N0", CultureInfo.InvariantCulture)}", isFatal: false));
        return null;
    }

    private static DateTimeOffset? ReadTime(JsonElement window, string name, int line, List<TrafficProblem> problems)
    {
        if (window.ValueKind != JsonValueKind.Object || !window.TryGetProperty(name, out var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.String && value.TryGetDateTimeOffset(out var time))
        {
            return time.ToUniversalTime();
        }

        problems.Add(new TrafficProblem(line, $"the window's \"{name}\" at line {line} is not an ISO 8601 time", isFatal: false));
        return null;
    }

    private static double? Mean(JsonElement obj, string name)
        => obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var mean) && mean >= 0 && !double.IsInfinity(mean) ? mean : null;

    private static string? String(JsonElement obj, string name)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>Writes the canonical form: UTF-8 without BOM, LF, one prompt or route per line.</summary>
    public static string Write(TrafficFile file)
    {
        if (file is null)
        {
            throw new ArgumentNullException(nameof(file));
        }

        var sb = new StringBuilder();
        sb.Append("{\n  \"schema\": ").Append(Json(w => w.WriteStringValue(TrafficFile.Schema))).Append(",\n");
        if (file.Source is { } source)
        {
            sb.Append("  \"source\": ").Append(Json(w => w.WriteStringValue(source))).Append(",\n");
        }

        if (file.WindowStart is { } start && file.WindowEnd is { } end)
        {
            sb.Append("  \"window\": { \"start\": \"").Append(Time(start)).Append("\", \"end\": \"").Append(Time(end)).Append("\" },\n");
        }

        if (file.DefaultCallsPerDay is { } fallback)
        {
            sb.Append("  \"defaultCallsPerDay\": ").Append(Number(fallback)).Append(",\n");
        }

        sb.Append("  \"prompts\": [");
        AppendLines(sb, file.Prompts.Select(p => Json(w =>
        {
            w.WriteStartObject();
            w.WriteString("id", p.Id);
            w.WritePropertyName("callsPerDay");
            w.WriteRawValue(Number(p.CallsPerDay));
            if (p.MeanInputTokens is { } input)
            {
                w.WritePropertyName("meanInputTokens");
                w.WriteRawValue(Number((decimal)Math.Round(input, 1)));
            }

            if (p.MeanOutputTokens is { } output)
            {
                w.WritePropertyName("meanOutputTokens");
                w.WriteRawValue(Number((decimal)Math.Round(output, 1)));
            }

            w.WriteEndObject();
        })));
        sb.Append(",\n  \"routes\": [");
        AppendLines(sb, file.Routes.Select(r => Json(w =>
        {
            w.WriteStartObject();
            w.WriteString("route", r.Route);
            w.WritePropertyName("callsPerDay");
            w.WriteRawValue(Number(r.CallsPerDay));
            w.WriteStartArray("prompts");
            foreach (var pattern in r.PromptPatterns)
            {
                w.WriteStringValue(pattern);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        })));
        sb.Append("\n}\n");
        return sb.ToString();
    }

    private static void AppendLines(StringBuilder sb, IEnumerable<string> items)
    {
        var list = items.ToList();
        if (list.Count == 0)
        {
            sb.Append(']');
            return;
        }

        sb.Append('\n');
        for (var i = 0; i < list.Count; i++)
        {
            sb.Append("    ").Append(list[i]).Append(i < list.Count - 1 ? ",\n" : "\n");
        }

        sb.Append("  ]");
    }

    private static string Json(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, CompactWriter))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>An invariant decimal without trailing zeros ("12.5", never "12.50" or "1.25E1").</summary>
    internal static string Number(decimal value)
    {
        var text = value.ToString("0.############################", CultureInfo.InvariantCulture);
        return text == "-0" ? "0" : text;
    }

    private static string Time(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(". ", StringComparison.Ordinal);
        return cut > 0 ? message.Substring(0, cut) : message.TrimEnd('.');
    }
}
