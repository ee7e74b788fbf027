using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using PromptLint.Analyzers.CSharp.Sdks;
using PromptLint.Core.Model;

namespace PromptLint.Analyzers.CSharp;

/// <summary>
/// Tool (function-calling) definitions declared in C#, as the SDK recognizers find them: a factory over a method or
/// lambda (<c>AIFunctionFactory.Create</c>), an attributed method (<c>[KernelFunction]</c>, <c>[McpServerTool]</c>),
/// or a schema given as constant JSON (<c>ChatTool.CreateFunctionTool</c>). Each becomes a tool-schema prompt: a
/// method's id is its full name, a lambda's or an inline tool's is the containing member plus <c>#tool:</c> and the
/// tool's name.
/// </summary>
internal static class ToolDiscovery
{
    /// <summary>How an SDK puts a tool rebuilt from a method on the wire (to OpenAI).</summary>
    public enum ToolWire
    {
        /// <summary>The function tool with the rebuilt schema as it is.</summary>
        Plain,

        /// <summary>An <c>AIFunction</c> through Microsoft.Extensions.AI's OpenAI adapter (<c>AIFunctionFactory</c>, MCP tools).</summary>
        MicrosoftExtensionsAi,

        /// <summary>A <c>KernelFunction</c> through Semantic Kernel's OpenAI connector.</summary>
        SemanticKernel,
    }

    private static readonly JsonWriterOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false };

    public static IEnumerable<(PromptTemplate Template, Location Location)> FromOperations(IEnumerable<IOperation> roots, ISymbol owner, SdkRecognizers sdks)
    {
        foreach (var invocation in roots.SelectMany(r => r.DescendantsAndSelf()).OfType<IInvocationOperation>())
        {
            if (sdks.Tool(invocation, owner) is { } tool)
            {
                yield return tool;
            }
        }
    }

    /// <summary>A method an SDK's attribute declares a tool (<c>[KernelFunction]</c>, <c>[McpServerTool]</c>); null for any other symbol.</summary>
    public static (PromptTemplate Template, Location Location)? FromAttributedMethod(ISymbol symbol, SdkRecognizers sdks)
    {
        if (symbol is not IMethodSymbol method || method.Locations.FirstOrDefault(l => l.IsInSource) is not { } location)
        {
            return null;
        }

        foreach (var attribute in method.GetAttributes())
        {
            if (sdks.Tool(method, attribute, location) is { } tool)
            {
                return tool;
            }
        }

        return null;
    }

    /// <summary>A method declared as a tool: its id is its full name, <paramref name="name"/> the one the SDK sends.</summary>
    /// <param name="method">The tool's method.</param>
    /// <param name="name">The name the SDK sends.</param>
    /// <param name="location">Where the tool is declared.</param>
    /// <param name="injected">Parameter types the SDKs fill in.</param>
    /// <param name="wire">How the SDK puts the tool on the wire.</param>
    public static (PromptTemplate Template, Location Location) FromMethod(IMethodSymbol method, string name, Location location, InjectedToolParameter injected, ToolWire wire = ToolWire.Plain)
        => Build(TextFolder.FullName(method), name, method, ToolSchemaBuilder.Description(method), injected, location, wire);

    // The tool as the SDK sends it: see OpenAiToolWire.
    private static (PromptTemplate Template, Location Location) Build(string id, string name, IMethodSymbol method, string? description, InjectedToolParameter injected, Location location, ToolWire wire)
    {
        var parameters = ToolSchemaBuilder.ParametersSchema(method, injected);
        return wire switch
        {
            ToolWire.MicrosoftExtensionsAi => Build(id, name, description ?? string.Empty, OpenAiToolWire.Parameters(parameters), location, approximate: true),
            ToolWire.SemanticKernel => Build(id, name, description ?? string.Empty, OpenAiToolWire.SemanticKernelParameters(parameters, method), location, approximate: true, strict: false),
            _ => Build(id, name, description, parameters, location, approximate: true),
        };
    }

    /// <summary>A tool made by a factory over a method or lambda (its first argument), with optional <c>name</c> and <c>description</c> arguments.</summary>
    /// <param name="invocation">The factory call.</param>
    /// <param name="owner">The member the call is in.</param>
    /// <param name="injected">Parameter types the SDKs fill in.</param>
    /// <param name="nameParameter">The factory's parameter for the tool's name.</param>
    /// <param name="wireName">How the SDK turns the function's name into the name it sends (a plugin prefix), if it does.</param>
    /// <param name="wire">How the SDK puts the tool on the wire: see <see cref="OpenAiToolWire"/>.</param>
    public static (PromptTemplate Template, Location Location)? FromDelegate(IInvocationOperation invocation, ISymbol owner, InjectedToolParameter injected, string nameParameter = "name", Func<string, string>? wireName = null, ToolWire wire = ToolWire.Plain)
    {
        var target = invocation.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == 0)?.Value;
        var method = (target is null ? null : ValueTracking.Unwrap(target)) switch
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

        var name = Constant(invocation, nameParameter) ?? (method.MethodKind == MethodKind.AnonymousFunction ? null : wire == ToolWire.MicrosoftExtensionsAi ? OpenAiToolWire.AIFunctionName(method) : method.Name);
        if (name is not null && wireName is not null)
        {
            name = wireName(name);
        }

        var description = Constant(invocation, "description") ?? ToolSchemaBuilder.Description(method);
        var isLambda = method.MethodKind == MethodKind.AnonymousFunction;
        var id = isLambda ? TextFolder.FullName(owner) + "#tool:" + (name ?? "lambda") : TextFolder.FullName(method);
        var location = !isLambda && method.Locations.FirstOrDefault(l => l.IsInSource) is { } declared ? declared : invocation.Syntax.GetLocation();
        return Build(id, name ?? "lambda", method, description, injected, location, wire);
    }

    /// <summary>A tool-schema prompt of one function tool.</summary>
    public static (PromptTemplate Template, Location Location) Build(string id, string name, string? description, string parametersJson, Location location, bool approximate, bool? strict = null)
    {
        var span = location.GetLineSpan();
        var source = new SourceLocation(span.Path, span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1);
        var tool = new ToolDefinition(name, ToolSchemaBuilder.FunctionTool(name, description, parametersJson, strict), source);
        var template = new PromptTemplate(id, source, PromptRole.ToolSchema, Array.Empty<PromptMessage>(), new[] { tool }, approximate: approximate);
        return (template, location);
    }

    /// <summary>
    /// A tool whose schema is written in the call (<c>ChatTool.CreateFunctionTool</c>, <c>ResponseTool.CreateFunctionTool</c>):
    /// a constant <c>functionName</c>, no <c>functionParameters</c> or <c>BinaryData.FromString</c> of constant JSON, and
    /// the strict flag; null when the name or schema is not visible.
    /// </summary>
    public static (PromptTemplate Template, Location Location)? FromConstantSchema(IInvocationOperation invocation, ISymbol owner, SdkMethods binaryFromString)
    {
        if (Constant(invocation, "functionName") is not { } name)
        {
            return null;
        }

        var parameters = invocation.Arguments.FirstOrDefault(a => a.Parameter?.Name == "functionParameters")?.Value is { } given ? ValueTracking.Unwrap(given) : null;
        string schema;
        if (parameters is null or IDefaultValueOperation or ILiteralOperation { ConstantValue.Value: null })
        {
            schema = "{}";
        }
        else if (parameters is IInvocationOperation fromString && binaryFromString.Contains(fromString.TargetMethod)
                 && fromString.Arguments.FirstOrDefault()?.Value is { } text && ConstantJson(text) is { } json
                 && Minify(json) is { } minified)
        {
            schema = minified;
        }
        else
        {
            return null;
        }

        // The SDK sends "strict":true with a strict schema; PL0017 must see it (additionalProperties is required then).
        var strictArgument = invocation.Arguments.FirstOrDefault(a => a.Parameter?.Name is "functionSchemaIsStrict" or "strictModeEnabled")?.Value;
        var strict = strictArgument is not null && ValueTracking.Unwrap(strictArgument).ConstantValue is { HasValue: true, Value: true };
        return Build(TextFolder.FullName(owner) + "#tool:" + name, name, Constant(invocation, "functionDescription"), schema, invocation.Syntax.GetLocation(), approximate: false, strict ? true : null);
    }

    // The JSON text of BinaryData.FromString(constant), or of BinaryData.FromBytes over constant bytes: a UTF-8 literal
    // ("""{…}"""u8.ToArray(), the shape of the OpenAI SDK's own examples) or Encoding.UTF8.GetBytes(constant).
    private static string? ConstantJson(IOperation argument)
    {
        var value = ValueTracking.Unwrap(argument);
        return value switch
        {
            { ConstantValue.Value: string text } => text,
            IInvocationOperation { TargetMethod.Name: "ToArray", Instance: { } span } when ValueTracking.Unwrap(span) is IUtf8StringOperation utf8 => utf8.Value,
            IUtf8StringOperation utf8 => utf8.Value,
            IInvocationOperation { TargetMethod: { Name: "GetBytes", ContainingType.Name: "Encoding" }, Arguments.Length: 1 } getBytes
                when getBytes.Arguments[0].Value.ConstantValue.Value is string encoded => encoded,
            _ => null,
        };
    }

    /// <summary>The constant string passed for <paramref name="parameter"/>, or null.</summary>
    public static string? Constant(IInvocationOperation invocation, string parameter)
        => invocation.Arguments.FirstOrDefault(a => a.Parameter?.Name == parameter)?.Value.ConstantValue.Value as string;

    /// <summary>The JSON without insignificant white space, as the SDK sends it; null when it is not JSON.</summary>
    public static string? Minify(string json)
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
}
