using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace PromptLint.Contracts.Reporting;

/// <summary>Writes <c>report.json</c>: fixed key order, LF, invariant numbers, byte-identical for identical input.</summary>
public static class ReportJsonWriter
{
    /// <summary>Serializes a report (callers sort first; see <see cref="ReportBuilder"/>).</summary>
    public static string Write(FootprintReport report) => Write(report, null);

    /// <summary>Serializes a report with its <c>money</c> section (cost per call, and per month with traffic), when given.</summary>
    public static string Write(FootprintReport report, MoneyReport? money)
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
            if (money is not null)
            {
                WriteMoney(w, money);
            }

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

        if (p.ModelAssumed)
        {
            w.WriteBoolean("modelAssumed", true);
        }

        if (withContentHash)
        {
            w.WriteString("contentHash", p.ContentHash);
        }

        w.WriteEndObject();
    }

    // Decimal USD amounts (invariant, as exact as the arithmetic); a per-prompt month is already rounded to the cent.
    private static void WriteMoney(Utf8JsonWriter w, MoneyReport money)
    {
        w.WriteStartObject("money");
        w.WriteString("currency", "USD");
        if (money.Traffic is { } traffic)
        {
            if (traffic.Source is { } source)
            {
                w.WriteString("trafficSource", source);
            }

            if (traffic.WindowDays is { } days)
            {
                w.WriteNumber("trafficWindowDays", System.Math.Round(days, 2));
            }

            w.WriteNumber("monthlyDelta", money.MonthlyDelta ?? 0m);
        }
        else
        {
            w.WriteNull("monthlyDelta");
        }

        if (money.Budget is { } budget)
        {
            w.WriteNumber("monthlyBudget", budget);
        }

        w.WriteString("verdict", money.Verdict.ToString().ToLowerInvariant());
        w.WriteStartArray("prompts");
        foreach (var p in money.Prompts)
        {
            w.WriteStartObject();
            w.WriteString("id", p.Id);
            w.WriteString("model", p.Now?.Model.Id ?? p.Accepted?.Model.Id ?? p.Model);
            WriteCost(w, "costPerCall", p.Now);
            WriteCost(w, "baselineCostPerCall", p.Accepted);
            WriteDecimal(w, "deltaPerCall", p.DeltaPerCall);
            w.WriteString("cause", p.Cause);
            if (p.Assumption is { } assumption)
            {
                w.WriteString("assumed", assumption);
            }

            if (money.Traffic is not null)
            {
                w.WriteString("trafficBasis", p.Traffic.Basis.ToString().ToLowerInvariant());
                w.WriteNumber("callsPerDay", p.Traffic.CallsPerDay);
                WriteDecimal(w, "monthlyDelta", p.MonthlyDelta);
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteCost(Utf8JsonWriter w, string name, PromptLint.Contracts.Pricing.CallCost? cost)
    {
        if (cost is null)
        {
            w.WriteNull(name);
            return;
        }

        w.WriteStartObject(name);
        w.WriteString("model", cost.Model.Id);
        w.WriteNumber("input", cost.Input);
        w.WriteNumber("output", cost.Output);
        w.WriteNumber("total", cost.Total);
        if (cost.OutputCap is { } cap)
        {
            w.WriteNumber("outputCap", cap);
        }
        else
        {
            w.WriteNull("outputCap");
        }

        w.WriteEndObject();
    }

    private static void WriteDecimal(Utf8JsonWriter w, string name, decimal? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
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
