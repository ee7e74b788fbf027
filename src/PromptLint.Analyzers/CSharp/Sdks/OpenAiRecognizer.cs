using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using PromptLint.Core.Model;

namespace PromptLint.Analyzers.CSharp.Sdks;

/// <summary>
/// The OpenAI .NET SDK, and Azure OpenAI, whose clients derive from its types: <c>new SystemChatMessage(text)</c> and
/// the other message types, <c>ChatMessage.CreateXMessage(text)</c>, a string passed where a <c>ChatMessage</c> is
/// expected, <c>ChatClient.CompleteChat*</c>, <c>ChatCompletionOptions</c>, the model a client is created for
/// (<c>OpenAIClient.GetChatClient(model)</c>, <c>new ChatClient(model, …)</c>), and <c>ChatTool.CreateFunctionTool</c>.
/// </summary>
internal sealed class OpenAiRecognizer : SdkRecognizer
{
    private readonly INamedTypeSymbol? _chatMessage;
    private readonly INamedTypeSymbol? _chatClient;
    private readonly INamedTypeSymbol? _completionOptions;
    private readonly (INamedTypeSymbol? Type, PromptRole Role)[] _messageTypes;
    private readonly (SdkMethods Methods, PromptRole Role)[] _messageFactories;
    private readonly SdkMethods _sends;
    private readonly SdkMethods _getChatClient;
    private readonly SdkMethods _createFunctionTool;
    private readonly SdkMethods _binaryFromString;
    private readonly SdkMethods _contentPart;

    public OpenAiRecognizer(Compilation compilation)
    {
        INamedTypeSymbol? Type(string name) => compilation.GetTypeByMetadataName(name);

        _chatMessage = Type("OpenAI.Chat.ChatMessage");
        _chatClient = Type("OpenAI.Chat.ChatClient");
        _completionOptions = Type("OpenAI.Chat.ChatCompletionOptions");
        _messageTypes = new[]
        {
            (Type("OpenAI.Chat.SystemChatMessage"), PromptRole.System),
            (Type("OpenAI.Chat.DeveloperChatMessage"), PromptRole.System),
            (Type("OpenAI.Chat.UserChatMessage"), PromptRole.User),
            (Type("OpenAI.Chat.AssistantChatMessage"), PromptRole.Assistant),
        };
        _messageFactories = new[]
        {
            (SdkMethods.Of(_chatMessage, "CreateSystemMessage", "CreateDeveloperMessage"), PromptRole.System),
            (SdkMethods.Of(_chatMessage, "CreateUserMessage"), PromptRole.User),
            (SdkMethods.Of(_chatMessage, "CreateAssistantMessage"), PromptRole.Assistant),
        };
        _sends = SdkMethods.Of(_chatClient, name => name.StartsWith("CompleteChat", StringComparison.Ordinal));
        _getChatClient = SdkMethods.Of(Type("OpenAI.OpenAIClient"), "GetChatClient");
        var chatTool = Type("OpenAI.Chat.ChatTool");
        _createFunctionTool = SdkMethods.Of(chatTool, "CreateFunctionTool");
        _binaryFromString = SdkMethods.Of(Type("System.BinaryData"), "FromString", "FromBytes");
        _contentPart = SdkMethods.Of(Type("OpenAI.Chat.ChatMessageContentPart"), name => name.StartsWith("Create", StringComparison.Ordinal));
        IsReferenced = _chatMessage is not null || chatTool is not null;
    }

    public override bool IsReferenced { get; }

    public override IEnumerable<string> SyntaxHints { get; } = new[]
    {
        "SystemChatMessage", "UserChatMessage", "AssistantChatMessage", "DeveloperChatMessage",
        "CreateSystemMessage", "CreateUserMessage", "CreateDeveloperMessage", "CreateAssistantMessage",
        "CompleteChat", "CompleteChatAsync", "CompleteChatStreaming", "CompleteChatStreamingAsync", "ChatCompletionOptions",
        "CreateFunctionTool", "CreateTextPart",
    };

    public override bool IsOptions(ITypeSymbol? type) => SdkSymbol.IsOrDerives(type, _completionOptions);

    public override void Recognize(IOperation operation, ICallSiteSink sink)
    {
        switch (operation)
        {
            case IConversionOperation { Operand.Type.SpecialType: SpecialType.System_String, IsImplicit: true } conversion when SdkSymbol.Is(conversion.Type, _chatMessage):
                // ChatMessage converts implicitly from string, as a user message: chat.CompleteChat("text").
                sink.AddMessage(new FoundMessage(PromptRole.User, conversion.Operand, conversion));
                break;
            case IObjectCreationOperation { Constructor: { Parameters.Length: 1 } constructor } creation
                when constructor.Parameters[0].Type.SpecialType == SpecialType.System_String && RoleOf(creation.Type) is { } role:
                sink.AddMessage(new FoundMessage(role, creation.Arguments[0].Value, creation));
                break;
            case IInvocationOperation { TargetMethod.Parameters: { Length: 1 } parameters } invocation
                when parameters[0].Type.SpecialType == SpecialType.System_String && FactoryRole(invocation.TargetMethod) is { } factoryRole:
                sink.AddMessage(new FoundMessage(factoryRole, invocation.Arguments[0].Value, invocation));
                break;
            case IInvocationOperation invocation when _sends.Contains(invocation.TargetMethod):
                sink.AddSend(invocation, "ChatCompletionOptions.MaxOutputTokenCount");
                break;
            case IObjectCreationOperation { Constructor.Parameters: { Length: > 0 } parts } creation
                when parts[0].Type.SpecialType != SpecialType.System_String && RoleOf(creation.Type) is { } partsRole:
                AddParts(creation, creation.Arguments, partsRole, sink);
                break;
            case IInvocationOperation { TargetMethod.Parameters: { Length: > 0 } parts } invocation
                when parts[0].Type.SpecialType != SpecialType.System_String && FactoryRole(invocation.TargetMethod) is { } partsRole:
                AddParts(invocation, invocation.Arguments, partsRole, sink);
                break;
        }
    }

    // A message of content parts: each text part is text of the message, any other part (an image) a hole in it.
    private void AddParts(IOperation message, System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments, PromptRole role, ICallSiteSink sink)
    {
        foreach (var part in arguments.SelectMany(a => a.Value.DescendantsAndSelf()).OfType<IInvocationOperation>().Where(p => _contentPart.Contains(p.TargetMethod)))
        {
            var text = part.TargetMethod.Name == "CreateTextPart" && part.Arguments.Length > 0 ? part.Arguments[0].Value : part;
            sink.AddMessage(new FoundMessage(role, text, message));
        }
    }

    public override void ReadClient(IOperation operation, CallOptions options)
    {
        if (options.Model is not null)
        {
            return;
        }

        var argument = operation switch
        {
            IInvocationOperation call when _getChatClient.Contains(call.TargetMethod) => call.Arguments.FirstOrDefault()?.Value,
            IObjectCreationOperation create when SdkSymbol.IsOrDerives(create.Type, _chatClient) => create.Arguments.FirstOrDefault(a => a.Parameter?.Name == "model")?.Value,
            _ => null,
        };

        // A name PromptLint does not know (a fine-tune, an Azure deployment) is still the model the call is sent to: PL0102
        // names it, and 'promptlint.model' for the file says what it stands for (CSharpPromptDiscovery.Report).
        if (argument is not null)
        {
            options.ReadModel(argument, default);
        }
    }

    public override (PromptTemplate Template, Location Location)? Tool(IInvocationOperation invocation, ISymbol owner, InjectedToolParameter injected)
        => _createFunctionTool.Contains(invocation.TargetMethod) ? ToolDiscovery.FromConstantSchema(invocation, owner, _binaryFromString) : null;

    private PromptRole? RoleOf(ITypeSymbol? type)
    {
        foreach (var (messageType, role) in _messageTypes)
        {
            if (SdkSymbol.Is(type, messageType))
            {
                return role;
            }
        }

        return null;
    }

    private PromptRole? FactoryRole(IMethodSymbol method)
    {
        foreach (var (methods, role) in _messageFactories)
        {
            if (methods.Contains(method))
            {
                return role;
            }
        }

        return null;
    }
}
