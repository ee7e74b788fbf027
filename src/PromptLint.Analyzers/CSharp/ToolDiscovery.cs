using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using PromptLint.Core.Model;

namespace PromptLint.Analyzers.CSharp;

/// <summary>
/// Tool (function-calling) definitions declared in C#: <c>AIFunctionFactory.Create</c> over a method or lambda,
/// <c>[KernelFunction]</c> methods of Semantic Kernel plugins, <c>[McpServerTool]</c> methods, and
/// <c>ChatTool.CreateFunctionTool</c> with constant JSON. Each becomes a tool-schema prompt: a method's id is its full
/// name, a lambda's or an inline tool's is the containing member plus <c>#tool:</c> and the tool's name.
/// </summary>
internal static class ToolDiscovery
{
    private static readonly JsonWriterOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false };

    public static IEnumerable<(PromptTemplate Template, Location Location)> FromOperations(IEnumerable<IOperation> roots, ISymbol owner, SdkSymbols sdk)
    {
        foreach (var invocation in roots.SelectMany(r => r.DescendantsAndSelf()).OfType<IInvocationOperation>())
        {
            var method = invocation.TargetMethod;
            if (SdkSymbols.Is(method.ContainingType, sdk.AiFunctionFactory) && method.Name == "Create")
            {
                if (FromFactory(invocation, owner) is { } tool)
                {
                    yield return tool;
                }
            }
            else if (SdkSymbols.Is(method.ContainingType, sdk.OpenAiChatTool) && method.Name == "CreateFunctionTool")
            {
                if (FromChatTool(invocation, owner) is { } tool)
                {
                    yield return tool;
                }
            }
        }
    }

    /// <summary>A <c>[KernelFunction]</c> or <c>[McpServerTool]</c> method; null for any other symbol.</summary>
    public static (PromptTemplate Template, Location Location)? FromAttributedMethod(ISymbol symbol, SdkSymbols sdk)
    {
        if (symbol is not IMethodSymbol method || method.Locations.FirstOrDefault(l => l.IsInSource) is not { } location)
        {
            return null;
        }

        foreach (var attribute in method.GetAttributes())
        {
            if (SdkSymbols.Is(attribute.AttributeClass, sdk.SkKernelFunctionAttribute))
            {
                // Semantic Kernel sends "<plugin>-<function>"; a plugin added with AddFromType<T>() is named after T.
                var name = attribute.ConstructorArguments.FirstOrDefault().Value as string ?? method.Name;
                return Build(TextFolder.FullName(method), method.ContainingType.Name + "-" + name, ToolSchemaBuilder.Description(method), ToolSchemaBuilder.ParametersSchema(method), location, approximate: true);
            }

            if (SdkSymbols.Is(attribute.AttributeClass, sdk.McpServerToolAttribute))
            {
                var name = attribute.NamedArguments.FirstOrDefault(a => a.Key == "Name").Value.Value as string ?? method.Name;
                return Build(TextFolder.FullName(method), name, ToolSchemaBuilder.Description(method), ToolSchemaBuilder.ParametersSchema(method), location, approximate: true);
            }
        }

        return null;
    }

    private static (PromptTemplate, Location)? FromFactory(IInvocationOperation invocation, ISymbol owner)
    {
        var target = invocation.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == 0)?.Value;
        var method = Unwrap(target) switch
        {
            IDelegateCreationOperation { Target: IMethodReferenceOperation reference } => reference.Method,
            IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda } => lambda.Symbol,
            IMethodReferenceOperation reference => reference.Method,
            IAnonymousFunctionOperation lambda => lambda.Symbol,
            _ => null,
        };
        if (method is null)
        {
            return null;
        }

        var name = Constant(invocation, "name") ?? (method.MethodKind == MethodKind.AnonymousFunction ? null : method.Name);
        var description = Constant(invocation, "description") ?? ToolSchemaBuilder.Description(method);
        var isLambda = method.MethodKind == MethodKind.AnonymousFunction;
        var id = isLambda ? TextFolder.FullName(owner) + "#tool:" + (name ?? "lambda") : TextFolder.FullName(method);
        var location = !isLambda && method.Locations.FirstOrDefault(l => l.IsInSource) is { } declared ? declared : invocation.Syntax.GetLocation();
        return Build(id, name ?? "lambda", description, ToolSchemaBuilder.ParametersSchema(method), location, approximate: true);
    }

    private static (PromptTemplate, Location)? FromChatTool(IInvocationOperation invocation, ISymbol owner)
    {
        var name = Constant(invocation, "functionName");
        if (name is null)
        {
            return null;
        }

        var parameters = invocation.Arguments.FirstOrDefault(a => a.Parameter?.Name == "functionParameters")?.Value;
        string schema;
        if (parameters is null || Unwrap(parameters) is IDefaultValueOperation or ILiteralOperation { ConstantValue.Value: null })
        {
            schema = "{}";
        }
        else if (Unwrap(parameters) is IInvocationOperation { TargetMethod.Name: "FromString" } fromString
                 && fromString.Arguments.FirstOrDefault()?.Value.ConstantValue.Value is string json
                 && Minify(json) is { } minified)
        {
            schema = minified;
        }
        else
        {
            return null;
        }

        // The SDK sends "strict":true with a strict schema; PL0017 must see it (additionalProperties is required then).
        var strict = Unwrap(invocation.Arguments.FirstOrDefault(a => a.Parameter?.Name == "functionSchemaIsStrict")?.Value)?.ConstantValue is { HasValue: true, Value: true };
        var location = invocation.Syntax.GetLocation();
        return Build(TextFolder.FullName(owner) + "#tool:" + name, name, Constant(invocation, "functionDescription"), schema, location, approximate: false, strict);
    }

    private static (PromptTemplate, Location) Build(string id, string name, string? description, string parametersJson, Location location, bool approximate, bool strict = false)
    {
        var span = location.GetLineSpan();
        var source = new SourceLocation(span.Path, span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1);
        var tool = new ToolDefinition(name, ToolSchemaBuilder.FunctionTool(name, description, parametersJson, strict), source);
        var template = new PromptTemplate(id, source, PromptRole.ToolSchema, System.Array.Empty<PromptMessage>(), new[] { tool }, approximate: approximate);
        return (template, location);
    }

    private static string? Constant(IInvocationOperation invocation, string parameter)
        => invocation.Arguments.FirstOrDefault(a => a.Parameter?.Name == parameter)?.Value.ConstantValue.Value as string;

    private static string? Minify(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            using var stream = new System.IO.MemoryStream();
            using (var writer = new Utf8JsonWriter(stream, Compact))
            {
                document.RootElement.WriteTo(writer);
            }

            return Encoding.UTF8.GetString(stream.ToArray());
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static IOperation? Unwrap(IOperation? operation)
    {
        while (operation is IConversionOperation conversion)
        {
            operation = conversion.Operand;
        }

        return operation;
    }
}
