using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

using PromptLint.Contracts.Text;

namespace PromptLint.Contracts.Baseline;

/// <summary>
/// Reads and writes <c>promptlint.baseline.json</c>: sorted by id, one prompt per line, LF, no timestamps,
/// stable key order, so the file is byte-identical on every OS and pull requests touching different prompts rarely meet.
/// </summary>
public static class BaselineSerializer
{
    private static readonly string[] ConflictMarkers = { "<<<<<<<", "|||||||", "=======", ">>>>>>>" };

    private static readonly JsonWriterOptions CompactWriter = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    /// <summary>Parses baseline text. Never throws on bad input: problems carry a line number.</summary>
    public static BaselineDocument Parse(string text)
    {
        var problems = new List<BaselineProblem>();
        var entries = new Dictionary<string, BaselineEntry>(StringComparer.Ordinal);

        var conflictLine = FindConflictMarker(text);
        if (conflictLine > 0)
        {
            problems.Add(new BaselineProblem(conflictLine, 1, $"merge-conflict marker at line {conflictLine}", isFatal: true));
            return new BaselineDocument(entries, problems);
        }

        if (text.Trim().Length == 0)
        {
            problems.Add(new BaselineProblem(1, 1, "the file is empty", isFatal: true));
            return new BaselineDocument(entries, problems);
        }

        var bytes = Encoding.UTF8.GetBytes(text.TrimStart('\uFEFF'));
        var lines = new LineIndex(bytes);
        try
        {
            ReadDocument(bytes, lines, entries, problems);
        }
        catch (JsonException ex)
        {
            var line = (int)(ex.LineNumber ?? 0) + 1;
            var column = (int)(ex.BytePositionInLine ?? 0) + 1;
            problems.Add(new BaselineProblem(line, column, $"invalid JSON at line {line}: {FirstSentence(ex.Message)}", isFatal: true));
        }
        catch (InvalidOperationException)
        {
            // An unpaired surrogate escape in a property name (entries catch their own).
            problems.Add(new BaselineProblem(1, 1, "a property name is not text (an unpaired \\u surrogate escape)", isFatal: true));
        }

        return new BaselineDocument(entries, problems);
    }

    private static void ReadDocument(byte[] bytes, LineIndex lines, Dictionary<string, BaselineEntry> entries, List<BaselineProblem> problems)
    {
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            problems.Add(new BaselineProblem(lines.LineOf(reader.TokenStartIndex), 1, "the file must hold a JSON object with a \"prompts\" array", isFatal: true));
            return;
        }

        var sawPrompts = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            var nameLine = lines.LineOf(reader.TokenStartIndex);
            reader.Read();
            switch (name)
            {
                case "schemaVersion":
                    if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out var version) || version != BaselineDocument.SchemaVersion)
                    {
                        problems.Add(new BaselineProblem(nameLine, 1, $"unsupported schemaVersion at line {nameLine} (this PromptLint reads version {BaselineDocument.SchemaVersion})", isFatal: true));
                        return;
                    }

                    break;
                case "prompts":
                    if (reader.TokenType != JsonTokenType.StartArray)
                    {
                        problems.Add(new BaselineProblem(nameLine, 1, $"\"prompts\" at line {nameLine} must be an array", isFatal: true));
                        return;
                    }

                    sawPrompts = true;
                    ReadEntries(ref reader, lines, entries, problems);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        if (!sawPrompts)
        {
            problems.Add(new BaselineProblem(1, 1, "the file has no \"prompts\" array", isFatal: true));
        }
    }

    private static void ReadEntries(ref Utf8JsonReader reader, LineIndex lines, Dictionary<string, BaselineEntry> entries, List<BaselineProblem> problems)
    {
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var line = lines.LineOf(reader.TokenStartIndex);
            using var entry = JsonDocument.ParseValue(ref reader);
            var root = entry.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                problems.Add(new BaselineProblem(line, 1, $"the entry at line {line} is not an object", isFatal: false));
                continue;
            }

            string? id, tokenizer, contentHash;
            try
            {
                id = GetString(root, "id");
                tokenizer = GetString(root, "tokenizer");
                contentHash = GetString(root, "contentHash");
            }
            catch (InvalidOperationException)
            {
                // "\ud800" escapes half of a UTF-16 pair: valid JSON syntax, but no text. The entry is unusable, the rest is not.
                problems.Add(new BaselineProblem(line, 1, $"the entry at line {line} holds a string that is not text (an unpaired \\u surrogate escape)", isFatal: false));
                continue;
            }

            if (id?.Length > BaselineEntry.MaxIdLength || tokenizer?.Length > BaselineEntry.MaxTokenizerLength || contentHash?.Length > BaselineEntry.MaxTokenizerLength)
            {
                // Ids are paths and member names; a megabyte of id would be copied into every report and message.
                problems.Add(new BaselineProblem(line, 1, $"the entry at line {line} has an \"id\" longer than {BaselineEntry.MaxIdLength:N0} characters, or a \"tokenizer\" or \"contentHash\" longer than {BaselineEntry.MaxTokenizerLength}", isFatal: false));
                continue;
            }

            var staticTokens = GetInt(root, "staticTokens");
            if (string.IsNullOrEmpty(id) || staticTokens is null)
            {
                problems.Add(new BaselineProblem(line, 1, $"the entry at line {line} lacks \"id\" or a whole-number \"staticTokens\" from 0 to {BaselineEntry.MaxTokens.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)}", isFatal: false));
                continue;
            }

            if (entries.ContainsKey(id!))
            {
                problems.Add(new BaselineProblem(line, 1, $"prompt '{id}' appears twice (again at line {line})", isFatal: false));
                continue;
            }

            // "model" marks an entry that records what a call costs; without it (the first format) model and cap are
            // unknown, and the cost gate stays silent until the next accepted update writes them.
            string? model;
            try
            {
                model = GetString(root, "model");
            }
            catch (InvalidOperationException)
            {
                model = null;
            }

            if (model is not null && model.Length > BaselineEntry.MaxTokenizerLength)
            {
                problems.Add(new BaselineProblem(line, 1, $"the entry at line {line} has a \"model\" longer than {BaselineEntry.MaxTokenizerLength} characters", isFatal: false));
                continue;
            }

            entries[id!] = model is null
                ? new BaselineEntry(
                    id!,
                    tokenizer ?? string.Empty,
                    staticTokens.Value,
                    GetInt(root, "staticPrefixTokens") ?? 0,
                    GetInt(root, "toolSchemaTokens") ?? 0,
                    contentHash ?? string.Empty,
                    line)
                : new BaselineEntry(
                    id!,
                    tokenizer ?? string.Empty,
                    model,
                    GetInt(root, "outputCap"),
                    staticTokens.Value,
                    GetInt(root, "staticPrefixTokens") ?? 0,
                    GetInt(root, "toolSchemaTokens") ?? 0,
                    contentHash ?? string.Empty,
                    line);
        }
    }

    /// <summary>Writes entries in the canonical form: sorted by id (ordinal), one per line, LF, UTF-8 without BOM.</summary>
    public static string Write(IEnumerable<BaselineEntry> entries)
    {
        var sorted = entries.OrderBy(e => e.Id, StringComparer.Ordinal).ToList();
        var sb = new StringBuilder();
        sb.Append("{\n  \"schemaVersion\": ").Append(BaselineDocument.SchemaVersion.ToString(CultureInfo.InvariantCulture)).Append(",\n");
        if (sorted.Count == 0)
        {
            sb.Append("  \"prompts\": []\n}\n");
            return sb.ToString();
        }

        sb.Append("  \"prompts\": [\n");
        for (var i = 0; i < sorted.Count; i++)
        {
            sb.Append("    ").Append(WriteEntry(sorted[i])).Append(i < sorted.Count - 1 ? ",\n" : "\n");
        }

        sb.Append("  ]\n}\n");
        return sb.ToString();
    }

    private static string WriteEntry(BaselineEntry entry)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, CompactWriter))
        {
            writer.WriteStartObject();
            writer.WriteString("id", entry.Id);
            writer.WriteString("tokenizer", entry.Tokenizer);
            if (entry.Model is not null)
            {
                writer.WriteString("model", entry.Model);
            }

            writer.WriteNumber("staticTokens", entry.StaticTokens);
            writer.WriteNumber("staticPrefixTokens", entry.StaticPrefixTokens);
            writer.WriteNumber("toolSchemaTokens", entry.ToolSchemaTokens);
            if (entry.Model is not null)
            {
                // null: uncapped. An entry of the first format (no model) writes neither field, so it stays byte-identical.
                if (entry.OutputCap is { } cap)
                {
                    writer.WriteNumber("outputCap", cap);
                }
                else
                {
                    writer.WriteNull("outputCap");
                }
            }

            writer.WriteString("contentHash", entry.ContentHash);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static int FindConflictMarker(string text)
    {
        var line = 1;
        var start = 0;
        while (start <= text.Length)
        {
            var end = text.IndexOf('\n', start);
            if (end < 0)
            {
                end = text.Length;
            }

            foreach (var marker in ConflictMarkers)
            {
                if (string.CompareOrdinal(text, start, marker, 0, marker.Length) == 0)
                {
                    return line;
                }
            }

            start = end + 1;
            line++;
        }

        return 0;
    }

    private static string? GetString(JsonElement obj, string name)
        => obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    // No prompt holds a billion tokens; bounding counts keeps deltas and totals of any baseline far from int overflow.
    private static int? GetInt(JsonElement obj, string name)
        => obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) && number >= 0 && number <= BaselineEntry.MaxTokens ? number : null;

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(". ", StringComparison.Ordinal);
        return cut > 0 ? message.Substring(0, cut) : message.TrimEnd('.');
    }
}
