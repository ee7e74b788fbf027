using System;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PromptLint.Core.FrontEnds;

/// <summary>
/// The structured-output format a prompt file declares, as the compact JSON the API receives: GitHub Models'
/// <c>jsonSchema</c> (a JSON string or a YAML mapping of <c>name</c>, <c>strict</c>, <c>schema</c>) becomes
/// <c>{"type":"json_schema","json_schema":{…}}</c>. A schema that is not valid JSON is counted as written, never reported:
/// the file's own tooling judges it.
/// </summary>
internal static class ResponseFormatJson
{
    private static readonly JsonWriterOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false };

    /// <summary>The wire JSON of a <c>jsonSchema</c> node, or null when there is none.</summary>
    public static string? FromJsonSchema(YamlNode? node)
    {
        if (node is null || node is YamlScalarNode { Value: null or "" })
        {
            return null;
        }

        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, Compact))
        {
            writer.WriteStartObject();
            writer.WriteString("type", "json_schema");
            writer.WritePropertyName("json_schema");
            if (node is YamlScalarNode scalar)
            {
                try
                {
                    using var document = JsonDocument.Parse(scalar.Value!, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
                    document.RootElement.WriteTo(writer);
                }
                catch (JsonException)
                {
                    writer.WriteStringValue(scalar.Value!.Trim());
                }
            }
            else
            {
                Write(writer, node, 0);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Write(Utf8JsonWriter writer, YamlNode node, int depth)
    {
        if (depth > 64)
        {
            writer.WriteNullValue();
            return;
        }

        switch (node)
        {
            case YamlMappingNode mapping:
                writer.WriteStartObject();
                foreach (var entry in mapping.Children)
                {
                    writer.WritePropertyName((entry.Key as YamlScalarNode)?.Value ?? string.Empty);
                    Write(writer, entry.Value, depth + 1);
                }

                writer.WriteEndObject();
                break;
            case YamlSequenceNode sequence:
                writer.WriteStartArray();
                foreach (var item in sequence.Children)
                {
                    Write(writer, item, depth + 1);
                }

                writer.WriteEndArray();
                break;
            case YamlScalarNode scalar when scalar.Style == ScalarStyle.Plain:
                var value = scalar.Value ?? string.Empty;
                if (value is "true" or "false")
                {
                    writer.WriteBooleanValue(value == "true");
                }
                else if (value is "null" or "~" or "")
                {
                    writer.WriteNullValue();
                }
                else if (decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                {
                    writer.WriteNumberValue(number);
                }
                else
                {
                    writer.WriteStringValue(value);
                }

                break;
            case YamlScalarNode scalar:
                writer.WriteStringValue(scalar.Value ?? string.Empty);
                break;
            default:
                writer.WriteNullValue();
                break;
        }
    }
}
