using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using PromptLint.Core.Reporting;

namespace PromptLint.Tasks;

/// <summary>
/// Reads PromptLint's results back from the compiler's SARIF 2.1 error log: PL9000 results carry measurements
/// in their property bag; every other PL result is a diagnostic for the report. Suppressed results are skipped.
/// </summary>
internal static class SarifReader
{
    public const string MeasurementRuleId = "PL9000";

    public sealed class Contents
    {
        public List<ReportPrompt> Prompts { get; } = new();

        public List<ReportDiagnostic> Diagnostics { get; } = new();
    }

    /// <summary>Parses the log. Throws <see cref="InvalidDataException"/> with a readable message when it is not SARIF 2.1.</summary>
    public static Contents Read(string json, Func<string, string> relativePath)
    {
        var contents = new Contents();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"the compiler log is not valid JSON (line {(ex.LineNumber ?? 0) + 1})");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("version", out var version) || version.GetString() != "2.1.0")
            {
                throw new InvalidDataException("the compiler log is not SARIF 2.1.0 (set ErrorLog with ',version=2.1')");
            }

            if (!root.TryGetProperty("runs", out var runs) || runs.ValueKind != JsonValueKind.Array)
            {
                return contents;
            }

            foreach (var run in runs.EnumerateArray())
            {
                if (!run.TryGetProperty("results", out var results) || results.ValueKind != JsonValueKind.Array)
                {
                    continue;
                }

                foreach (var result in results.EnumerateArray())
                {
                    ReadResult(result, contents, relativePath);
                }
            }
        }

        return contents;
    }

    private static void ReadResult(JsonElement result, Contents contents, Func<string, string> relativePath)
    {
        var ruleId = String(result, "ruleId");
        if (ruleId is null || !ruleId.StartsWith("PL", StringComparison.Ordinal))
        {
            return;
        }

        // A measurement is a record, not a finding: suppressing it (SuppressMessage) must not drop the prompt from the report.
        if (ruleId != MeasurementRuleId && result.TryGetProperty("suppressions", out var suppressions) && suppressions.ValueKind == JsonValueKind.Array && suppressions.GetArrayLength() > 0)
        {
            return;
        }

        if (ruleId == MeasurementRuleId)
        {
            var properties = new Dictionary<string, string>(StringComparer.Ordinal);
            if (result.TryGetProperty("properties", out var bag) && bag.ValueKind == JsonValueKind.Object)
            {
                Collect(bag, properties);
            }

            if (MeasurementProperties.Read(properties) is { } prompt)
            {
                contents.Prompts.Add(prompt);
            }

            return;
        }

        var (file, line) = LocationOf(result, relativePath);
        var resultBag = new Dictionary<string, string>(StringComparer.Ordinal);
        if (result.TryGetProperty("properties", out var resultProperties) && resultProperties.ValueKind == JsonValueKind.Object)
        {
            Collect(resultProperties, resultBag);
        }

        contents.Diagnostics.Add(new ReportDiagnostic
        {
            PromptId = resultBag.TryGetValue(MeasurementProperties.Keys.PromptId, out var promptId) ? promptId : null,
            TokensSaved = resultBag.TryGetValue("tokensSaved", out var saved) && int.TryParse(saved, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var tokens) && tokens > 0 ? tokens : null,
            Id = ruleId,
            Severity = String(result, "level") switch
            {
                "error" => "error",
                "warning" => "warning",
                _ => "info",
            },
            File = file,
            Line = line,
            Message = result.TryGetProperty("message", out var message) ? String(message, "text") ?? string.Empty : string.Empty,
        });
    }

    // The compiler writes Diagnostic.Properties under "customProperties" inside the result's property bag;
    // reading both levels keeps this working if that nesting changes.
    private static void Collect(JsonElement bag, Dictionary<string, string> into)
    {
        foreach (var property in bag.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.Object)
            {
                Collect(property.Value, into);
            }
            else if (property.Value.ValueKind == JsonValueKind.String)
            {
                into[property.Name] = property.Value.GetString() ?? string.Empty;
            }
        }
    }

    private static (string File, int Line) LocationOf(JsonElement result, Func<string, string> relativePath)
    {
        if (!result.TryGetProperty("locations", out var locations) || locations.ValueKind != JsonValueKind.Array || locations.GetArrayLength() == 0)
        {
            return (string.Empty, 0);
        }

        var physical = locations[0].TryGetProperty("physicalLocation", out var p) ? p : default;
        if (physical.ValueKind != JsonValueKind.Object)
        {
            return (string.Empty, 0);
        }

        var uri = physical.TryGetProperty("artifactLocation", out var artifact) ? String(artifact, "uri") : null;
        var line = physical.TryGetProperty("region", out var region) && region.TryGetProperty("startLine", out var start) && start.TryGetInt32(out var l) ? l : 0;
        return (uri is null ? string.Empty : relativePath(PathFromUri(uri)), line);
    }

    private static string PathFromUri(string uri)
        => Uri.TryCreate(uri, UriKind.Absolute, out var parsed) && parsed.IsFile ? parsed.LocalPath : Uri.UnescapeDataString(uri);

    private static string? String(JsonElement element, string name)
        => element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
