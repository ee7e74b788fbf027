using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace PromptLint.Core.Reporting;

/// <summary>Writes <c>report.json</c>: fixed key order, LF, invariant numbers, byte-identical for identical input.</summary>
public static class ReportJsonWriter
{
    /// <summary>Serializes a report (callers sort first; see <see cref="ReportBuilder"/>).</summary>
    public static string Write(FootprintReport report)
    {
        using var stream = new MemoryStream();
        var options = new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        using (var w = new Utf8JsonWriter(stream, options))
        {
            w.WriteStartObject();
            w.WriteNumber("schemaVersion", FootprintReport.CurrentSchemaVersion);
            w.WriteString("project", report.Project);
            w.WriteStartArray("prompts");
            foreach (var p in report.Prompts)
            {
                WritePrompt(w, p, withContentHash: false);
            }

            w.WriteEndArray();
            w.WriteStartArray("diagnostics");
            foreach (var d in report.Diagnostics)
            {
                WriteDiagnostic(w, d);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        // The writer indents with the platform's newline: LF everywhere, so the report is byte-identical on every OS.
        return Encoding.UTF8.GetString(stream.ToArray()).Replace("\r\n", "\n") + "\n";
    }

    /// <summary>One prompt object; the content hash goes to the run record and the baseline, not to report.json.</summary>
    internal static void WritePrompt(Utf8JsonWriter w, ReportPrompt p, bool withContentHash)
    {
        w.WriteStartObject();
        w.WriteString("id", p.Id);
        w.WriteString("file", p.File);
        w.WriteNumber("line", p.Line);
        w.WriteString("role", p.Role);
        w.WriteString("model", p.Model);
        w.WriteString("tokenizer", p.Tokenizer);
        w.WriteBoolean("exact", p.Exact);
        w.WriteNumber("staticTokens", p.StaticTokens);
        w.WriteNumber("staticPrefixTokens", p.StaticPrefixTokens);
        w.WriteNumber("holes", p.Holes);
        w.WriteNumber("toolSchemaTokens", p.ToolSchemaTokens);
        WriteNullable(w, "outputCap", p.OutputCap);
        WriteNullable(w, "baselineStaticTokens", p.BaselineStaticTokens);
        WriteNullable(w, "delta", p.Delta);
        if (p.LargestBranch)
        {
            w.WriteBoolean("largestBranch", true);
        }

        if (withContentHash)
        {
            w.WriteString("contentHash", p.ContentHash);
        }

        w.WriteEndObject();
    }

    /// <summary>One diagnostic object.</summary>
    internal static void WriteDiagnostic(Utf8JsonWriter w, ReportDiagnostic d)
    {
        w.WriteStartObject();
        w.WriteString("id", d.Id);
        w.WriteString("severity", d.Severity);
        w.WriteString("file", d.File);
        w.WriteNumber("line", d.Line);
        w.WriteString("message", d.Message);
        if (d.PromptId is not null)
        {
            w.WriteString("promptId", d.PromptId);
        }

        if (d.TokensSaved is { } saved)
        {
            w.WriteNumber("tokensSaved", saved);
        }

        w.WriteEndObject();
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, int? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteNumber(name, value.Value);
        }
    }
}
