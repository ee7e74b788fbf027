using System;
using System.Collections.Generic;
using System.Text.Json;

namespace PromptLint.Tools;

/// <summary>
/// The parameters object Microsoft.Extensions.AI's OpenAI adapter sends for a function's JSON schema: exactly
/// <c>type</c>, <c>required</c> (empty when nothing is; each name once), <c>properties</c> and
/// <c>"additionalProperties":false</c>, in that order. One linked source for the analyzer (which counts a tool as the
/// SDK sends it) and the meter (which counts the tools of a call the same way), so build and runtime agree.
/// </summary>
internal static class OpenAiFunctionParameters
{
    /// <summary>Writes the adapter's parameters object for a schema (an undefined or non-object schema: no parameters).</summary>
    public static void Write(Utf8JsonWriter writer, JsonElement schema)
    {
        var isObject = schema.ValueKind == JsonValueKind.Object;
        writer.WriteStartObject();
        writer.WriteString("type", isObject && schema.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String ? type.GetString() : "object");
        writer.WritePropertyName("required");
        writer.WriteStartArray();
        if (isObject && schema.TryGetProperty("required", out var required) && required.ValueKind == JsonValueKind.Array)
        {
            // A set on the adapter's side: each name once, first occurrence first.
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var name in required.EnumerateArray())
            {
                if (name.ValueKind == JsonValueKind.String && seen.Add(name.GetString()!))
                {
                    writer.WriteStringValue(name.GetString());
                }
            }
        }

        writer.WriteEndArray();
        writer.WritePropertyName("properties");
        if (isObject && schema.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
        {
            properties.WriteTo(writer);
        }
        else
        {
            writer.WriteStartObject();
            writer.WriteEndObject();
        }

        writer.WriteBoolean("additionalProperties", false);
        writer.WriteEndObject();
    }
}
