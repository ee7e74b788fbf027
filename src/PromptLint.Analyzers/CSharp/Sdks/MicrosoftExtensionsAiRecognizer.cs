using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using PromptLint.Core.Model;

namespace PromptLint.Analyzers.CSharp.Sdks;

/// <summary>
/// Microsoft.Extensions.AI: <c>new ChatMessage(ChatRole.X, text)</c>, <c>IChatClient.GetResponseAsync</c> and
/// <c>GetStreamingResponseAsync</c> (the interface, its extensions and implementations), <c>ChatOptions</c> with its
/// <c>Instructions</c>, builder pipelines that cap every call (<c>ConfigureOptions</c>, PromptLint's own
/// <c>UsePromptLintMeter</c>), and <c>AIFunctionFactory.Create</c> tools.
/// </summary>
internal sealed class MicrosoftExtensionsAiRecognizer : SdkRecognizer
{
    private const string CapProperty = "MaxOutputTokens";

    private readonly INamedTypeSymbol? _aiContent;
    private readonly INamedTypeSymbol? _textContent;
    private readonly SdkMethods _sends;
    private readonly SdkMethods _cappingPipelines;
    private readonly SdkMethods _functionFactory;
    private readonly INamedTypeSymbol? _chatMessage;
    private readonly INamedTypeSymbol? _chatOptions;
    private readonly IPropertySymbol? _instructions;
    private readonly INamedTypeSymbol? _functionArguments;
    private readonly INamedTypeSymbol? _chatClient;

    public MicrosoftExtensionsAiRecognizer(Compilation compilation)
    {
        _chatMessage = compilation.GetTypeByMetadataName("Microsoft.Extensions.AI.ChatMessage");
        _chatOptions = compilation.GetTypeByMetadataName("Microsoft.Extensions.AI.ChatOptions");
        _instructions = _chatOptions?.GetMembers("Instructions").OfType<IPropertySymbol>().FirstOrDefault();
        var sendNames = new[] { "GetResponseAsync", "GetStreamingResponseAsync" };
        _chatClient = compilation.GetTypeByMetadataName("Microsoft.Extensions.AI.IChatClient");
        _sends = SdkMethods.Of(_chatClient, sendNames)
            .Union(SdkMethods.OfEvery(compilation, "Microsoft.Extensions.AI.ChatClientExtensions", sendNames))
            .Union(SdkMethods.Of(compilation.GetTypeByMetadataName("Microsoft.Extensions.AI.ChatClientStructuredOutputExtensions"), sendNames));
        _aiContent = compilation.GetTypeByMetadataName("Microsoft.Extensions.AI.AIContent");
        _textContent = compilation.GetTypeByMetadataName("Microsoft.Extensions.AI.TextContent");
        _cappingPipelines = SdkMethods.Of(compilation.GetTypeByMetadataName("Microsoft.Extensions.AI.ConfigureOptionsChatClientBuilderExtensions"), "ConfigureOptions")
            .Union(SdkMethods.Of(compilation.GetTypeByMetadataName("PromptLint.Meter.PromptLintChatClientBuilderExtensions"), "UsePromptLintMeter"));
        var functionFactory = compilation.GetTypeByMetadataName("Microsoft.Extensions.AI.AIFunctionFactory");
        _functionFactory = SdkMethods.Of(functionFactory, "Create");
        _functionArguments = compilation.GetTypeByMetadataName("Microsoft.Extensions.AI.AIFunctionArguments");
        IsReferenced = _chatMessage is not null || _chatOptions is not null || functionFactory is not null;
    }

    public override bool IsReferenced { get; }

    public override IEnumerable<string> SyntaxHints { get; } = new[]
    {
        "ChatMessage", "ChatRole", "ChatOptions", "GetResponseAsync", "GetStreamingResponseAsync", "Instructions", "AIFunctionFactory",
    };

    public override bool IsOptions(ITypeSymbol? type) => SdkSymbol.IsOrDerives(type, _chatOptions);

    public override bool SendsAsInstructions(IPropertySymbol property) => SdkSymbol.IsOrOverrides(property, _instructions);

    public override void Recognize(IOperation operation, ICallSiteSink sink)
    {
        switch (operation)
        {
            case IObjectCreationOperation { Constructor: { Parameters.Length: 2 } constructor } creation
                when SdkSymbol.Is(creation.Type, _chatMessage) && constructor.Parameters[1].Type.SpecialType == SpecialType.System_String:
                sink.AddMessage(new FoundMessage(RoleOf(creation.Arguments[0].Value), creation.Arguments[1].Value, creation));
                break;
            case IObjectCreationOperation { Constructor.Parameters: { Length: 2 } contentParameters } creation
                when SdkSymbol.Is(creation.Type, _chatMessage) && contentParameters[1].Type.SpecialType != SpecialType.System_String:
                // new ChatMessage(role, [new TextContent("…"), new DataContent(…)]): each text is text, any other content a hole.
                var role = RoleOf(creation.Arguments[0].Value);
                foreach (var content in creation.Arguments[1].Value.DescendantsAndSelf().OfType<IObjectCreationOperation>().Where(c => SdkSymbol.IsOrDerives(c.Type, _aiContent)))
                {
                    var text = SdkSymbol.Is(content.Type, _textContent) && content.Arguments.Length > 0 ? content.Arguments[0].Value : content;
                    sink.AddMessage(new FoundMessage(role, text, creation));
                }

                break;
            case IInvocationOperation invocation when _sends.Contains(invocation.TargetMethod):
                sink.AddSend(invocation, "ChatOptions.MaxOutputTokens", CapProperty);
                break;
            case IInvocationOperation { TargetMethod.Name: "Add", Instance: IPropertyReferenceOperation { Property.Name: "Contents", Instance: { } message } } add
                when SdkSymbol.Is(message.Type, _chatMessage) && add.Arguments.Length == 1 && SdkSymbol.IsOrDerives(add.Arguments[0].Value.Type ?? ValueTracking.Unwrap(add.Arguments[0].Value).Type, _aiContent):
                // question.Contents.Add(new DataContent(…)): content added to a message held in a local goes where the message goes.
                var added = ValueTracking.Unwrap(add.Arguments[0].Value);
                var addedText = added is IObjectCreationOperation { Arguments.Length: > 0 } textContent && SdkSymbol.Is(textContent.Type, _textContent) ? textContent.Arguments[0].Value : added;
                sink.AddMessageTo(message, new FoundMessage(RoleOfMessage(message), addedText, add));
                break;
        }
    }

    // The role a message held in a local was created with; user when its creation is not visible.
    private PromptRole RoleOfMessage(IOperation message)
        => ValueTracking.Source(message, default) is IObjectCreationOperation { Arguments.Length: > 0 } creation && SdkSymbol.Is(creation.Type, _chatMessage)
            ? RoleOf(creation.Arguments[0].Value)
            : PromptRole.User;

    // What Anthropic's AsIChatClient sends as max_tokens when neither it nor ChatOptions.MaxOutputTokens says (Anthropic SDK 12+).
    private const int AnthropicAdapterDefaultCap = 1024;

    public override void ReadClient(IOperation operation, CallOptions options)
    {
        // anthropicClient.AsIChatClient("claude-…") and the other SDKs' adapters that take the model they send to; also
        // AsChatClient(modelId), their name in the Microsoft.Extensions.AI 9 previews (OpenAIClient, Azure AI Inference).
        if (operation is IInvocationOperation { TargetMethod.Name: "AsIChatClient" or "AsChatClient" } adapter && options.Model is null
            && IsChatClient(adapter.Type)
            && adapter.Arguments.FirstOrDefault(a => a.Parameter?.Name is "defaultModelId" or "modelId" or "model" && a.ArgumentKind == ArgumentKind.Explicit) is { } model)
        {
            options.ReadModel(model.Value, default);
        }

        // Anthropic's adapter always sends max_tokens (the Messages API requires it): its defaultMaxOutputTokens, else 1,024.
        if (operation is IInvocationOperation { TargetMethod: { Name: "AsIChatClient", ContainingType.Name: "AnthropicClientExtensions" or "AnthropicBetaClientExtensions" } } anthropic)
        {
            options.CapAssigned = true;
            var given = anthropic.Arguments.FirstOrDefault(a => a.Parameter?.Name == "defaultMaxOutputTokens" && a.ArgumentKind == ArgumentKind.Explicit);
            options.OutputCap ??= given is null ? AnthropicAdapterDefaultCap
                : ValueTracking.Unwrap(given.Value).ConstantValue.Value is int cap && cap > 0 ? cap : null;
        }

        if (operation is not IInvocationOperation pipeline || !_cappingPipelines.Contains(pipeline.TargetMethod))
        {
            return;
        }

        // The step's lambda sets the options of every call: a cap there caps them all.
        foreach (var assignment in pipeline.Arguments.SelectMany(a => a.Value.DescendantsAndSelf()).OfType<ISimpleAssignmentOperation>())
        {
            if (assignment.Target is IPropertyReferenceOperation { Property.Name: CapProperty })
            {
                options.CapAssigned = true;
                if (ValueTracking.Unwrap(assignment.Value).ConstantValue.Value is int cap && cap > 0)
                {
                    options.OutputCap ??= cap;
                }
            }
        }
    }

    public override bool InjectsToolParameter(ITypeSymbol type) => SdkSymbol.IsExactly(type, _functionArguments);

    private bool IsChatClient(ITypeSymbol? type) => SdkSymbol.Is(type, _chatClient) || (type?.AllInterfaces.Any(i => SdkSymbol.Is(i, _chatClient)) ?? false);

    public override (PromptTemplate Template, Location Location)? Tool(IInvocationOperation invocation, ISymbol owner, InjectedToolParameter injected)
        => _functionFactory.Contains(invocation.TargetMethod) ? ToolDiscovery.FromDelegate(invocation, owner, injected, wire: ToolDiscovery.ToolWire.MicrosoftExtensionsAi) : null;

    // ChatRole.System, or new ChatRole("system").
    private static PromptRole RoleOf(IOperation role) => PromptRoleNames.Parse(ValueTracking.Unwrap(role) switch
    {
        IPropertyReferenceOperation property => property.Property.Name,
        IObjectCreationOperation { Arguments.Length: 1 } created => created.Arguments[0].Value.ConstantValue.Value as string,
        _ => null,
    });
}
