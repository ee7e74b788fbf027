using System;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using PromptLint.Core.Reporting;

namespace PromptLint.Core.Handover;

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
            if (record.Timings.Count > 0)
            {
                w.WriteStartObject("timings");
                foreach (var timing in record.Timings)
                {
                    w.WriteNumber(timing.Key, timing.Value);
                }

                w.WriteEndObject();
            }

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
            };
            ReportJsonReader.ReadPrompts(root, record.Prompts);
            ReportJsonReader.ReadDiagnostics(root, record.Diagnostics);
            if (ReportJsonReader.Int(root, "promptCount") != record.Prompts.Count)
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
}
