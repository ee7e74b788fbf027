using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using PromptLint.Core.FrontEnds;
using PromptLint.Core.Model;

namespace PromptLint.Analyzers.CSharp.Sdks;

/// <summary>
/// Semantic Kernel: <c>ChatHistory</c> (its constructor and <c>AddXMessage</c>), <c>IChatCompletionService</c> sends,
/// <c>PromptExecutionSettings</c>, prompt templates (<c>InvokePromptAsync</c>, <c>CreateFunctionFromPrompt</c>,
/// <c>KernelFunctionFactory.CreateFromPrompt</c>, <c>PromptTemplateConfig</c>), <c>new ChatMessageContent(role, text)</c>
/// messages, and <c>[KernelFunction]</c> tools. Agents are <see cref="SemanticKernelAgentRecognizer"/>'s.
/// </summary>
internal sealed class SemanticKernelRecognizer : SdkRecognizer
{
    private const string CapSetting = "MaxTokens on the execution settings (OpenAIPromptExecutionSettings.MaxTokens)";

    private readonly INamedTypeSymbol? _chatHistory;
    private readonly INamedTypeSymbol? _executionSettings;
    private readonly INamedTypeSymbol? _kernel;
    private readonly INamedTypeSymbol? _kernelArguments;
    private readonly INamedTypeSymbol? _promptTemplateConfig;
    private readonly INamedTypeSymbol? _chatMessageContent;
    private readonly INamedTypeSymbol? _kernelFunctionAttribute;
    private readonly INamedTypeSymbol? _kernelContent;
    private readonly INamedTypeSymbol? _textContent;
    private readonly INamedTypeSymbol? _contentItems;
    private readonly (SdkMethods Methods, PromptRole Role)[] _historyAdds;
    private readonly SdkMethods _sends;
    private readonly SdkMethods _promptTemplates;
    private readonly SdkMethods _strategyTemplates;
    private readonly SdkMethods _addMessage;
    private readonly SdkMethods _createFromMethod;
    private readonly SdkMethods _pluginFromFunctions;
    private readonly SdkMethods _invokePrompt;
    private readonly SemanticKernelPlugins _plugins;

    public SemanticKernelRecognizer(Compilation compilation)
    {
        INamedTypeSymbol? Type(string name) => compilation.GetTypeByMetadataName("Microsoft.SemanticKernel." + name);

        _chatHistory = Type("ChatCompletion.ChatHistory");
        _executionSettings = Type("PromptExecutionSettings");
        _kernel = Type("Kernel");
        _kernelArguments = Type("KernelArguments");
        _promptTemplateConfig = Type("PromptTemplateConfig");
        _chatMessageContent = Type("ChatMessageContent");
        _kernelFunctionAttribute = Type("KernelFunctionAttribute");
        _kernelContent = Type("KernelContent");
        _textContent = Type("TextContent");
        _contentItems = Type("ChatCompletion.ChatMessageContentItemCollection");
        _historyAdds = new[]
        {
            (SdkMethods.Of(_chatHistory, "AddSystemMessage", "AddDeveloperMessage"), PromptRole.System),
            (SdkMethods.Of(_chatHistory, "AddUserMessage"), PromptRole.User),
            (SdkMethods.Of(_chatHistory, "AddAssistantMessage"), PromptRole.Assistant),
        };
        var sendNames = new[] { "GetChatMessageContentAsync", "GetChatMessageContentsAsync", "GetStreamingChatMessageContentsAsync" };
        _sends = SdkMethods.Of(Type("ChatCompletion.IChatCompletionService"), sendNames)
            .Union(SdkMethods.Of(Type("ChatCompletion.ChatCompletionServiceExtensions"), sendNames));
        var kernelExtensions = Type("KernelExtensions");
        var functionFactory = Type("KernelFunctionFactory");
        _strategyTemplates = SdkMethods.Of(Type("Agents.AgentGroupChat"), "CreatePromptFunctionForStrategy");
        _promptTemplates = SdkMethods.Of(kernelExtensions, "InvokePromptAsync", "InvokePromptStreamingAsync", "CreateFunctionFromPrompt")
            .Union(SdkMethods.Of(functionFactory, "CreateFromPrompt"))
            .Union(_strategyTemplates);
        _addMessage = SdkMethods.Of(_chatHistory, "AddMessage");
        _createFromMethod = SdkMethods.Of(functionFactory, "CreateFromMethod");
        _pluginFromFunctions = SdkMethods.Of(Type("KernelPluginFactory"), "CreateFromFunctions")
            .Union(SdkMethods.Of(kernelExtensions, "AddFromFunctions", "ImportPluginFromFunctions"));
        _invokePrompt = SdkMethods.Of(kernelExtensions, "InvokePromptAsync", "InvokePromptStreamingAsync");
        _plugins = new SemanticKernelPlugins(compilation);
        IsReferenced = _chatHistory is not null || kernelExtensions is not null || functionFactory is not null || _promptTemplateConfig is not null;
    }

    public override bool IsReferenced { get; }

    public override IEnumerable<string> SyntaxHints { get; } = new[]
    {
        "ChatHistory", "AddSystemMessage", "AddUserMessage", "AddDeveloperMessage", "AddAssistantMessage",
        "InvokePromptAsync", "InvokePromptStreamingAsync", "CreateFunctionFromPrompt", "CreateFromPrompt", "PromptTemplateConfig",
        "GetChatMessageContentAsync", "GetChatMessageContentsAsync", "GetStreamingChatMessageContentsAsync", "ChatMessageContent", "AuthorRole",
        "AddMessage", "CreateFromMethod", "CreatePromptFunctionForStrategy", "TextContent",
    };

    public override bool IsOptions(ITypeSymbol? type) => SdkSymbol.IsOrDerives(type, _executionSettings);

    public override void Recognize(IOperation operation, ICallSiteSink sink)
    {
        switch (operation)
        {
            case IObjectCreationOperation creation:
                RecognizeCreation(creation, sink);
                break;
            case IInvocationOperation { TargetMethod.Parameters: { Length: 1 } parameters, Instance: { } history } invocation
                when parameters[0].Type.SpecialType == SpecialType.System_String && HistoryRole(invocation.TargetMethod) is { } role:
                sink.AddMessageTo(history, new FoundMessage(role, invocation.Arguments[0].Value, invocation));
                break;
            case IInvocationOperation { TargetMethod.Parameters: { Length: 1 } itemParameters, Instance: { } itemHistory } itemsAdd
                when SdkSymbol.Is(itemParameters[0].Type, _contentItems) && HistoryRole(itemsAdd.TargetMethod) is { } itemsRole:
                // history.AddUserMessage([new TextContent("…"), new ImageContent(…)])
                foreach (var item in ContentItems(itemsAdd.Arguments[0].Value))
                {
                    sink.AddMessageTo(itemHistory, new FoundMessage(itemsRole, item, itemsAdd));
                }

                break;
            case IInvocationOperation { Instance: { } history } invocation when _addMessage.Contains(invocation.TargetMethod)
                && invocation.Arguments.FirstOrDefault(a => a.Parameter?.Name == "content" && a.Parameter.Type.SpecialType == SpecialType.System_String) is { } content:
                // history.AddMessage(AuthorRole.System, "…")
                var authorRole = invocation.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == 0)?.Value;
                sink.AddMessageTo(history, new FoundMessage(PromptRoleNames.Parse((authorRole is null ? null : ValueTracking.Unwrap(authorRole) as IPropertyReferenceOperation)?.Property.Name), content.Value, invocation));
                break;
            case IInvocationOperation invocation when _sends.Contains(invocation.TargetMethod):
                sink.AddSend(invocation, CapSetting);
                if (KernelArgument(invocation) is { } kernel)
                {
                    // The kernel whose plugin functions the settings' function choice behavior offers.
                    sink.OptionsOfCall(invocation).Kernel = kernel;
                }

                break;
            case IInvocationOperation invocation when _promptTemplates.Contains(invocation.TargetMethod):
                RecognizePromptTemplate(invocation, sink);
                break;
        }
    }

    public override IReadOnlyList<ToolDefinition>? OfferedTools(CallOptions options, InjectedToolParameter injected, System.Threading.CancellationToken cancellationToken)
        => _plugins.Offered(options, injected, cancellationToken);

    private IOperation? KernelArgument(IInvocationOperation invocation)
        => invocation.Arguments.FirstOrDefault(a => SdkSymbol.Is(a.Parameter?.Type, _kernel) && a.ArgumentKind == ArgumentKind.Explicit
                                                    && ValueTracking.Unwrap(a.Value) is not ILiteralOperation)?.Value;

    public override bool InjectsToolParameter(ITypeSymbol type) => SdkSymbol.IsExactly(type, _kernel) || SdkSymbol.IsExactly(type, _kernelArguments);

    // new OpenAIChatCompletionService(modelId, …), builder.AddOpenAIChatCompletion(modelId, …): the model of every call.
    public override void ReadClient(IOperation operation, CallOptions options)
    {
        if (options.Model is not null)
        {
            return;
        }

        var (method, arguments) = operation switch
        {
            IObjectCreationOperation creation => (creation.Constructor, creation.Arguments),
            IInvocationOperation invocation => (invocation.TargetMethod, invocation.Arguments),
            _ => (null, default),
        };
        if (method?.ContainingNamespace?.ToDisplayString().StartsWith("Microsoft.SemanticKernel", System.StringComparison.Ordinal) == true
            && arguments.FirstOrDefault(a => a.Parameter?.Name == "modelId" && a.ArgumentKind == ArgumentKind.Explicit) is { } model)
        {
            options.ReadModel(model.Value, default);
        }
    }

    // KernelFunctionFactory.CreateFromMethod(delegate, functionName, description): a tool, sent as "plugin-function"
    // when the plugin it is added to is named in the same block.
    public override (PromptTemplate Template, Location Location)? Tool(IInvocationOperation invocation, ISymbol owner, InjectedToolParameter injected)
    {
        if (!_createFromMethod.Contains(invocation.TargetMethod))
        {
            return null;
        }

        var plugin = PluginOf(invocation);
        return ToolDiscovery.FromDelegate(invocation, owner, injected, "functionName", name => plugin is null ? name : plugin + "-" + name, ToolDiscovery.ToolWire.SemanticKernel);
    }

    private string? PluginOf(IInvocationOperation function)
    {
        var holder = ValueTracking.ContainerOf(function);
        IOperation root = function;
        while (root.Parent is not null)
        {
            root = root.Parent;
        }

        foreach (var call in root.DescendantsAndSelf().OfType<IInvocationOperation>().Where(c => _pluginFromFunctions.Contains(c.TargetMethod)))
        {
            var name = call.Arguments.FirstOrDefault(a => a.Parameter?.Name == "pluginName")?.Value.ConstantValue.Value as string;
            var functions = call.Arguments.FirstOrDefault(a => a.Parameter?.Name == "functions")?.Value;
            if (name is not null && functions is not null
                && functions.DescendantsAndSelf().Any(o => ReferenceEquals(o, function) || (holder is ISymbol symbol && ValueTracking.KeyOf(o) is ISymbol used && SymbolEqualityComparer.Default.Equals(used, symbol))))
            {
                return name;
            }
        }

        return null;
    }

    public override (PromptTemplate Template, Location Location)? Tool(IMethodSymbol method, AttributeData attribute, Location location, InjectedToolParameter injected)
    {
        if (!SdkSymbol.Is(attribute.AttributeClass, _kernelFunctionAttribute))
        {
            return null;
        }

        // Semantic Kernel sends "<plugin>-<function>"; a plugin added with AddFromType<T>() is named after T.
        var name = SemanticKernelPlugins.FunctionName(method, attribute);
        return ToolDiscovery.FromMethod(method, method.ContainingType.Name + "-" + name, location, injected, ToolDiscovery.ToolWire.SemanticKernel);
    }

    private void RecognizeCreation(IObjectCreationOperation creation, ICallSiteSink sink)
    {
        var firstIsString = creation.Constructor is { Parameters.Length: > 0 } constructor && constructor.Parameters[0].Type.SpecialType == SpecialType.System_String;
        if (firstIsString && SdkSymbol.Is(creation.Type, _chatHistory))
        {
            var role = creation.Arguments.Length > 1 ? PromptRoleNames.Parse((ValueTracking.Unwrap(creation.Arguments[1].Value) as IPropertyReferenceOperation)?.Property.Name) : PromptRole.System;
            sink.AddMessage(new FoundMessage(role, creation.Arguments[0].Value, creation));
        }
        else if (SdkSymbol.Is(creation.Type, _promptTemplateConfig))
        {
            var initialized = ValueTracking.Initialized(creation).ToList();
            var template = firstIsString ? creation.Arguments[0].Value : initialized.FirstOrDefault(i => i.Property.Name == "Template").Value;
            var format = initialized.FirstOrDefault(i => i.Property.Name == "TemplateFormat").Value?.ConstantValue.Value as string;
            if (template is not null)
            {
                sink.AddPrompt(FoundPrompt.Single(creation, PromptRole.User, template, FlavorOf(format)));
            }
        }
        else if (SdkSymbol.IsOrDerives(creation.Type, _chatMessageContent) && ChatMessageContentText(creation) is { } content)
        {
            // new ChatMessageContent(AuthorRole.User, "…"), or with Role and Content set in its initializer.
            sink.AddMessage(new FoundMessage(PromptRoleNames.Parse(RoleName(content.Role)), content.Text, creation));
        }
        else if (SdkSymbol.IsOrDerives(creation.Type, _chatMessageContent)
            && creation.Arguments.FirstOrDefault(a => a.ArgumentKind == ArgumentKind.Explicit && SdkSymbol.Is(a.Parameter?.Type, _contentItems)) is { } items)
        {
            // new ChatMessageContent(AuthorRole.User, [new TextContent("…"), new ImageContent(…)])
            var role = PromptRoleNames.Parse(RoleName(creation.Arguments.FirstOrDefault(a => a.Parameter?.Name == "role")?.Value));
            foreach (var item in ContentItems(items.Value))
            {
                sink.AddMessage(new FoundMessage(role, item, creation));
            }
        }
    }

    // The parts of a content item collection written inline: a TextContent's text, any other item (an image, audio, a
    // file) as itself, which is a hole. A collection that is not created here (a parameter, a local filled elsewhere) is
    // one hole: it is sent, its content is not known.
    private IEnumerable<IOperation> ContentItems(IOperation collection)
    {
        var created = collection.DescendantsAndSelf().OfType<IObjectCreationOperation>().Where(c => SdkSymbol.IsOrDerives(c.Type, _kernelContent)).ToList();
        if (created.Count == 0)
        {
            yield return collection;
            yield break;
        }

        foreach (var item in created)
        {
            var text = SdkSymbol.Is(item.Type, _textContent)
                ? item.Arguments.FirstOrDefault(a => a.Parameter?.Name == "text" && a.ArgumentKind == ArgumentKind.Explicit)?.Value
                  ?? ValueTracking.Initialized(item).FirstOrDefault(i => i.Property.Name == "Text").Value
                : null;
            yield return text ?? item;
        }
    }

    private void RecognizePromptTemplate(IInvocationOperation invocation, ICallSiteSink sink)
    {
        // AgentGroupChat.CreatePromptFunctionForStrategy(template, …) names it 'template'.
        var template = invocation.Arguments.FirstOrDefault(a => a.Parameter?.Name is "promptTemplate" or "template" && a.Parameter.Type.SpecialType == SpecialType.System_String);
        if (template is null)
        {
            return;
        }

        var prompt = FoundPrompt.Single(invocation, PromptRole.User, template.Value, TemplateFlavor.SemanticKernel);
        prompt.CapSetting = CapSetting;
        sink.AddPrompt(prompt);
        if (_invokePrompt.Contains(invocation.TargetMethod))
        {
            prompt.Options.Kernel = KernelArgument(invocation);
        }

        var opaque = false;
        foreach (var argument in invocation.Arguments)
        {
            // Execution settings travel as an argument, or inside 'new KernelArguments(settings)'.
            foreach (var settings in argument.Value.DescendantsAndSelf().OfType<IObjectCreationOperation>().Where(c => IsOptions(c.Type)))
            {
                sink.ReadInitializer(settings, prompt.Options);
            }

            sink.KnownOptions(argument.Value)?.MergeInto(prompt.Options);

            // new KernelArguments(settings) with settings set earlier in the member.
            foreach (var local in argument.Value.Descendants().OfType<ILocalReferenceOperation>().Where(l => IsOptions(l.Type)))
            {
                sink.KnownOptions(local)?.MergeInto(prompt.Options);
            }

            // Settings or arguments that come from elsewhere may carry a cap we cannot see.
            var parameterType = argument.Parameter?.Type;
            if (argument.ArgumentKind != ArgumentKind.DefaultValue && ValueTracking.Unwrap(argument.Value) is not IObjectCreationOperation and not ILiteralOperation
                && (IsOptions(parameterType) || SdkSymbol.Is(parameterType, _kernelArguments) || IsEnumerable(parameterType)))
            {
                opaque = true;
            }
        }

        // A selection or termination strategy's function takes its settings from the strategy's Arguments, set elsewhere.
        opaque |= _strategyTemplates.Contains(invocation.TargetMethod);
        prompt.CapStatus = prompt.Options.OutputCap is not null ? OutputCapStatus.Declared : opaque ? OutputCapStatus.Unknown : OutputCapStatus.Missing;
    }

    // The role and text of a ChatMessageContent made with a string: its (role, content, …) constructor, or Role and
    // Content in its initializer. A message made from content items is not read.
    private static (IOperation? Role, IOperation Text)? ChatMessageContentText(IObjectCreationOperation creation)
    {
        var text = creation.Arguments.FirstOrDefault(a => a.Parameter is { Name: "content", Type.SpecialType: SpecialType.System_String } && a.ArgumentKind == ArgumentKind.Explicit)?.Value;
        var role = creation.Arguments.FirstOrDefault(a => a.Parameter?.Name == "role")?.Value;
        foreach (var (property, value, _) in ValueTracking.Initialized(creation))
        {
            if (property.Name == "Content" && property.Type.SpecialType == SpecialType.System_String)
            {
                text = value;
            }
            else if (property.Name == "Role")
            {
                role = value;
            }
        }

        return text is null ? null : (role, text);
    }

    // AuthorRole.User, or new AuthorRole("user").
    private static string? RoleName(IOperation? role) => role is null ? null : ValueTracking.Unwrap(role) switch
    {
        IPropertyReferenceOperation property => property.Property.Name,
        IObjectCreationOperation { Arguments.Length: 1 } created => created.Arguments[0].Value.ConstantValue.Value as string,
        _ => null,
    };

    private PromptRole? HistoryRole(IMethodSymbol method)
    {
        foreach (var (methods, role) in _historyAdds)
        {
            if (methods.Contains(method))
            {
                return role;
            }
        }

        return null;
    }

    private static bool IsEnumerable(ITypeSymbol? type)
        => type?.OriginalDefinition.SpecialType is SpecialType.System_Collections_Generic_IEnumerable_T or SpecialType.System_Collections_IEnumerable;

    private static TemplateFlavor FlavorOf(string? format) => format?.ToLowerInvariant() switch
    {
        "handlebars" => TemplateFlavor.Mustache,
        "liquid" => TemplateFlavor.Liquid,
        _ => TemplateFlavor.SemanticKernel,
    };
}
