using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.CodeAnalysis;

namespace PromptLint.Analyzers.CSharp;

/// <summary>
/// What Microsoft.Extensions.AI's OpenAI adapter puts on the wire for an <c>AIFunction</c> (an
/// <c>AIFunctionFactory.Create</c> tool, or an MCP tool a client offers to the model): the function's name, its
/// description (empty when it has none) and its parameters rewritten to exactly <c>type</c>, <c>required</c> (empty
/// when nothing is), <c>properties</c> and <c>"additionalProperties":false</c>, in that order. Held to the adapter's
/// own output by <c>WireToolSchemaTests</c>.
/// </summary>
internal static class OpenAiToolWire
{
    private static readonly JsonWriterOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false };

    /// <summary>The parameters object the adapter sends for a function's JSON schema (shared with the meter: <c>PromptLint.Tools.OpenAiFunctionParameters</c>).</summary>
    public static string Parameters(string schemaJson)
    {
        using var document = JsonDocument.Parse(schemaJson);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, Compact))
        {
            PromptLint.Tools.OpenAiFunctionParameters.Write(writer, document.RootElement);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>
    /// The name <c>AIFunctionFactory.Create(method)</c> gives a method (Microsoft.Extensions.AI 10): an awaitable
    /// method's <c>Async</c> suffix is dropped; a local function, which the compiler names
    /// <c>&lt;Register&gt;g__GetTideAsync|3_0</c>, is sent as <c>Register_GetTide_3_0</c>. The compiler's two ordinals
    /// are not in the symbols: PromptLint writes the containing method's position among its type's methods and the local
    /// function's among those of its method, which is what the compiler writes for ordinary code.
    /// </summary>
    public static string AIFunctionName(IMethodSymbol method)
    {
        var name = method.Name;
        if (name.Length > "Async".Length && name.EndsWith("Async", StringComparison.Ordinal) && IsAwaitable(method.ReturnType))
        {
            name = name.Substring(0, name.Length - "Async".Length);
        }

        if (method.MethodKind == MethodKind.LocalFunction && method.ContainingSymbol is IMethodSymbol container)
        {
            name = Sanitize(container.Name) + "_" + name + "_" + Ordinal(container).ToString(System.Globalization.CultureInfo.InvariantCulture)
                   + "_" + LocalOrdinal(method, container).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return name;
    }

    /// <summary>
    /// The parameters object Semantic Kernel's OpenAI connector sends for a <c>KernelFunction</c> made from a method:
    /// <c>type</c>, <c>required</c> (empty when nothing is) and <c>properties</c>; a parameter's default value is not a
    /// <c>default</c> keyword but text after its description (<c>"(default value: 5)"</c>), and a nullable parameter is
    /// its plain type.
    /// </summary>
    /// <param name="schemaJson">The schema Microsoft.Extensions.AI derives (<see cref="ToolSchemaBuilder.ParametersSchema"/>).</param>
    /// <param name="method">The function's method, for the default values.</param>
    public static string SemanticKernelParameters(string schemaJson, IMethodSymbol method)
    {
        using var document = JsonDocument.Parse(schemaJson);
        var root = document.RootElement;
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, Compact))
        {
            writer.WriteStartObject();
            writer.WriteString("type", "object");
            writer.WritePropertyName("required");
            if (root.TryGetProperty("required", out var required) && required.ValueKind == JsonValueKind.Array)
            {
                required.WriteTo(writer);
            }
            else
            {
                writer.WriteStartArray();
                writer.WriteEndArray();
            }

            writer.WritePropertyName("properties");
            writer.WriteStartObject();
            if (root.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in properties.EnumerateObject())
                {
                    writer.WritePropertyName(property.Name);
                    WriteKernelParameter(writer, property.Value, method.Parameters.FirstOrDefault(p => p.Name == property.Name));
                }
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteKernelParameter(Utf8JsonWriter writer, JsonElement schema, IParameterSymbol? parameter)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            schema.WriteTo(writer);
            return;
        }

        var description = schema.TryGetProperty("description", out var given) && given.ValueKind == JsonValueKind.String ? given.GetString() : null;
        if (parameter is { HasExplicitDefaultValue: true } && DefaultText(parameter) is { } defaultText)
        {
            description = string.IsNullOrEmpty(description) ? $"(default value: {defaultText})" : $"{description} (default value: {defaultText})";
        }

        writer.WriteStartObject();
        if (description is not null)
        {
            writer.WriteString("description", description);
        }

        foreach (var member in schema.EnumerateObject())
        {
            switch (member.Name)
            {
                case "description" or "default":
                    break;
                case "type" when member.Value.ValueKind == JsonValueKind.Array:
                    // ["integer","null"]: Semantic Kernel sends the type without null.
                    var types = member.Value.EnumerateArray().Where(t => t.GetString() != "null").ToList();
                    writer.WritePropertyName("type");
                    if (types.Count == 1)
                    {
                        types[0].WriteTo(writer);
                    }
                    else
                    {
                        writer.WriteStartArray();
                        types.ForEach(t => t.WriteTo(writer));
                        writer.WriteEndArray();
                    }

                    break;
                default:
                    member.WriteTo(writer);
                    break;
            }
        }

        writer.WriteEndObject();
    }

    // How Semantic Kernel writes a default value into the description: bools as True/False, enums by member name.
    private static string? DefaultText(IParameterSymbol parameter)
    {
        var value = parameter.ExplicitDefaultValue;
        if (value is null)
        {
            return null;
        }

        var type = parameter.Type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable ? nullable.TypeArguments[0] : parameter.Type;
        if (type.TypeKind == TypeKind.Enum)
        {
            return type.GetMembers().OfType<IFieldSymbol>().FirstOrDefault(f => f.HasConstantValue && Equals(f.ConstantValue, value))?.Name ?? Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture);
        }

        var text = value switch
        {
            bool b => b ? "True" : "False",
            IFormattable formattable => formattable.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
            _ => value.ToString(),
        };
        return string.IsNullOrWhiteSpace(text) ? null : text;
    }

    private static bool IsAwaitable(ITypeSymbol type)
        => type.OriginalDefinition.ToDisplayString() is "System.Threading.Tasks.Task" or "System.Threading.Tasks.Task<TResult>"
            or "System.Threading.Tasks.ValueTask" or "System.Threading.Tasks.ValueTask<TResult>";

    private static string Sanitize(string name)
    {
        var result = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            var valid = c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_';
            if (valid)
            {
                result.Append(c);
            }
            else if (result.Length > 0 && result[result.Length - 1] != '_')
            {
                result.Append('_');
            }
        }

        return result.ToString().TrimEnd('_');
    }

    private static int Ordinal(IMethodSymbol container)
    {
        var methods = container.ContainingType?.GetMembers().OfType<IMethodSymbol>().Where(m => m.MethodKind is MethodKind.Ordinary).ToList();
        var index = methods?.FindIndex(m => SymbolEqualityComparer.Default.Equals(m, container)) ?? -1;
        return Math.Max(index, 0);
    }

    private static int LocalOrdinal(IMethodSymbol local, IMethodSymbol container)
    {
        var syntax = container.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax();
        var localSyntax = local.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax();
        if (syntax is null || localSyntax is null)
        {
            return 0;
        }

        var index = syntax.DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.LocalFunctionStatementSyntax>().ToList().FindIndex(f => f == localSyntax);
        return Math.Max(index, 0);
    }
}
