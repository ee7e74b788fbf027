using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using PromptLint.Core.Model;

namespace PromptLint.Analyzers.CSharp.Sdks;

/// <summary>
/// The Model Context Protocol C# SDK: a <c>[McpServerTool]</c> method is a tool whose schema every client that lists
/// the server's tools sends to its model, less what the server fills in itself. MCP declares no prompts in code blocks.
/// </summary>
internal sealed class McpRecognizer(Compilation compilation) : SdkRecognizer
{
    private readonly INamedTypeSymbol? _serverToolAttribute = compilation.GetTypeByMetadataName("ModelContextProtocol.Server.McpServerToolAttribute");
    private readonly INamedTypeSymbol? _requestContext = compilation.GetTypeByMetadataName("ModelContextProtocol.Server.RequestContext`1");
    private readonly INamedTypeSymbol? _callToolParams = compilation.GetTypeByMetadataName("ModelContextProtocol.Protocol.CallToolRequestParams");
    private readonly INamedTypeSymbol? _serverInterface = compilation.GetTypeByMetadataName("ModelContextProtocol.Server.IMcpServer");
    private readonly INamedTypeSymbol? _server = compilation.GetTypeByMetadataName("ModelContextProtocol.Server.McpServer");

    // The server hands a tool its request context and itself.
    public override bool InjectsToolParameter(ITypeSymbol type)
        => SdkSymbol.IsExactly(type, _serverInterface) || SdkSymbol.IsExactly(type, _server)
           || (type is INamedTypeSymbol { TypeArguments.Length: 1 } context && SdkSymbol.IsExactly(context, _requestContext) && SdkSymbol.IsExactly(context.TypeArguments[0], _callToolParams));

    public override (PromptTemplate Template, Location Location)? Tool(IMethodSymbol method, AttributeData attribute, Location location, InjectedToolParameter injected)
    {
        if (!SdkSymbol.Is(attribute.AttributeClass, _serverToolAttribute))
        {
            return null;
        }

        var name = attribute.NamedArguments.FirstOrDefault(a => a.Key == "Name").Value.Value as string ?? method.Name;
        return ToolDiscovery.FromMethod(method, name, location, injected);
    }
}
