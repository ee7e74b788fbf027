using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using PromptLint.Core.Model;

namespace PromptLint.Analyzers.CSharp.Sdks;

/// <summary>
/// The OpenAI SDK's Responses API: <c>ResponsesClient.CreateResponse*(model, userInputText | inputItems)</c> and
/// <c>CreateResponse*(CreateResponseOptions)</c>, the message items (<c>ResponseItem.CreateUserMessageItem</c> and its
/// system, developer and assistant siblings, with text or <c>ResponseContentPart.CreateInputTextPart</c> parts), the
/// options' <c>Instructions</c> (sent first), <c>Model</c> and <c>MaxOutputTokenCount</c>, and
/// <c>ResponseTool.CreateFunctionTool</c>. The names of SDK 2.2–2.5 (<c>OpenAIResponseClient</c>,
/// <c>ResponseCreationOptions</c>) are recognized the same way where they exist.
/// </summary>
internal sealed class OpenAiResponsesRecognizer : SdkRecognizer
{
    private readonly INamedTypeSymbol?[] _options;
    private readonly IPropertySymbol?[] _instructions;
    private readonly SdkMethods _sends;
    private readonly SdkMethods _clients;
    private readonly INamedTypeSymbol? _responseClient;
    private readonly (SdkMethods Methods, PromptRole Role)[] _items;
    private readonly SdkMethods _textPart;
    private readonly SdkMethods _createFunctionTool;
    private readonly SdkMethods _binaryFromString;

    public OpenAiResponsesRecognizer(Compilation compilation)
    {
        INamedTypeSymbol? Type(string name) => compilation.GetTypeByMetadataName(name);

        _options = new[] { Type("OpenAI.Responses.CreateResponseOptions"), Type("OpenAI.Responses.ResponseCreationOptions") };
        _instructions = _options.Select(o => o?.GetMembers("Instructions").OfType<IPropertySymbol>().FirstOrDefault()).ToArray();
        var client = Type("OpenAI.Responses.ResponsesClient");
        _responseClient = Type("OpenAI.Responses.OpenAIResponseClient");
        _sends = SdkMethods.Of(client, name => name.StartsWith("CreateResponse", System.StringComparison.Ordinal))
            .Union(SdkMethods.Of(_responseClient, name => name.StartsWith("CreateResponse", System.StringComparison.Ordinal)));
        _clients = SdkMethods.Of(Type("OpenAI.OpenAIClient"), "GetOpenAIResponseClient");
        var item = Type("OpenAI.Responses.ResponseItem");
        _items = new[]
        {
            (SdkMethods.Of(item, "CreateSystemMessageItem", "CreateDeveloperMessageItem"), PromptRole.System),
            (SdkMethods.Of(item, "CreateUserMessageItem"), PromptRole.User),
            (SdkMethods.Of(item, "CreateAssistantMessageItem"), PromptRole.Assistant),
        };
        _textPart = SdkMethods.Of(Type("OpenAI.Responses.ResponseContentPart"), "CreateInputTextPart", "CreateOutputTextPart");
        var tool = Type("OpenAI.Responses.ResponseTool");
        _createFunctionTool = SdkMethods.Of(tool, "CreateFunctionTool");
        _binaryFromString = SdkMethods.Of(Type("System.BinaryData"), "FromString", "FromBytes");
        IsReferenced = item is not null || tool is not null;
    }

    public override bool IsReferenced { get; }

    public override IEnumerable<string> SyntaxHints { get; } = new[]
    {
        "CreateResponse", "CreateResponseAsync", "CreateResponseStreaming", "CreateResponseStreamingAsync", "CreateResponseOptions", "ResponseCreationOptions",
        "CreateUserMessageItem", "CreateSystemMessageItem", "CreateDeveloperMessageItem", "CreateAssistantMessageItem", "CreateFunctionTool",
    };

    public override bool IsOptions(ITypeSymbol? type) => _options.Any(o => SdkSymbol.IsOrDerives(type, o));

    public override bool SendsAsInstructions(IPropertySymbol property) => _instructions.Any(i => SdkSymbol.IsOrOverrides(property, i));

    public override void Recognize(IOperation operation, ICallSiteSink sink)
    {
        switch (operation)
        {
            case IInvocationOperation invocation when _sends.Contains(invocation.TargetMethod):
                sink.AddSend(invocation, "CreateResponseOptions.MaxOutputTokenCount", textParameter: "userInputText");
                if (invocation.Arguments.FirstOrDefault(a => a.Parameter?.Name == "model") is { } model)
                {
                    sink.OptionsOfCall(invocation).ReadModel(model.Value, default);
                }

                break;
            case IInvocationOperation invocation when RoleOf(invocation.TargetMethod) is { } role:
                foreach (var text in Texts(invocation))
                {
                    var message = new FoundMessage(role, text, invocation);
                    if (OptionsHolding(invocation) is { } options)
                    {
                        sink.AddMessageToOptions(options, message);
                    }
                    else
                    {
                        sink.AddMessage(message);
                    }
                }

                break;
        }
    }

    public override void ReadClient(IOperation operation, CallOptions options)
    {
        var argument = operation switch
        {
            IInvocationOperation call when _clients.Contains(call.TargetMethod) => call.Arguments.FirstOrDefault()?.Value,
            IObjectCreationOperation create when SdkSymbol.IsOrDerives(create.Type, _responseClient) => create.Arguments.FirstOrDefault(a => a.Parameter?.Name == "model")?.Value,
            _ => null,
        };
        if (argument is not null && options.Model is null)
        {
            options.ReadModel(argument, default);
        }
    }

    public override (PromptTemplate Template, Location Location)? Tool(IInvocationOperation invocation, ISymbol owner, InjectedToolParameter injected)
        => _createFunctionTool.Contains(invocation.TargetMethod) ? ToolDiscovery.FromConstantSchema(invocation, owner, _binaryFromString) : null;

    private PromptRole? RoleOf(IMethodSymbol method)
    {
        foreach (var (methods, role) in _items)
        {
            if (methods.Contains(method))
            {
                return role;
            }
        }

        return null;
    }

    // A message item's text: its string argument, or the text parts of its content-part list.
    private IEnumerable<IOperation> Texts(IInvocationOperation item)
    {
        var argument = item.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == 0)?.Value;
        if (argument is null)
        {
            yield break;
        }

        if (argument.Type?.SpecialType == SpecialType.System_String)
        {
            yield return argument;
            yield break;
        }

        foreach (var part in argument.DescendantsAndSelf().OfType<IInvocationOperation>())
        {
            if (_textPart.Contains(part.TargetMethod) && part.Arguments.Length > 0)
            {
                yield return part.Arguments[0].Value;
            }
        }
    }

    // The options creation a message item is written into (new CreateResponseOptions(model, [item, …])), if any.
    private IObjectCreationOperation? OptionsHolding(IOperation item)
    {
        for (var current = item.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case IObjectCreationOperation creation when IsOptions(creation.Type):
                    return creation;
                case IConversionOperation or IArrayInitializerOperation or IArrayCreationOperation or IArgumentOperation:
                    continue;
                case IInvocationOperation { TargetMethod.Name: "Add" } add when add.Parent is IObjectOrCollectionInitializerOperation { Parent: IMemberInitializerOperation { Parent: IObjectOrCollectionInitializerOperation { Parent: IObjectCreationOperation outer } } } && IsOptions(outer.Type):
                    return outer;
                default:
                    if (current.Syntax.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.CollectionExpression) || current.Syntax.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.ExpressionElement))
                    {
                        continue;
                    }

                    return null;
            }
        }

        return null;
    }
}
