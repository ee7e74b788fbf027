using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using PromptLint.Contracts.Text;
using PromptLint.Core.Model;

namespace PromptLint.Core.FrontEnds;

/// <summary>
/// A tool catalogue written as a JSON object keyed by tool name (<c>{"search": {"description", "parameters"}, "edit": {…}}</c>):
/// each value is one function, its key the function's name unless the value names itself. Also settles whether a file
/// the default globs took for a tool list by its name (<c>*_tools.json</c>, <c>*.tools.json</c>) is one: a tool list
/// or such a map is read, JSON that breaks in its first kilobytes is read too (PL0101 says where), and valid JSON of
/// any other shape is not a tool list, so it is skipped without a word.
/// </summary>
internal static class ToolNameMap
{
    private static readonly string[] SchemaKeys = { "parameters", "inputSchema", "input_schema" };

    // The keys a function without parameters may have besides its description.
    private static readonly HashSet<string> BareKeys = new(StringComparer.Ordinal) { "name", "description", "type", "strict" };

    private static readonly string[] Reserved = { "function", "functions", "tools", "result", "type", "name", "title", "description", "parameters", "inputSchema", "input_schema", "outputSchema", "strict", "annotations", "cache_control", "_meta" };

    // Every key an OpenAI, MCP or Anthropic tool definition may have.
    private static readonly string[] ToolKeys = { "type", "name", "title", "description", "parameters", "strict", "inputSchema", "outputSchema", "input_schema", "annotations", "_meta", "cache_control" };

    private static readonly JsonReaderOptions Options = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>
    /// The kind of a file the default globs proposed as a tool list by its name, from the start of its text
    /// (<paramref name="head"/>, all of it when shorter than <see cref="PromptFileSniffer.HeadCharacters"/>).
    /// </summary>
    public static PromptFileKind ConfirmByName(string head)
    {
        if (ToolListShape.Matches(head) || Matches(head))
        {
            return PromptFileKind.ToolSchema;
        }

        var complete = head.Length < PromptFileSniffer.HeadCharacters;
        if (!IsValidSoFar(head, complete))
        {
            return PromptFileKind.ToolSchema;
        }

        // A long file whose first tool does not end in the head (MCP dumps write "name" after a long "inputSchema"):
        // read when what the head shows is the structure of a tool list.
        return !complete && MayBeToolList(head) ? PromptFileKind.ToolSchema : PromptFileKind.Unknown;
    }

    // The head of a longer text opens a tool list's structure: an array of objects, an object with a "tools",
    // "functions" or "result" key, or an object whose first value runs past the head with only a tool's keys so far.
    private static bool MayBeToolList(string head)
    {
        var reader = new Utf8JsonReader(Bytes(head), isFinalBlock: false, new JsonReaderState(Options));
        try
        {
            if (!reader.Read())
            {
                return true;
            }

            if (reader.TokenType == JsonTokenType.StartArray)
            {
                return !reader.Read() || reader.TokenType == JsonTokenType.StartObject;
            }

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            // A single tool saved as its own file whose keys run past the head has only a tool's keys so far.
            var first = true;
            var toolKeysOnly = true;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var key = reader.GetString() ?? string.Empty;
                if (key is "tools" or "functions" or "result")
                {
                    return true;
                }

                toolKeysOnly &= Array.IndexOf(ToolKeys, key) >= 0 || key == "function";
                if (!reader.Read())
                {
                    return toolKeysOnly;
                }

                if (reader.TokenType == JsonTokenType.StartObject && first && IsName(key) && Array.IndexOf(Reserved, key) < 0)
                {
                    return IsToolValue(ref reader) != false;
                }

                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && !reader.TrySkip())
                {
                    return toolKeysOnly;
                }

                first = false;
            }

            if (reader.TokenType != JsonTokenType.EndObject && toolKeysOnly)
            {
                return true;
            }

            return false;
        }
        catch (JsonException)
        {
            return true;
        }
    }

    /// <summary>True when <paramref name="head"/> opens an object whose first value is a tool definition keyed by its name.</summary>
    public static bool Matches(string head) => FirstValueIsTool(head) == true;

    // Whether the first value of the object the head opens is a tool keyed by its name: null when the head ends inside
    // it with only a tool's keys so far.
    private static bool? FirstValueIsTool(string head)
    {
        var reader = new Utf8JsonReader(Bytes(head), isFinalBlock: false, new JsonReaderState(Options));
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject || !reader.Read() || reader.TokenType != JsonTokenType.PropertyName)
            {
                return false;
            }

            // A wrapped function or a tool list's holder written key first is not a map of tools.
            var key = reader.GetString() ?? string.Empty;
            return IsName(key) && Array.IndexOf(Reserved, key) < 0 && reader.Read() && reader.TokenType == JsonTokenType.StartObject ? IsToolValue(ref reader) : false;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>
    /// Reads the tools of a name-keyed map, or null when the text is not one (the caller's own reading then applies).
    /// Entries that are not tools (a <c>"version"</c> string, an object of another shape) are left out, not reported.
    /// </summary>
    public static PromptFileResult? TryRead(PromptFileInput input, byte[] bytes, LineIndex lines)
    {
        var text = input.Text.TrimStart('\uFEFF');
        if (FirstValueIsTool(text.Length > PromptFileSniffer.HeadCharacters ? text.Substring(0, PromptFileSniffer.HeadCharacters) : text) == false)
        {
            return null;
        }

        var tools = new List<ToolDefinition>();
        try
        {
            var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = input.Limits.MaxNestingDepth });
            reader.Read();
            var first = true;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var key = reader.GetString() ?? string.Empty;
                reader.Read();
                var line = lines.LineOf(reader.TokenStartIndex);
                using var value = JsonDocument.ParseValue(ref reader);
                var tool = ToWire(key, value.RootElement, new SourceLocation(input.Path, line, 1));
                if (first && tool is null)
                {
                    // The head could not tell, the whole value does: not a map of tools.
                    return null;
                }

                first = false;
                if (tool is not null)
                {
                    tools.Add(tool);
                }
            }

            // Anything after the object makes the file invalid JSON; the reader throws on it.
            reader.Read();
        }
        catch (JsonException)
        {
            // The tool list reader reports invalid JSON with its line.
            return null;
        }

        return tools.Count == 0
            ? PromptFileResult.Empty
            : PromptFileResult.Of(new PromptTemplate(input.Id, tools[0].Location, PromptRole.ToolSchema, Array.Empty<PromptMessage>(), tools), Array.Empty<PromptFileProblem>());
    }

    // One entry as the function the API receives: a value that names itself is read as a tool list's element is; one
    // that does not takes its key as its name.
    private static ToolDefinition? ToWire(string key, JsonElement value, SourceLocation location)
    {
        if (value.ValueKind != JsonValueKind.Object || !IsName(key) || !IsTool(value))
        {
            return null;
        }

        if (value.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String && name.GetString() is { Length: > 0 })
        {
            return ToolSchemaFrontEnd.ToWire(value, location);
        }

        foreach (var schemaKey in SchemaKeys)
        {
            if (value.TryGetProperty(schemaKey, out var schema) && schema.ValueKind == JsonValueKind.Object)
            {
                return new ToolDefinition(key, ToolSchemaFrontEnd.AsFunction(key, value, schema), location);
            }
        }

        return new ToolDefinition(key, ToolSchemaFrontEnd.AsFunction(key, value, null), location);
    }

    // A function definition: a schema object, or a description and nothing a function does not have.
    private static bool IsTool(JsonElement value)
    {
        if (value.TryGetProperty("name", out var name) && name.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        foreach (var key in SchemaKeys)
        {
            if (value.TryGetProperty(key, out var schema) && schema.ValueKind == JsonValueKind.Object)
            {
                return true;
            }
        }

        if (!value.TryGetProperty("description", out var description) || description.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        foreach (var property in value.EnumerateObject())
        {
            if (!BareKeys.Contains(property.Name))
            {
                return false;
            }
        }

        return true;
    }

    // The same judgement on the first value of a head, by its keys as far as the head shows them: null when the head
    // ends inside the value with no key a tool does not have.
    private static bool? IsToolValue(ref Utf8JsonReader reader)
    {
        var depth = reader.CurrentDepth;
        var schema = false;
        var description = false;
        var otherKeys = false;
        var foreignKeys = false;
        while (true)
        {
            if (!reader.Read())
            {
                return foreignKeys ? false : null;
            }

            if (reader.CurrentDepth <= depth)
            {
                break;
            }

            if (reader.TokenType != JsonTokenType.PropertyName)
            {
                continue;
            }

            var key = reader.GetString() ?? string.Empty;
            foreignKeys |= Array.IndexOf(ToolKeys, key) < 0;
            if (!reader.Read())
            {
                return foreignKeys ? false : null;
            }

            var kind = reader.TokenType;
            if (Array.IndexOf(SchemaKeys, key) >= 0)
            {
                schema |= kind == JsonTokenType.StartObject;
            }
            else if (key == "description")
            {
                description = kind == JsonTokenType.String;
            }
            else if (key == "name" && kind != JsonTokenType.String)
            {
                return false;
            }
            else if (!BareKeys.Contains(key))
            {
                otherKeys = true;
            }

            if (schema)
            {
                return true;
            }

            if (kind is JsonTokenType.StartObject or JsonTokenType.StartArray && !reader.TrySkip())
            {
                return foreignKeys ? false : null;
            }
        }

        return description && !otherKeys && reader.TokenType == JsonTokenType.EndObject;
    }

    // Whether the head holds no JSON syntax error: a complete text must also end where its value ends.
    private static bool IsValidSoFar(string head, bool complete)
    {
        var reader = new Utf8JsonReader(Bytes(head), isFinalBlock: complete, new JsonReaderState(Options));
        try
        {
            while (reader.Read())
            {
            }

            return !complete || reader.BytesConsumed > 0;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static byte[] Bytes(string head) => Encoding.UTF8.GetBytes(head.TrimStart('\uFEFF'));

    // A name a function could have, as a tool list's tools are judged.
    private static bool IsName(string key) => ToolListShape.IsIdentifier(key);
}
