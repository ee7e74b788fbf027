using System.Collections.Generic;
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

    private readonly INamedTypeSymbol? _samplingRequest = compilation.GetTypeByMetadataName("ModelContextProtocol.Protocol.CreateMessageRequestParams");
    private readonly INamedTypeSymbol? _samplingMessage = compilation.GetTypeByMetadataName("ModelContextProtocol.Protocol.SamplingMessage");
    private readonly INamedTypeSymbol? _textBlock = compilation.GetTypeByMetadataName("ModelContextProtocol.Protocol.TextContentBlock");

    // Sampling requests are built in code blocks.
    public override bool IsReferenced => _samplingRequest is not null;

    public override IEnumerable<string> SyntaxHints { get; } = new[] { "CreateMessageRequestParams", "SamplingMessage" };

    // new CreateMessageRequestParams { SystemPrompt, Messages = [new SamplingMessage { Role, Content = [new TextContentBlock { Text }] }], MaxTokens }:
    // a prompt the server asks the client's model to run (MCP sampling), complete where it is written.
    public override void Recognize(IOperation operation, ICallSiteSink sink)
    {
        if (operation is not IObjectCreationOperation creation || !SdkSymbol.Is(creation.Type, _samplingRequest))
        {
            return;
        }

        var prompt = new FoundPrompt(creation);
        foreach (var (property, value, _) in ValueTracking.Initialized(creation))
        {
            switch (property.Name)
            {
                case "SystemPrompt":
                    prompt.Messages.Insert(0, new FoundMessage(PromptRole.System, value, creation));
                    break;
                case "Messages":
                    foreach (var message in value.DescendantsAndSelf().OfType<IObjectCreationOperation>().Where(m => SdkSymbol.Is(m.Type, _samplingMessage)))
                    {
                        var initialized = ValueTracking.Initialized(message).ToList();
                        var role = PromptRoleNames.Parse((initialized.FirstOrDefault(i => i.Property.Name == "Role").Value is { } r ? ValueTracking.Unwrap(r) as IFieldReferenceOperation : null)?.Field.Name);
                        foreach (var block in initialized.Where(i => i.Property.Name == "Content").SelectMany(i => i.Value.DescendantsAndSelf()).OfType<IObjectCreationOperation>())
                        {
                            var text = SdkSymbol.Is(block.Type, _textBlock) ? ValueTracking.Initialized(block).FirstOrDefault(i => i.Property.Name == "Text").Value : null;
                            prompt.Messages.Add(new FoundMessage(role, text ?? block, message));
                        }
                    }

                    break;
                case "MaxTokens":
                    prompt.Options.CapAssigned = true;
                    if (ValueTracking.Unwrap(value).ConstantValue.Value is int cap && cap > 0)
                    {
                        prompt.Options.OutputCap = cap;
                    }

                    break;
            }
        }

        if (prompt.Messages.Count > 0)
        {
            prompt.CapStatus = prompt.Options.OutputCap is not null ? OutputCapStatus.Declared : prompt.Options.CapAssigned ? OutputCapStatus.Unknown : OutputCapStatus.Missing;
            prompt.CapSetting = "CreateMessageRequestParams.MaxTokens";
            sink.AddPrompt(prompt);
        }
    }

    // What the MCP server binds itself when it calls a tool, beyond the request context and itself: progress
    // reporting, and whatever its host's dependency injection provides. Which services a host registers is not in the
    // code; HttpClient, loggers, options and the application's own interfaces are taken as services (an interface is
    // never a JSON argument), collections and data types as arguments.
    private static bool BoundByServer(ITypeSymbol type)
    {
        var name = type.OriginalDefinition.ToDisplayString();
        if (name is "System.IProgress<T>" or "System.Net.Http.HttpClient" or "System.Net.Http.IHttpClientFactory"
            || name.StartsWith("Microsoft.Extensions.Logging.", System.StringComparison.Ordinal)
            || name.StartsWith("Microsoft.Extensions.Options.", System.StringComparison.Ordinal)
            || name.StartsWith("Microsoft.Extensions.Configuration.", System.StringComparison.Ordinal))
        {
            return true;
        }

        return type.TypeKind == TypeKind.Interface
               && type.OriginalDefinition.SpecialType == SpecialType.None
               && !type.AllInterfaces.Any(i => i.OriginalDefinition.SpecialType == SpecialType.System_Collections_IEnumerable || i.SpecialType == SpecialType.System_Collections_IEnumerable)
               && !name.StartsWith("System.Collections.", System.StringComparison.Ordinal);
    }

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

        // The SDK names a tool after its method in snake_case (System.Text.Json's policy) unless the attribute names it.
        var name = attribute.NamedArguments.FirstOrDefault(a => a.Key == "Name").Value.Value as string
                   ?? System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(OpenAiToolWire.AIFunctionName(method));
        return ToolDiscovery.FromMethod(method, name, location, type => injected(type) || BoundByServer(type), ToolDiscovery.ToolWire.MicrosoftExtensionsAi);
    }
}
