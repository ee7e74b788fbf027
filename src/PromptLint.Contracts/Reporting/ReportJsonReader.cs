using System;
using System.IO;
using System.Text.Json;

namespace PromptLint.Contracts.Reporting;

/// <summary>Reads <c>report.json</c> back (schema version 1), for the CLI's merge and diff.</summary>
public static class ReportJsonReader
{
    /// <summary>Parses a report. Throws <see cref="InvalidDataException"/> with a sentence saying what is wrong.</summary>
    public static FootprintReport Read(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"not valid JSON (line {(ex.LineNumber ?? 0) + 1})");
        }
        catch (ArgumentException)
        {
            throw new InvalidDataException("not valid Unicode text (an unpaired surrogate)");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("schemaVersion", out var version) || version.ValueKind != JsonValueKind.Number)
            {
                throw new InvalidDataException("not a PromptLint report (no schemaVersion)");
            }

            if (!version.TryGetInt32(out var number) || number != FootprintReport.CurrentSchemaVersion)
            {
                throw new InvalidDataException($"report schema version {version.GetRawText()} is not supported (this PromptLint reads version {FootprintReport.CurrentSchemaVersion})");
            }

            try
            {
                var report = new FootprintReport { Project = Str(root, "project") ?? string.Empty };
                ReadPrompts(root, report.Prompts);
                ReadDiagnostics(root, report.Diagnostics);
                return report;
            }
            catch (Exception ex) when (ex is InvalidOperationException or FormatException)
            {
                // A value of the wrong kind, a number out of range or an escaped unpaired surrogate in a string.
                throw new InvalidDataException($"a value in the report cannot be read ({ex.Message})");
            }
        }
    }

    /// <summary>Reads the <c>prompts</c> array of a report or run record.</summary>
    internal static void ReadPrompts(JsonElement root, System.Collections.Generic.List<ReportPrompt> into)
    {
        if (!root.TryGetProperty("prompts", out var prompts) || prompts.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        foreach (var p in prompts.EnumerateArray())
        {
            into.Add(new ReportPrompt
            {
                Id = Str(p, "id") ?? throw new InvalidDataException("a prompt has no id"),
                File = Str(p, "file") ?? string.Empty,
                Line = Int(p, "line") ?? 0,
                Role = Str(p, "role") ?? string.Empty,
                Model = Str(p, "model") ?? string.Empty,
                Tokenizer = Str(p, "tokenizer") ?? string.Empty,
                Exact = p.TryGetProperty("exact", out var exact) && exact.ValueKind == JsonValueKind.True,
                StaticTokens = Int(p, "staticTokens") ?? 0,
                StaticPrefixTokens = Int(p, "staticPrefixTokens") ?? 0,
                Holes = Int(p, "holes") ?? 0,
                ToolSchemaTokens = Int(p, "toolSchemaTokens") ?? 0,
                OutputCap = Int(p, "outputCap"),
                BaselineStaticTokens = Int(p, "baselineStaticTokens"),
                Delta = Int(p, "delta"),
                ContentHash = Str(p, "contentHash") ?? string.Empty,
                LargestBranch = p.TryGetProperty("largestBranch", out var largest) && largest.ValueKind == JsonValueKind.True,
                ModelAssumed = p.TryGetProperty("modelAssumed", out var assumed) && assumed.ValueKind == JsonValueKind.True,
            });
        }
    }

    /// <summary>Reads the <c>diagnostics</c> array of a report or run record.</summary>
    internal static void ReadDiagnostics(JsonElement root, System.Collections.Generic.List<ReportDiagnostic> into)
    {
        if (!root.TryGetProperty("diagnostics", out var diagnostics) || diagnostics.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        foreach (var d in diagnostics.EnumerateArray())
        {
            into.Add(new ReportDiagnostic
            {
                Id = Str(d, "id") ?? string.Empty,
                Severity = Str(d, "severity") ?? string.Empty,
                File = Str(d, "file") ?? string.Empty,
                Line = Int(d, "line") ?? 0,
                Message = Str(d, "message") ?? string.Empty,
                PromptId = Str(d, "promptId"),
                TokensSaved = Int(d, "tokensSaved"),
            });
        }
    }

    internal static string? Str(JsonElement element, string name)
        => element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    internal static int? Int(JsonElement element, string name)
        => element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number : null;
}
