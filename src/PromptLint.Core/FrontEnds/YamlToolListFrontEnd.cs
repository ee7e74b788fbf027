using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using PromptLint.Core.Model;
using PromptLint.Counting.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PromptLint.Core.FrontEnds;

/// <summary>
/// Reads OpenAI function tools written as YAML (<see cref="YamlToolListShape"/>): each is turned into the JSON the code
/// that loads the file sends (plain scalars that read as numbers, <c>true</c>/<c>false</c> or <c>null</c> become those,
/// the rest strings, as a YAML loader gives them) and measured like a tool of a JSON tool list. Only items of the exact
/// shapes are tools: <c>{type: function, function: {name, …}}</c>, or <c>{name, description, parameters}</c> whose
/// parameters are an object schema. A found file with none is not a tool list, and says nothing.
/// </summary>
public static class YamlToolListFrontEnd
{
    private static readonly JsonWriterOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false };

    /// <summary>Reads one file.</summary>
    public static PromptFileResult Read(PromptFileInput input)
    {
        var problems = new List<PromptFileProblem>();
        var source = TextNormalizer.NormalizeLineEndings(input.Text);
        var root = YamlHelpers.LoadRoot(source, input.Path, 0, input.Limits.MaxNestingDepth, problems, "the tool list YAML", input.Limits.MaxCharacters);
        if (root is null)
        {
            return new PromptFileResult(Array.Empty<PromptTemplate>(), problems);
        }

        IEnumerable<YamlNode> items = root switch
        {
            YamlSequenceNode list => list.Children,
            YamlMappingNode mapping when YamlHelpers.Get(mapping, "tools") is YamlSequenceNode tools => tools.Children,
            YamlMappingNode mapping => new YamlNode[] { mapping },
            _ => Array.Empty<YamlNode>(),
        };

        var found = new List<ToolDefinition>();
        foreach (var item in items)
        {
            if (item is YamlMappingNode tool && IsTool(tool))
            {
                using var json = JsonDocument.Parse(ToJson(tool));
                if (ToolSchemaFrontEnd.ToWire(json.RootElement, new SourceLocation(input.Path, YamlHelpers.Line(tool, 0), YamlHelpers.Column(tool))) is { } wire)
                {
                    found.Add(wire);
                }
            }
        }

        if (found.Count == 0)
        {
            if (!input.Discovered)
            {
                problems.Add(new PromptFileProblem(input.Path, 1, 1, "the tool list YAML has no tool of the shape {type: function, function: {name, …}} or {name, description, parameters}"));
            }

            return new PromptFileResult(Array.Empty<PromptTemplate>(), problems);
        }

        return PromptFileResult.Of(new PromptTemplate(input.Id, found[0].Location, PromptRole.ToolSchema, Array.Empty<PromptMessage>(), found), problems);
    }

    private static bool IsTool(YamlMappingNode tool)
    {
        if (Scalar(tool, "type") == "function" && YamlHelpers.GetMapping(tool, "function") is { } function)
        {
            return !string.IsNullOrWhiteSpace(Scalar(function, "name"));
        }

        return !string.IsNullOrWhiteSpace(Scalar(tool, "name")) && Scalar(tool, "description") is not null
            && YamlHelpers.GetMapping(tool, "parameters") is { } parameters && Scalar(parameters, "type") == "object";
    }

    private static string? Scalar(YamlMappingNode mapping, string key) => (YamlHelpers.Get(mapping, key) as YamlScalarNode)?.Value;

    private static string ToJson(YamlNode node)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, Compact))
        {
            Write(writer, node);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Write(Utf8JsonWriter writer, YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                writer.WriteStartObject();
                foreach (var pair in mapping.Children)
                {
                    writer.WritePropertyName((pair.Key as YamlScalarNode)?.Value ?? string.Empty);
                    Write(writer, pair.Value);
                }

                writer.WriteEndObject();
                break;
            case YamlSequenceNode sequence:
                writer.WriteStartArray();
                foreach (var child in sequence.Children)
                {
                    Write(writer, child);
                }

                writer.WriteEndArray();
                break;
            case YamlScalarNode scalar:
                WriteScalar(writer, scalar);
                break;
            default:
                writer.WriteNullValue();
                break;
        }
    }

    // YAML 1.2 core schema for plain scalars; a quoted or block scalar is always a string.
    private static void WriteScalar(Utf8JsonWriter writer, YamlScalarNode scalar)
    {
        var value = scalar.Value ?? string.Empty;
        if (scalar.Style is not ScalarStyle.Plain and not ScalarStyle.Any)
        {
            writer.WriteStringValue(value);
            return;
        }

        switch (value)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                writer.WriteNullValue();
                return;
            case "true" or "True" or "TRUE":
                writer.WriteBooleanValue(true);
                return;
            case "false" or "False" or "FALSE":
                writer.WriteBooleanValue(false);
                return;
        }

        if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole))
        {
            writer.WriteNumberValue(whole);
        }
        else if (value.IndexOfAny(new[] { '.', 'e', 'E' }) >= 0 && char.IsDigit(value[value.Length - 1])
            && double.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var number)
            && !double.IsInfinity(number))
        {
            writer.WriteNumberValue(number);
        }
        else
        {
            writer.WriteStringValue(value);
        }
    }
}
