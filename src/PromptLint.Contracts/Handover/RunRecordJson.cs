using System;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

using PromptLint.Contracts.Reporting;

namespace PromptLint.Contracts.Handover;

/// <summary>Writes and reads <see cref="RunRecord"/> files: fixed key order, LF, invariant numbers.</summary>
public static class RunRecordJson
{
    /// <summary>Serializes a record (callers sort first; see <see cref="ReportBuilder"/>).</summary>
    public static string Write(RunRecord record)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteNumber("schemaVersion", RunRecord.CurrentSchemaVersion);
            w.WriteString("promptLintVersion", record.PromptLintVersion);
            w.WriteString("projectFile", record.ProjectFile);
            w.WriteString("targetFramework", record.TargetFramework);
            w.WriteBoolean("analyzedCode", record.AnalyzedCode);
            w.WriteNumber("promptFiles", record.PromptFiles);
            w.WriteNumber("promptCount", record.Prompts.Count);
            w.WriteString("summary", record.Summary);
            w.WriteStartArray("reports");
            foreach (var report in record.Reports)
            {
                w.WriteStringValue(report);
            }

            w.WriteEndArray();
            if (record.Timings.Count > 0)
            {
                w.WriteStartObject("timings");
                foreach (var timing in record.Timings)
                {
                    w.WriteNumber(timing.Key, timing.Value);
                }

                w.WriteEndObject();
            }

            // The header above is all a single-target build's task reads; the measurements follow.
            w.WriteStartArray("prompts");
            foreach (var prompt in record.Prompts)
            {
                ReportJsonWriter.WritePrompt(w, prompt, withContentHash: true);
            }

            w.WriteEndArray();
            w.WriteStartArray("diagnostics");
            foreach (var diagnostic in record.Diagnostics)
            {
                ReportJsonWriter.WriteDiagnostic(w, diagnostic);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()).Replace("\r\n", "\n") + "\n";
    }

    /// <summary>Parses a record. Throws <see cref="InvalidDataException"/> with a sentence saying what is wrong.</summary>
    public static RunRecord Read(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"it is not valid JSON (line {(ex.LineNumber ?? 0) + 1}); it was probably cut short");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("schemaVersion", out var version) || version.ValueKind != JsonValueKind.Number
                || !version.TryGetInt32(out var schema) || schema != RunRecord.CurrentSchemaVersion)
            {
                throw new InvalidDataException("it was written by another PromptLint version");
            }

            var record = new RunRecord
            {
                PromptLintVersion = ReportJsonReader.Str(root, "promptLintVersion") ?? string.Empty,
                ProjectFile = ReportJsonReader.Str(root, "projectFile") ?? string.Empty,
                TargetFramework = ReportJsonReader.Str(root, "targetFramework") ?? string.Empty,
                AnalyzedCode = root.TryGetProperty("analyzedCode", out var code) && code.ValueKind == JsonValueKind.True,
                PromptFiles = ReportJsonReader.Int(root, "promptFiles") ?? 0,
                PromptCount = ReportJsonReader.Int(root, "promptCount") ?? -1,
                Summary = ReportJsonReader.Str(root, "summary") ?? string.Empty,
            };
            if (root.TryGetProperty("reports", out var reports) && reports.ValueKind == JsonValueKind.Array)
            {
                foreach (var report in reports.EnumerateArray())
                {
                    if (report.ValueKind == JsonValueKind.String)
                    {
                        record.Reports.Add(report.GetString()!);
                    }
                }
            }

            ReportJsonReader.ReadPrompts(root, record.Prompts);
            ReportJsonReader.ReadDiagnostics(root, record.Diagnostics);
            if (record.PromptCount != record.Prompts.Count)
            {
                throw new InvalidDataException("its prompt count does not match its prompts; it was probably cut short");
            }

            if (root.TryGetProperty("timings", out var timings) && timings.ValueKind == JsonValueKind.Object)
            {
                foreach (var timing in timings.EnumerateObject())
                {
                    if (timing.Value.TryGetInt64(out var milliseconds))
                    {
                        record.Timings[timing.Name] = milliseconds;
                    }
                }
            }

            return record;
        }
    }

    /// <summary>
    /// Reads a record's header only (everything before its measurements): what a task needs that reports from the
    /// files the analyzer rendered. Throws <see cref="InvalidDataException"/> with a sentence saying what is wrong.
    /// </summary>
    /// <param name="utf8">The file, or its first <paramref name="length"/> bytes.</param>
    /// <param name="length">How many bytes of <paramref name="utf8"/> hold the file's start.</param>
    /// <param name="whole">True when those bytes are the whole file.</param>
    /// <returns>The header, or null when <paramref name="whole"/> is false and the header goes on past the bytes given.</returns>
    public static RunRecord? ReadHeader(byte[] utf8, int length, bool whole)
    {
        var record = new RunRecord { PromptCount = -1 };
        var schema = 0;
        try
        {
            var start = length >= 3 && utf8[0] == 0xEF && utf8[1] == 0xBB && utf8[2] == 0xBF ? 3 : 0;
            var reader = new Utf8JsonReader(new ReadOnlySpan<byte>(utf8, start, length - start), whole, default);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return whole ? throw new InvalidDataException("it is not a JSON object") : null;
            }

            var complete = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                if (name is "prompts" or "diagnostics")
                {
                    complete = true;
                    break;
                }

                if (!reader.Read())
                {
                    break;
                }

                switch (name)
                {
                    case "schemaVersion" when reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var version):
                        schema = version;
                        break;
                    case "promptLintVersion" when reader.TokenType == JsonTokenType.String:
                        record.PromptLintVersion = reader.GetString()!;
                        break;
                    case "projectFile" when reader.TokenType == JsonTokenType.String:
                        record.ProjectFile = reader.GetString()!;
                        break;
                    case "targetFramework" when reader.TokenType == JsonTokenType.String:
                        record.TargetFramework = reader.GetString()!;
                        break;
                    case "analyzedCode":
                        record.AnalyzedCode = reader.TokenType == JsonTokenType.True;
                        break;
                    case "promptFiles" when reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var files):
                        record.PromptFiles = files;
                        break;
                    case "promptCount" when reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var count):
                        record.PromptCount = count;
                        break;
                    case "summary" when reader.TokenType == JsonTokenType.String:
                        record.Summary = reader.GetString()!;
                        break;
                    case "reports" when reader.TokenType == JsonTokenType.StartArray:
                        while (reader.Read() && reader.TokenType == JsonTokenType.String)
                        {
                            record.Reports.Add(reader.GetString()!);
                        }

                        break;
                    case "timings" when reader.TokenType == JsonTokenType.StartObject:
                        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                        {
                            var phase = reader.GetString()!;
                            reader.Read();
                            if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var milliseconds))
                            {
                                record.Timings[phase] = milliseconds;
                            }
                        }

                        break;
                    default:
                        if (!reader.TrySkip())
                        {
                            return whole ? throw new InvalidDataException("it was cut short") : null;
                        }

                        break;
                }
            }

            if (!complete)
            {
                return whole ? throw new InvalidDataException("it has no measurements; it was probably cut short") : null;
            }
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"it is not valid JSON (line {ex.LineNumber + 1}); it was probably cut short");
        }

        if (schema != RunRecord.CurrentSchemaVersion)
        {
            throw new InvalidDataException("it was written by another PromptLint version");
        }

        return record;
    }
}
