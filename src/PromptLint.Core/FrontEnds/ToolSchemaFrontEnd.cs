using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using PromptLint.Contracts.Text;
using PromptLint.Core.Model;

namespace PromptLint.Core.FrontEnds;

/// <summary>
/// Reads tool schema JSON: an OpenAI <c>tools</c> array (<c>{"type":"function","function":{…}}</c>, or the flat Responses
/// shape), an object holding such an array under <c>tools</c>, or an MCP <c>tools/list</c> result
/// (<c>{"tools":[{name, description, inputSchema}]}</c>). Each tool is measured as the compact JSON the provider receives
/// in OpenAI's function shape; MCP tools are converted to it first, the way a client forwards them.
/// </summary>
public static class ToolSchemaFrontEnd
{
    private static readonly JsonWriterOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false };

    /// <summary>Reads one file.</summary>
    public static PromptFileResult Read(PromptFileInput input)
    {
        var problems = new List<PromptFileProblem>();
        var tools = new List<ToolDefinition>();
        if (TooDeep(input.Text, input.Limits.MaxNestingDepth) is { } deep)
        {
            return PromptFileResult.Problem(input.Path, deep.Line, deep.Column, $"the JSON nests deeper than {input.Limits.MaxNestingDepth} levels at line {deep.Line}; PromptLint reads no deeper (raise {PromptLint.Contracts.Rules.SettingKeys.MaxNestingDepth} if the file needs it)");
        }

        var bytes = Encoding.UTF8.GetBytes(input.Text.TrimStart('\uFEFF'));
        var lines = new LineIndex(bytes);
        if (ToolNameMap.TryRead(input, bytes, lines) is { } map)
        {
            return map;
        }

        try
        {
            var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = input.Limits.MaxNestingDepth });
            if (!reader.Read())
            {
                return PromptFileResult.Problem(input.Path, 1, 1, "the tool schema file is empty");
            }

            if (reader.TokenType == JsonTokenType.StartArray)
            {
                ReadTools(ref reader, input.Path, lines, tools, problems);
            }
            else if (reader.TokenType == JsonTokenType.StartObject)
            {
                var found = false;
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var name = reader.GetString();
                    reader.Read();
                    if ((name == "tools" || name == "functions") && reader.TokenType == JsonTokenType.StartArray)
                    {
                        found = true;
                        ReadTools(ref reader, input.Path, lines, tools, problems);
                    }
                    else if (name == "result" && reader.TokenType == JsonTokenType.StartObject)
                    {
                        // A JSON-RPC response to MCP's tools/list, saved as it came: {"jsonrpc", "id", "result": {"tools": […]}}.
                        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                        {
                            var inner = reader.GetString();
                            reader.Read();
                            if (inner == "tools" && reader.TokenType == JsonTokenType.StartArray)
                            {
                                found = true;
                                ReadTools(ref reader, input.Path, lines, tools, problems);
                            }
                            else
                            {
                                reader.Skip();
                            }
                        }
                    }
                    else
                    {
                        reader.Skip();
                    }
                }

                if (!found && ToolListShape.IsSingleTool(input.Text))
                {
                    // One tool saved as a file of its own ({"type":"function","function":{…}} or {name, description, parameters}).
                    using var single = JsonDocument.Parse(bytes, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = input.Limits.MaxNestingDepth });
                    if (ToWire(single.RootElement, new SourceLocation(input.Path, 1, 1)) is { } tool)
                    {
                        found = true;
                        tools.Add(tool);
                    }
                }

                if (!found)
                {
                    problems.Add(new PromptFileProblem(input.Path, 1, 1, "the tool schema file needs a top-level array of tools or a \"tools\" array"));
                }
            }
            else
            {
                problems.Add(new PromptFileProblem(input.Path, 1, 1, "the tool schema file needs a top-level array of tools or a \"tools\" array"));
            }

            // Anything after the top-level value makes the file invalid JSON; the reader throws on it.
            reader.Read();
        }
        catch (JsonException ex)
        {
            var line = (int)(ex.LineNumber ?? 0) + 1;
            problems.Add(new PromptFileProblem(input.Path, line, (int)(ex.BytePositionInLine ?? 0) + 1, $"invalid JSON at line {line}"));
            return new PromptFileResult(Array.Empty<PromptTemplate>(), problems);
        }

        if (tools.Count == 0)
        {
            if (input.Discovered)
            {
                return PromptFileResult.Empty;
            }

            if (problems.Count == 0)
            {
                problems.Add(new PromptFileProblem(input.Path, 1, 1, "the tool schema file lists no tools"));
            }

            return new PromptFileResult(Array.Empty<PromptTemplate>(), problems);
        }

        var template = new PromptTemplate(input.Id, tools[0].Location, PromptRole.ToolSchema, Array.Empty<PromptMessage>(), tools);
        return PromptFileResult.Of(template, problems);
    }

    private static void ReadTools(ref Utf8JsonReader reader, string path, LineIndex lines, List<ToolDefinition> tools, List<PromptFileProblem> problems)
    {
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var line = lines.LineOf(reader.TokenStartIndex);
            using var element = JsonDocument.ParseValue(ref reader);
            var location = new SourceLocation(path, line, 1);
            var tool = ToWire(element.RootElement, location);
            if (tool is null)
            {
                problems.Add(new PromptFileProblem(path, line, 1, $"the tool at line {line} is neither an OpenAI function tool nor an MCP tool (it needs a \"name\")"));
            }
            else
            {
                tools.Add(tool);
            }
        }
    }

    internal static ToolDefinition? ToWire(JsonElement tool, SourceLocation location)
    {
        if (tool.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        // {"type":"function","function":{name, description, parameters}}: sent as written.
        if (tool.TryGetProperty("function", out var function) && function.ValueKind == JsonValueKind.Object && TryGetName(function, out var fnName))
        {
            return new ToolDefinition(fnName, Serialize(w => tool.WriteTo(w)), location);
        }

        if (!TryGetName(tool, out var name))
        {
            return null;
        }

        // Responses API flat shape {"type":"function","name",…,"parameters"}: sent as written.
        if (tool.TryGetProperty("parameters", out _))
        {
            return new ToolDefinition(name, Serialize(w => tool.WriteTo(w)), location);
        }

        // MCP {name, description, inputSchema} or Anthropic {name, description, input_schema}: forwarded in the function shape.
        if (tool.TryGetProperty("inputSchema", out var schema) || tool.TryGetProperty("input_schema", out schema))
        {
            return new ToolDefinition(name, AsFunction(name, tool, schema), location);
        }

        // A function with no parameters ({name, description}, as Teams AI's actions.json lists them): the API accepts a
        // function without a "parameters" object and sends it as one that takes none.
        return new ToolDefinition(name, AsFunction(name, tool, null), location);
    }

    private static bool TryGetName(JsonElement obj, out string name)
    {
        name = obj.TryGetProperty("name", out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() ?? string.Empty : string.Empty;
        return name.Length > 0;
    }

    // The chat API's function wrapper for a tool written in another shape: its name, its description as written, and
    // its parameters schema when it has one (a function without one takes no parameters).
    internal static string AsFunction(string name, JsonElement tool, JsonElement? parameters) => Serialize(w =>
    {
        w.WriteStartObject();
        w.WriteString("type", "function");
        w.WritePropertyName("function");
        w.WriteStartObject();
        w.WriteString("name", name);
        if (tool.TryGetProperty("description", out var description))
        {
            w.WritePropertyName("description");
            description.WriteTo(w);
        }

        if (parameters is { } schema)
        {
            w.WritePropertyName("parameters");
            schema.WriteTo(w);
        }

        w.WriteEndObject();
        w.WriteEndObject();
    });

    private static string Serialize(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, Compact))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    // Where the first '[' or '{' past the limit opens (brackets in strings do not count), or null: the reader would
    // stop there too, but only with "invalid JSON", which does not say which limit or how to raise it.
    private static (int Line, int Column)? TooDeep(string text, int maxDepth)
    {
        var depth = 0;
        var line = 1;
        var lineStart = 0;
        var inString = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\n')
            {
                line++;
                lineStart = i + 1;
            }
            else if (inString)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inString = false;
                }
            }
            else if (c == '"')
            {
                inString = true;
            }
            else if (c is '[' or '{' && ++depth > maxDepth)
            {
                return (line, i - lineStart + 1);
            }
            else if (c is ']' or '}')
            {
                depth--;
            }
        }

        return null;
    }
}
