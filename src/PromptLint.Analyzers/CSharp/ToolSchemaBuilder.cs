using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.CodeAnalysis;
using PromptLint.Analyzers.CSharp.Sdks;

namespace PromptLint.Analyzers.CSharp;

/// <summary>
/// Rebuilds, from symbols, the tool definition Microsoft.Extensions.AI sends for a C# method
/// (<c>AIFunctionFactory.Create</c>; Semantic Kernel and MCP servers describe methods the same way): the JSON schema of
/// its parameters — types, <c>[Description]</c>s, defaults, required — wrapped in OpenAI's function-tool shape.
/// A reconstruction, so its counts are labelled estimates; a test holds it to the library's own output.
/// </summary>
internal static class ToolSchemaBuilder
{
    private const int MaxDepth = 6;

    private static readonly JsonWriterOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false };

    /// <summary>The wire JSON of a function tool: <c>{"type":"function","function":{"description","name","parameters"}}</c>, and <c>"strict":true</c> when the schema is strict.</summary>
    /// <param name="name">The function's name.</param>
    /// <param name="description">Its description; null leaves it out, an empty one is written.</param>
    /// <param name="parametersJson">The parameters schema.</param>
    /// <param name="strict">Written when the SDK sends it: true for a strict schema, false where an SDK writes <c>"strict":false</c> (Semantic Kernel's OpenAI connector); null leaves it out.</param>
    public static string FunctionTool(string name, string? description, string parametersJson, bool? strict = null)
        => Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("type", "function");
            w.WritePropertyName("function");
            w.WriteStartObject();
            // An SDK that sends an empty description writes it: null leaves it out, "" writes it.
            if (description is not null)
            {
                w.WriteString("description", description);
            }

            w.WriteString("name", name);
            w.WritePropertyName("parameters");
            using (var document = JsonDocument.Parse(parametersJson))
            {
                document.RootElement.WriteTo(w);
            }

            if (strict is { } isStrict)
            {
                w.WriteBoolean("strict", isStrict);
            }

            w.WriteEndObject();
            w.WriteEndObject();
        });

    /// <summary>The parameters schema of a method, as AIFunctionFactory derives it.</summary>
    /// <param name="method">The tool's method.</param>
    /// <param name="injectedBySdk">True for a parameter type an SDK fills in itself when it calls the tool (see <see cref="Sdks.ISdkRecognizer.InjectsToolParameter"/>).</param>
    public static string ParametersSchema(IMethodSymbol method, InjectedToolParameter? injectedBySdk = null)
        => Write(w => WriteParameters(w, method, injectedBySdk ?? (_ => false)));

    /// <summary>The text of a <c>[Description]</c> on a symbol, if any.</summary>
    public static string? Description(ISymbol symbol)
        => symbol.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == "System.ComponentModel.DescriptionAttribute")?.ConstructorArguments.FirstOrDefault().Value as string;

    private static string Write(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, Compact))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteParameters(Utf8JsonWriter w, IMethodSymbol method, InjectedToolParameter injectedBySdk)
    {
        var parameters = method.Parameters.Where(p => !IsInjected(p.Type) && !injectedBySdk(p.Type)).ToList();
        w.WriteStartObject();
        w.WriteString("type", "object");
        w.WritePropertyName("properties");
        w.WriteStartObject();
        foreach (var parameter in parameters)
        {
            w.WritePropertyName(parameter.Name);
            WriteSchema(w, parameter.Type, Description(parameter), parameter.NullableAnnotation, 0, parameter.HasExplicitDefaultValue ? new DefaultValue(parameter.ExplicitDefaultValue) : null);
        }

        w.WriteEndObject();
        WriteRequired(w, parameters.Where(p => !p.HasExplicitDefaultValue && !p.IsOptional).Select(p => p.Name));
        w.WriteEndObject();
    }

    private static void WriteRequired(Utf8JsonWriter w, IEnumerable<string> names)
    {
        var list = names.ToList();
        if (list.Count == 0)
        {
            return;
        }

        w.WriteStartArray("required");
        foreach (var name in list)
        {
            w.WriteStringValue(name);
        }

        w.WriteEndArray();
    }

    private sealed class DefaultValue
    {
        public DefaultValue(object? value) => Value = value;

        public object? Value { get; }
    }

    private static void WriteSchema(Utf8JsonWriter w, ITypeSymbol type, string? description, NullableAnnotation annotation, int depth, DefaultValue? defaultValue = null)
    {
        // 'object' accepts anything: the schema is literally true.
        if (type.SpecialType == SpecialType.System_Object && description is null && defaultValue is null)
        {
            w.WriteBooleanValue(true);
            return;
        }

        w.WriteStartObject();
        if (description is not null)
        {
            w.WriteString("description", description);
        }

        var nullable = annotation == NullableAnnotation.Annotated && type.IsReferenceType;
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } wrapper)
        {
            type = wrapper.TypeArguments[0];
            nullable = true;
        }

        WriteTypeBody(w, type, nullable, depth);

        if (defaultValue is not null)
        {
            w.WritePropertyName("default");
            WriteValue(w, type, defaultValue.Value);
        }

        w.WriteEndObject();
    }

    private static void WriteTypeBody(Utf8JsonWriter w, ITypeSymbol type, bool nullable, int depth)
    {
        void Type(string name)
        {
            if (nullable)
            {
                w.WriteStartArray("type");
                w.WriteStringValue(name);
                w.WriteStringValue("null");
                w.WriteEndArray();
            }
            else
            {
                w.WriteString("type", name);
            }
        }

        if (type.TypeKind == TypeKind.Enum)
        {
            Type("string");
            w.WriteStartArray("enum");
            foreach (var member in type.GetMembers().OfType<IFieldSymbol>().Where(f => f.HasConstantValue))
            {
                w.WriteStringValue(member.Name);
            }

            w.WriteEndArray();
            return;
        }

        switch (type.SpecialType)
        {
            case SpecialType.System_String:
                Type("string");
                return;
            case SpecialType.System_Char:
                Type("string");
                w.WriteNumber("minLength", 1);
                w.WriteNumber("maxLength", 1);
                return;
            case SpecialType.System_Boolean:
                Type("boolean");
                return;
            case SpecialType.System_Byte:
            case SpecialType.System_SByte:
            case SpecialType.System_Int16:
            case SpecialType.System_UInt16:
            case SpecialType.System_Int32:
            case SpecialType.System_UInt32:
            case SpecialType.System_Int64:
            case SpecialType.System_UInt64:
                Type("integer");
                return;
            case SpecialType.System_Single:
            case SpecialType.System_Double:
            case SpecialType.System_Decimal:
                Type("number");
                return;
            case SpecialType.System_DateTime:
                Type("string");
                w.WriteString("format", "date-time");
                return;
        }

        switch (type.ToDisplayString())
        {
            case "System.DateTimeOffset":
                Type("string");
                w.WriteString("format", "date-time");
                return;
            case "System.Guid":
                Type("string");
                w.WriteString("format", "uuid");
                return;
            case "System.Uri":
                Type("string");
                w.WriteString("format", "uri");
                return;
        }

        if (DictionaryValueType(type) is { } valueType)
        {
            Type("object");
            if (depth < MaxDepth)
            {
                w.WritePropertyName("additionalProperties");
                WriteSchema(w, valueType, null, NullableAnnotation.NotAnnotated, depth + 1);
            }

            return;
        }

        if (ElementType(type) is { } element)
        {
            Type("array");
            if (depth < MaxDepth)
            {
                w.WritePropertyName("items");
                var elementNullable = type is IArrayTypeSymbol array ? array.ElementNullableAnnotation : NullableAnnotation.NotAnnotated;
                WriteSchema(w, element, null, nullable && element.IsReferenceType ? NullableAnnotation.Annotated : elementNullable, depth + 1);
            }

            return;
        }

        Type("object");
        if (depth >= MaxDepth || type is not INamedTypeSymbol named)
        {
            return;
        }

        var properties = named.GetMembers().OfType<IPropertySymbol>()
            .Where(p => p.DeclaredAccessibility == Accessibility.Public && !p.IsStatic && !p.IsIndexer && p.GetMethod is not null)
            .ToList();
        w.WritePropertyName("properties");
        w.WriteStartObject();
        foreach (var property in properties)
        {
            w.WritePropertyName(CamelCase(property.Name));
            WriteSchema(w, property.Type, Description(property), property.NullableAnnotation, depth + 1);
        }

        w.WriteEndObject();

        // Records bind their primary constructor: every parameter of it is required, as are 'required' members.
        var constructor = named.InstanceConstructors.FirstOrDefault(c => c.Parameters.Length > 0 && c.Parameters.All(p => properties.Any(q => string.Equals(q.Name, p.Name, StringComparison.OrdinalIgnoreCase))));
        var required = properties.Where(p => p.IsRequired || constructor?.Parameters.Any(c => string.Equals(c.Name, p.Name, StringComparison.OrdinalIgnoreCase)) == true).Select(p => CamelCase(p.Name));
        WriteRequired(w, required);
    }

    private static ITypeSymbol? DictionaryValueType(ITypeSymbol type)
        => type is INamedTypeSymbol named
            ? named.AllInterfaces.Concat(new[] { named }).FirstOrDefault(i => i.OriginalDefinition.ToDisplayString() is "System.Collections.Generic.IDictionary<TKey, TValue>" or "System.Collections.Generic.IReadOnlyDictionary<TKey, TValue>")?.TypeArguments[1]
            : null;

    private static ITypeSymbol? ElementType(ITypeSymbol type)
    {
        if (type is IArrayTypeSymbol array)
        {
            return array.ElementType;
        }

        if (type.SpecialType == SpecialType.System_String || type is not INamedTypeSymbol named)
        {
            return null;
        }

        var enumerable = named.AllInterfaces.Concat(new[] { named })
            .FirstOrDefault(i => i.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T);
        var isDictionary = named.AllInterfaces.Any(i => i.OriginalDefinition.ToDisplayString() == "System.Collections.Generic.IDictionary<TKey, TValue>" || i.OriginalDefinition.ToDisplayString() == "System.Collections.Generic.IReadOnlyDictionary<TKey, TValue>");
        return isDictionary ? null : enumerable?.TypeArguments[0];
    }

    private static void WriteValue(Utf8JsonWriter w, ITypeSymbol type, object? value)
    {
        switch (value)
        {
            case null:
                w.WriteNullValue();
                break;
            case string s:
                w.WriteStringValue(s);
                break;
            case bool b:
                w.WriteBooleanValue(b);
                break;
            case char c:
                w.WriteStringValue(c.ToString());
                break;
            default:
                if (type.TypeKind == TypeKind.Enum)
                {
                    var name = type.GetMembers().OfType<IFieldSymbol>().FirstOrDefault(f => f.HasConstantValue && Equals(f.ConstantValue, value))?.Name;
                    w.WriteStringValue(name ?? Convert.ToString(value, CultureInfo.InvariantCulture));
                }
                else
                {
                    w.WriteRawValue(Convert.ToString(value, CultureInfo.InvariantCulture)!);
                }

                break;
        }
    }

    // What every SDK fills in itself; the SDKs' own types are theirs to say.
    private static bool IsInjected(ITypeSymbol type) => type.ToDisplayString() is "System.Threading.CancellationToken" or "System.IServiceProvider";

    private static string CamelCase(string name) => name.Length == 0 || char.IsLower(name[0]) ? name : char.ToLowerInvariant(name[0]) + name.Substring(1);
}
