using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using PromptLint.Core.Model;

namespace PromptLint.Analyzers.CSharp.Sdks;

/// <summary>
/// The Model Context Protocol C# SDK: a <c>[McpServerTool]</c> method is a tool whose schema every client that lists
/// the server's tools sends to its model. MCP declares no prompts in code blocks.
/// </summary>
internal sealed class McpRecognizer(Compilation compilation) : SdkRecognizer
{
    private readonly INamedTypeSymbol? _serverToolAttribute = compilation.GetTypeByMetadataName("ModelContextProtocol.Server.McpServerToolAttribute");

    public override (PromptTemplate Template, Location Location)? Tool(IMethodSymbol method, AttributeData attribute, Location location)
    {
        if (!SdkSymbol.Is(attribute.AttributeClass, _serverToolAttribute))
        {
            return null;
        }

        var name = attribute.NamedArguments.FirstOrDefault(a => a.Key == "Name").Value.Value as string ?? method.Name;
        return ToolDiscovery.FromMethod(method, name, location);
    }
}
