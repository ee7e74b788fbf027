using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using PromptLint.Core.Model;

namespace PromptLint.Analyzers.CSharp.Sdks;

/// <summary>
/// The Model Context Protocol C# SDK: a <c>[McpServerTool]</c> method is a tool whose schema every client that lists
/// the server's tools sends to its model. MCP declares no prompts in code blocks.
/// </summary>
internal sealed class McpRecognizer : ISdkRecognizer
{
    private readonly INamedTypeSymbol? _serverToolAttribute;

    public McpRecognizer(Compilation compilation)
        => _serverToolAttribute = compilation.GetTypeByMetadataName("ModelContextProtocol.Server.McpServerToolAttribute");

    // Tools are attributes on methods, read from the method's symbol: no code block to walk.
    public bool IsReferenced => false;

    public IEnumerable<string> SyntaxHints { get; } = System.Array.Empty<string>();

    public bool IsOptions(ITypeSymbol? type) => false;

    public bool SendsAsInstructions(IPropertySymbol property) => false;

    public void Recognize(IOperation operation, ICallSiteSink sink)
    {
    }

    public void ReadClient(IOperation operation, CallOptions options)
    {
    }

    public (PromptTemplate Template, Location Location)? Tool(IInvocationOperation invocation, ISymbol owner) => null;

    public (PromptTemplate Template, Location Location)? Tool(IMethodSymbol method, AttributeData attribute, Location location)
    {
        if (!SdkSymbol.Is(attribute.AttributeClass, _serverToolAttribute))
        {
            return null;
        }

        var name = attribute.NamedArguments.FirstOrDefault(a => a.Key == "Name").Value.Value as string ?? method.Name;
        return ToolDiscovery.FromMethod(method, name, location);
    }
}
