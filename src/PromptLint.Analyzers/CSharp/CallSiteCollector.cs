using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Operations;
using PromptLint.Core.FrontEnds;
using PromptLint.Core.Model;
using PromptLint.Analyzers.Diagnostics;

namespace PromptLint.Analyzers.CSharp;

/// <summary>
/// Walks one operation block (a method body, an initializer) and groups the messages it builds into prompts:
/// messages that reach one send call (directly, through a collection, a local, a <c>ChatHistory</c> or the options'
/// instructions) form one prompt, in send order; messages collected but not visibly sent form one prompt per container.
/// </summary>
internal sealed class CallSiteCollector
{
    private readonly SdkSymbols _sdk;
    private readonly TextFolder _folder;
    private readonly CancellationToken _cancellationToken;
    private readonly Dictionary<object, List<FoundMessage>> _containers = new(KeyComparer.Instance);
    private readonly Dictionary<object, CallOptions> _options = new(KeyComparer.Instance);
    private readonly List<Group> _groups = new();

    public CallSiteCollector(SdkSymbols sdk, TextFolder folder, CancellationToken cancellationToken)
    {
        _sdk = sdk;
        _folder = folder;
        _cancellationToken = cancellationToken;
    }

    /// <summary>A prompt found in code, before it gets its id.</summary>
    internal sealed class Group
    {
        public List<FoundMessage> Messages { get; } = new();

        public CallOptions Options { get; } = new();

        public IOperation Anchor { get; set; } = null!;

        public TemplateFlavor? Flavor { get; set; }

        /// <summary>Whether the call visibly caps its output.</summary>
        public OutputCapStatus CapStatus { get; set; } = OutputCapStatus.Unknown;

        /// <summary>How the cap is spelled for this SDK.</summary>
        public string? CapSetting { get; set; }

        /// <summary>What a code fix can do: add the cap to an options initializer, or pass new options.</summary>
        public string? FixKind { get; set; }

        /// <summary>Where the fix applies (the options creation, or the call).</summary>
        public IOperation? FixTarget { get; set; }

        /// <summary>The property a fix sets (MaxOutputTokens, MaxOutputTokenCount, MaxTokens).</summary>
        public string? FixProperty { get; set; }
    }

    private sealed class Send
    {
        public Send(IInvocationOperation call) => Call = call;

        public IInvocationOperation Call { get; }

        public List<object> MessageKeys { get; } = new();

        public FoundMessage? Direct { get; set; }

        public object? OptionsKey { get; set; }

        public IOperation? OptionsArgument { get; set; }

        public bool TakesOptions { get; set; }

        public string? CapSetting { get; set; }

        public string? OptionsType { get; set; }

        public IOperation? Receiver { get; set; }
    }

    /// <summary>Collects the prompts of the operation blocks of one member (a body, or initializers).</summary>
    public IReadOnlyList<Group> Collect(IEnumerable<IOperation> roots)
    {
        var sends = new List<Send>();
        foreach (var operation in roots.SelectMany(root => root.DescendantsAndSelf()))
        {
            _cancellationToken.ThrowIfCancellationRequested();
            switch (operation)
            {
                case IObjectCreationOperation creation:
                    VisitCreation(creation);
                    break;
                case IInvocationOperation invocation:
                    VisitInvocation(invocation, sends);
                    break;
                case IConversionOperation { Operand.Type.SpecialType: SpecialType.System_String, IsImplicit: true } conversion when SdkSymbols.Is(conversion.Type, _sdk.OpenAiChatMessage):
                    // OpenAI's ChatMessage converts implicitly from string, as a user message: chat.CompleteChat("text").
                    AddMessage(ContainerOf(conversion), new FoundMessage(PromptRole.User, conversion.Operand, conversion));
                    break;
                case ISimpleAssignmentOperation assignment when assignment.Target is IPropertyReferenceOperation { Instance: { } instance } property
                                                                 && instance is not IInstanceReferenceOperation:
                    if (KeyOf(instance) is { } key)
                    {
                        ApplyOption(property.Property, assignment.Value, OptionsFor(key), assignment);
                    }

                    break;
            }
        }

        var consumed = new HashSet<object>(KeyComparer.Instance);
        foreach (var send in sends.OrderBy(s => s.Call.Syntax.SpanStart))
        {
            var group = new Group { Anchor = send.Call };

            // Options built inline in the call's arguments are filed under the call itself.
            foreach (var optionsKey in new[] { send.OptionsKey, send.Call })
            {
                if (optionsKey is not null && _options.TryGetValue(optionsKey, out var options))
                {
                    options.MergeInto(group.Options);
                }
            }

            // Options kept in a field or property: what its initializer sets is known, later changes are not.
            if (send.OptionsArgument is { } optionsArgument && send.OptionsKey is ISymbol && MemberInitializer(Unwrap(optionsArgument)) is IObjectCreationOperation stored)
            {
                foreach (var (property, value, origin) in Initialized(stored))
                {
                    ApplyOption(property, value, group.Options, origin);
                }
            }

            group.Messages.AddRange(group.Options.Instructions);

            foreach (var key in send.MessageKeys)
            {
                if (_containers.TryGetValue(key, out var messages))
                {
                    group.Messages.AddRange(messages.OrderBy(m => m.Position));
                    consumed.Add(key);
                }
            }

            if (send.Direct is not null)
            {
                group.Messages.Add(send.Direct);
            }

            if (send.Receiver is not null)
            {
                ModelFromReceiver(send.Receiver, group.Options);
            }

            CapFacts(send, group);

            if (group.Messages.Count > 0)
            {
                _groups.Add(group);
            }
        }

        foreach (var pair in _containers.Where(p => !consumed.Contains(p.Key)))
        {
            var messages = pair.Value.OrderBy(m => m.Position).ToList();
            var group = new Group { Anchor = messages[0].Origin };
            group.Messages.AddRange(messages);
            _groups.Add(group);
        }

        return _groups.OrderBy(g => g.Anchor.Syntax.SpanStart).ToList();
    }

    private void VisitCreation(IObjectCreationOperation creation)
    {
        var type = creation.Type;
        var constructor = creation.Constructor;
        var firstIsString = constructor is { Parameters.Length: > 0 } && constructor.Parameters[0].Type.SpecialType == SpecialType.System_String;

        if (SdkSymbols.Is(type, _sdk.AiChatMessage) && constructor is { Parameters.Length: 2 } && constructor.Parameters[1].Type.SpecialType == SpecialType.System_String)
        {
            AddMessage(ContainerOf(creation), new FoundMessage(RoleOfAiChatRole(creation.Arguments[0].Value), creation.Arguments[1].Value, creation));
        }
        else if (firstIsString && OpenAiRole(type) is { } role && constructor!.Parameters.Length == 1)
        {
            AddMessage(ContainerOf(creation), new FoundMessage(role, creation.Arguments[0].Value, creation));
        }
        else if (firstIsString && SdkSymbols.Is(type, _sdk.SkChatHistory))
        {
            var historyRole = creation.Arguments.Length > 1 ? RoleOfAuthorRole(creation.Arguments[1].Value) : PromptRole.System;
            AddMessage(ContainerOf(creation), new FoundMessage(historyRole, creation.Arguments[0].Value, creation));
        }
        else if (SdkSymbols.IsOrDerives(type, _sdk.AiChatOptions) || SdkSymbols.IsOrDerives(type, _sdk.OpenAiCompletionOptions) || SdkSymbols.IsOrDerives(type, _sdk.SkExecutionSettings))
        {
            var options = OptionsFor(ContainerOf(creation));
            foreach (var (property, value, origin) in Initialized(creation))
            {
                ApplyOption(property, value, options, origin);
            }
        }
        else if (SdkSymbols.Is(type, _sdk.SkPromptTemplateConfig))
        {
            var template = firstIsString ? creation.Arguments[0].Value : Initialized(creation).FirstOrDefault(i => i.Property.Name == "Template").Value;
            var format = Initialized(creation).FirstOrDefault(i => i.Property.Name == "TemplateFormat").Value?.ConstantValue.Value as string;
            if (template is not null)
            {
                AddSingle(creation, PromptRole.User, template, FlavorOf(format));
            }
        }
        else if (SdkSymbols.IsOrDerives(type, _sdk.SkAgent) && Initialized(creation).FirstOrDefault(i => i.Property.Name == "Instructions").Value is { } instructions)
        {
            AddSingle(creation, PromptRole.System, instructions, TemplateFlavor.SemanticKernel);
        }
        else if (SdkSymbols.Is(type, _sdk.AnthropicCreateParams))
        {
            var group = new Group { Anchor = creation };
            foreach (var (property, value, _) in Initialized(creation))
            {
                switch (property.Name)
                {
                    case "System" when Unwrap(value).Type?.SpecialType == SpecialType.System_String:
                        group.Messages.Add(new FoundMessage(PromptRole.System, value, creation));
                        break;
                    case "MaxTokens" when Unwrap(value).ConstantValue.Value is long or int:
                        group.Options.OutputCap = Convert.ToInt32(Unwrap(value).ConstantValue.Value, System.Globalization.CultureInfo.InvariantCulture);
                        break;
                    case "Model" when Unwrap(value).ConstantValue.Value is string model:
                        group.Options.Model = model;
                        group.Options.ModelLocation = value.Syntax.GetLocation();
                        break;
                }
            }

            if (group.Messages.Count > 0)
            {
                // Anthropic requires MaxTokens: it is never missing, only possibly above the configured ceiling.
                group.CapStatus = group.Options.OutputCap is null ? OutputCapStatus.Unknown : OutputCapStatus.Declared;
                group.CapSetting = "MaxTokens";
                _groups.Add(group);
            }
        }
    }

    private void VisitInvocation(IInvocationOperation invocation, List<Send> sends)
    {
        var method = invocation.TargetMethod;
        var type = method.ContainingType;
        var stringParameter = method.Parameters.FirstOrDefault(p => p.Type.SpecialType == SpecialType.System_String);

        if (SdkSymbols.Is(type, _sdk.OpenAiChatMessage) && stringParameter is not null && method.Parameters.Length == 1)
        {
            var role = method.Name switch
            {
                "CreateSystemMessage" or "CreateDeveloperMessage" => PromptRole.System,
                "CreateUserMessage" => PromptRole.User,
                "CreateAssistantMessage" => PromptRole.Assistant,
                _ => (PromptRole?)null,
            };
            if (role is not null)
            {
                AddMessage(ContainerOf(invocation), new FoundMessage(role.Value, invocation.Arguments[0].Value, invocation));
            }
        }
        else if (SdkSymbols.Is(type, _sdk.SkChatHistory) && method.Parameters.Length == 1 && stringParameter is not null && invocation.Instance is { } history && KeyOf(history) is { } historyKey)
        {
            var role = method.Name switch
            {
                "AddSystemMessage" or "AddDeveloperMessage" => PromptRole.System,
                "AddUserMessage" => PromptRole.User,
                "AddAssistantMessage" => PromptRole.Assistant,
                _ => (PromptRole?)null,
            };
            if (role is not null)
            {
                AddMessage(historyKey, new FoundMessage(role.Value, invocation.Arguments[0].Value, invocation));
            }
        }
        else if (IsChatClientSend(invocation))
        {
            var send = new Send(invocation) { Receiver = invocation.Instance ?? invocation.Arguments.FirstOrDefault()?.Value };
            (send.CapSetting, send.OptionsType) = CapSettingOf(method);
            send.MessageKeys.Add(invocation);
            foreach (var argument in invocation.Arguments)
            {
                var parameterType = argument.Parameter?.Type;
                if (argument.Parameter?.Ordinal == 0 && method.IsExtensionMethod)
                {
                    continue;
                }

                if (parameterType?.SpecialType == SpecialType.System_String && argument.Value is not IDefaultValueOperation)
                {
                    send.Direct = new FoundMessage(PromptRole.User, argument.Value, invocation);
                }
                else if (IsOptionsType(parameterType))
                {
                    send.TakesOptions = true;
                    if (argument.ArgumentKind != ArgumentKind.DefaultValue && Unwrap(argument.Value) is not IDefaultValueOperation and not ILiteralOperation)
                    {
                        // Any options passed count as passed; whether their cap is known is decided later.
                        send.OptionsArgument = argument.Value;
                        send.OptionsKey = KeyOf(argument.Value);
                    }
                }
                else if (KeyOf(argument.Value) is { } messagesKey)
                {
                    send.MessageKeys.Add(messagesKey);
                }
            }

            sends.Add(send);
        }
        else if ((SdkSymbols.Is(type, _sdk.SkKernelExtensions) && method.Name is "InvokePromptAsync" or "InvokePromptStreamingAsync" or "CreateFunctionFromPrompt")
                 || (SdkSymbols.Is(type, _sdk.SkFunctionFactory) && method.Name == "CreateFromPrompt"))
        {
            var template = invocation.Arguments.FirstOrDefault(a => a.Parameter?.Name == "promptTemplate" && a.Parameter.Type.SpecialType == SpecialType.System_String);
            if (template is null)
            {
                return;
            }

            var group = AddSingle(invocation, PromptRole.User, template.Value, TemplateFlavor.SemanticKernel);
            group.CapSetting = "MaxTokens on the execution settings (OpenAIPromptExecutionSettings.MaxTokens)";
            var opaque = false;
            foreach (var argument in invocation.Arguments)
            {
                // Execution settings travel as an argument, or inside 'new KernelArguments(settings)'.
                foreach (var settings in argument.Value.DescendantsAndSelf().OfType<IObjectCreationOperation>().Where(c => SdkSymbols.IsOrDerives(c.Type, _sdk.SkExecutionSettings)))
                {
                    foreach (var (property, value, origin) in Initialized(settings))
                    {
                        ApplyOption(property, value, group.Options, origin);
                    }
                }

                if (KeyOf(argument.Value) is { } key && _options.TryGetValue(key, out var known))
                {
                    known.MergeInto(group.Options);
                }

                // Settings or arguments that come from elsewhere may carry a cap we cannot see.
                var parameterType = argument.Parameter?.Type;
                if (argument.ArgumentKind != ArgumentKind.DefaultValue && Unwrap(argument.Value) is not IObjectCreationOperation and not ILiteralOperation
                    && (SdkSymbols.IsOrDerives(parameterType, _sdk.SkExecutionSettings) || parameterType?.Name is "KernelArguments" or "IEnumerable"))
                {
                    opaque = true;
                }
            }

            group.CapStatus = group.Options.OutputCap is not null ? OutputCapStatus.Declared : opaque ? OutputCapStatus.Unknown : OutputCapStatus.Missing;
        }
    }

    // Declared, missing (with what a fix can do) or unknown: options from a parameter, a field, a property or a call are unknown.
    private void CapFacts(Send send, Group group)
    {
        group.CapSetting = send.CapSetting;
        if (group.Options.OutputCap is not null || group.Options.CapAssigned)
        {
            group.CapStatus = OutputCapStatus.Declared;
            return;
        }

        if (send.OptionsArgument is null)
        {
            group.CapStatus = OutputCapStatus.Missing;

            // Passing new options is mechanical only where the options parameter was left to its default.
            if (send.OptionsType == "ChatOptions" && send.Call.Arguments.Any(a => a.Parameter?.Name == "options" && a.ArgumentKind == ArgumentKind.DefaultValue))
            {
                group.FixKind = FixProperties.CapFixKinds.AddArgument;
                group.FixTarget = send.Call;
                group.FixProperty = "MaxOutputTokens";
            }

            return;
        }

        var creation = Unwrap(send.OptionsArgument) switch
        {
            IObjectCreationOperation inline => inline,
            ILocalReferenceOperation local => LocalInitializer(local) is { } init ? Unwrap(init) as IObjectCreationOperation : null,
            _ => null,
        };
        if (creation is null)
        {
            group.CapStatus = OutputCapStatus.Unknown;
            return;
        }

        group.CapStatus = OutputCapStatus.Missing;
        var property = new[] { "MaxOutputTokens", "MaxOutputTokenCount", "MaxTokens" }
            .FirstOrDefault(name => creation.Type?.GetMembers(name).OfType<IPropertySymbol>().Any(p => p.SetMethod is not null) == true
                                    || (creation.Type as INamedTypeSymbol)?.BaseType?.GetMembers(name).OfType<IPropertySymbol>().Any(p => p.SetMethod is not null) == true);
        if (property is not null)
        {
            group.FixKind = FixProperties.CapFixKinds.AddToInitializer;
            group.FixTarget = creation;
            group.FixProperty = property;
        }
    }

    private static (string? Setting, string? OptionsType) CapSettingOf(IMethodSymbol method)
    {
        if (method.Name.StartsWith("CompleteChat", StringComparison.Ordinal))
        {
            return ("ChatCompletionOptions.MaxOutputTokenCount", "ChatCompletionOptions");
        }

        if (method.Name is "GetResponseAsync" or "GetStreamingResponseAsync")
        {
            return ("ChatOptions.MaxOutputTokens", "ChatOptions");
        }

        return ("MaxTokens on the execution settings (OpenAIPromptExecutionSettings.MaxTokens)", "PromptExecutionSettings");
    }

    private bool IsChatClientSend(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        var type = method.ContainingType;
        if (method.Name is "GetResponseAsync" or "GetStreamingResponseAsync")
        {
            return SdkSymbols.Is(type, _sdk.AiChatClientExtensions) || SdkSymbols.Is(type, _sdk.AiChatClient)
                   || (_sdk.AiChatClient is not null && type.AllInterfaces.Any(i => SymbolEqualityComparer.Default.Equals(i, _sdk.AiChatClient)));
        }

        if (method.Name is "GetChatMessageContentAsync" or "GetChatMessageContentsAsync" or "GetStreamingChatMessageContentsAsync")
        {
            return SdkSymbols.Is(type, _sdk.SkChatCompletionExtensions) || SdkSymbols.Is(type, _sdk.SkChatCompletionService)
                   || (_sdk.SkChatCompletionService is not null && type.AllInterfaces.Any(i => SymbolEqualityComparer.Default.Equals(i, _sdk.SkChatCompletionService)));
        }

        return method.Name.StartsWith("CompleteChat", StringComparison.Ordinal) && SdkSymbols.IsOrDerives(type, _sdk.OpenAiChatClient);
    }

    private bool IsOptionsType(ITypeSymbol? type)
        => SdkSymbols.IsOrDerives(type, _sdk.AiChatOptions) || SdkSymbols.IsOrDerives(type, _sdk.OpenAiCompletionOptions) || SdkSymbols.IsOrDerives(type, _sdk.SkExecutionSettings);

    private Group AddSingle(IOperation anchor, PromptRole role, IOperation text, TemplateFlavor flavor)
    {
        var group = new Group { Anchor = anchor, Flavor = flavor };
        group.Messages.Add(new FoundMessage(role, text, anchor));
        _groups.Add(group);
        return group;
    }

    private void ApplyOption(IPropertySymbol property, IOperation value, CallOptions options, IOperation origin)
    {
        var constant = Unwrap(value).ConstantValue;
        switch (property.Name)
        {
            case "Instructions" when SdkSymbols.IsOrDerives(property.ContainingType, _sdk.AiChatOptions):
                options.Instructions.Add(new FoundMessage(PromptRole.System, value, origin));
                break;
            case "ModelId" when constant.Value is string model:
                options.Model = model;
                options.ModelLocation = value.Syntax.GetLocation();
                break;
            case "MaxOutputTokens" or "MaxOutputTokenCount" or "MaxTokens":
                // A cap from a setting or a variable is still a cap: declared, value unknown.
                options.CapAssigned = true;
                if (constant.Value is int cap && cap > 0)
                {
                    options.OutputCap = cap;
                }

                break;
        }
    }

    // What the client the call goes through says, when its construction is visible (a local, or a field or property
    // initialized in the same file): the model it was created for, and a pipeline step that caps every call
    // (ChatClientBuilder.ConfigureOptions or UsePromptLintMeter setting MaxOutputTokens).
    private void ModelFromReceiver(IOperation receiver, CallOptions options)
    {
        var source = Unwrap(receiver) switch
        {
            ILocalReferenceOperation local => LocalInitializer(local),
            IFieldReferenceOperation or IPropertyReferenceOperation => MemberInitializer(Unwrap(receiver)),
            var other => other,
        };
        if (source is null)
        {
            return;
        }

        foreach (var operation in source.DescendantsAndSelf())
        {
            if (operation is IInvocationOperation { TargetMethod.Name: "ConfigureOptions" or "UsePromptLintMeter" } pipeline)
            {
                foreach (var assignment in pipeline.Arguments.SelectMany(a => a.Value.DescendantsAndSelf()).OfType<ISimpleAssignmentOperation>())
                {
                    if (assignment.Target is IPropertyReferenceOperation { Property.Name: "MaxOutputTokens" })
                    {
                        options.CapAssigned = true;
                        if (Unwrap(assignment.Value).ConstantValue.Value is int cap && cap > 0)
                        {
                            options.OutputCap ??= cap;
                        }
                    }
                }
            }

            if (options.Model is not null)
            {
                continue;
            }

            var argument = operation switch
            {
                IInvocationOperation { TargetMethod.Name: "GetChatClient" } call when SdkSymbols.IsOrDerives(call.TargetMethod.ContainingType, _sdk.OpenAiClient) => call.Arguments.FirstOrDefault()?.Value,
                IObjectCreationOperation create when SdkSymbols.IsOrDerives(create.Type, _sdk.OpenAiChatClient) => create.Arguments.FirstOrDefault(a => a.Parameter?.Name == "model")?.Value,
                _ => null,
            };
            // An Azure deployment is named by the team; it stands for a model only when it is one (as in .prompty files).
            if (argument is not null && Unwrap(argument).ConstantValue.Value is string model && Core.Tokenizers.TokenizerRegistry.Shared.Resolve(model).KnownModel)
            {
                options.Model = model;
                options.ModelLocation = argument.Syntax.GetLocation();
            }
        }
    }

    private IOperation? MemberInitializer(IOperation reference)
    {
        var symbol = reference switch
        {
            IFieldReferenceOperation f => (ISymbol)f.Field,
            IPropertyReferenceOperation p => p.Property,
            _ => null,
        };
        if (symbol?.DeclaringSyntaxReferences.Length != 1)
        {
            return null;
        }

        var syntax = symbol.DeclaringSyntaxReferences[0].GetSyntax(_cancellationToken);
        var expression = syntax switch
        {
            Microsoft.CodeAnalysis.CSharp.Syntax.VariableDeclaratorSyntax declarator => declarator.Initializer?.Value,
            Microsoft.CodeAnalysis.CSharp.Syntax.PropertyDeclarationSyntax property => property.Initializer?.Value ?? property.ExpressionBody?.Expression,
            _ => null,
        };
        if (expression is null || reference.SemanticModel is null || expression.SyntaxTree != reference.Syntax.SyntaxTree)
        {
            return null;
        }

        return reference.SemanticModel.GetOperation(expression, _cancellationToken);
    }

    private static IOperation? LocalInitializer(ILocalReferenceOperation reference)
    {
        IOperation root = reference;
        while (root.Parent is not null)
        {
            root = root.Parent;
        }

        return root.DescendantsAndSelf().OfType<IVariableDeclaratorOperation>()
            .FirstOrDefault(d => SymbolEqualityComparer.Default.Equals(d.Symbol, reference.Local))?.Initializer?.Value;
    }

    private void AddMessage(object container, FoundMessage message)
    {
        if (!_containers.TryGetValue(container, out var list))
        {
            list = new List<FoundMessage>();
            _containers[container] = list;
        }

        list.Add(message);
    }

    private CallOptions OptionsFor(object key)
    {
        if (!_options.TryGetValue(key, out var options))
        {
            options = new CallOptions();
            _options[key] = options;
        }

        return options;
    }

    /// <summary>
    /// Where a message (or an options object) ends up: the local or field it is stored in, the send call it is passed
    /// to, or itself. Climbs through conversions, arrays, collection initializers and collection expressions.
    /// </summary>
    private object ContainerOf(IOperation operation)
    {
        var current = operation;
        while (current.Parent is { } parent)
        {
            switch (parent)
            {
                case IConversionOperation or IParenthesizedOperation or IArrayInitializerOperation or IArrayCreationOperation:
                    current = parent;
                    continue;
                case IArgumentOperation { Parent: IInvocationOperation call }:
                    if (call.Instance is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver }
                        && call.Parent is IObjectOrCollectionInitializerOperation { Parent: IObjectCreationOperation collection })
                    {
                        current = collection;
                        continue;
                    }

                    if (call.TargetMethod.Name is "Add" or "AddRange" or "Insert" && call.Instance is { } target && KeyOf(target) is { } targetKey)
                    {
                        return targetKey;
                    }

                    return call;
                case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                    return declarator.Symbol;
                case IFieldInitializerOperation fieldInitializer when fieldInitializer.InitializedFields.Length == 1:
                    return fieldInitializer.InitializedFields[0];
                case ISimpleAssignmentOperation assignment when ReferenceEquals(assignment.Value, current) && KeyOf(assignment.Target) is { } assigned:
                    return assigned;
                default:
                    if (parent.Syntax.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.CollectionExpression) || parent.Syntax.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.ExpressionElement))
                    {
                        current = parent;
                        continue;
                    }

                    return current;
            }
        }

        return current;
    }

    private static object? KeyOf(IOperation operation) => Unwrap(operation) switch
    {
        ILocalReferenceOperation local => local.Local,
        IFieldReferenceOperation field => field.Field,
        IPropertyReferenceOperation { Arguments.Length: 0 } property => property.Property,
        IParameterReferenceOperation => null,
        IDefaultValueOperation or ILiteralOperation => null,
        var other => other,
    };

    private static IEnumerable<(IPropertySymbol Property, IOperation Value, IOperation Origin)> Initialized(IObjectCreationOperation creation)
    {
        if (creation.Initializer is null)
        {
            yield break;
        }

        foreach (var initializer in creation.Initializer.Initializers)
        {
            if (initializer is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } assignment)
            {
                yield return (property.Property, assignment.Value, assignment);
            }
        }
    }

    private static IOperation Unwrap(IOperation operation)
    {
        while (operation is IConversionOperation or IParenthesizedOperation)
        {
            operation = operation is IConversionOperation conversion ? conversion.Operand : ((IParenthesizedOperation)operation).Operand;
        }

        return operation;
    }

    private PromptRole? OpenAiRole(ITypeSymbol? type)
    {
        if (SdkSymbols.Is(type, _sdk.OpenAiSystemMessage) || SdkSymbols.Is(type, _sdk.OpenAiDeveloperMessage))
        {
            return PromptRole.System;
        }

        if (SdkSymbols.Is(type, _sdk.OpenAiUserMessage))
        {
            return PromptRole.User;
        }

        return SdkSymbols.Is(type, _sdk.OpenAiAssistantMessage) ? PromptRole.Assistant : null;
    }

    private static PromptRole RoleOfAiChatRole(IOperation role) => RoleByName(Unwrap(role) switch
    {
        IPropertyReferenceOperation property => property.Property.Name,
        IObjectCreationOperation { Arguments.Length: 1 } created => created.Arguments[0].Value.ConstantValue.Value as string,
        _ => null,
    });

    private static PromptRole RoleOfAuthorRole(IOperation role) => RoleByName((Unwrap(role) as IPropertyReferenceOperation)?.Property.Name);

    private static PromptRole RoleByName(string? name) => PromptRoles.Parse(name) switch
    {
        PromptRole.ToolSchema or null => PromptRole.User,
        var parsed => parsed.Value,
    };

    private static TemplateFlavor FlavorOf(string? format) => format?.ToLowerInvariant() switch
    {
        "handlebars" => TemplateFlavor.Mustache,
        "liquid" => TemplateFlavor.Liquid,
        _ => TemplateFlavor.SemanticKernel,
    };

    private sealed class KeyComparer : IEqualityComparer<object>
    {
        public static readonly KeyComparer Instance = new();

        public new bool Equals(object? x, object? y)
            => x is ISymbol a && y is ISymbol b ? SymbolEqualityComparer.Default.Equals(a, b) : ReferenceEquals(x, y);

        public int GetHashCode(object obj)
            => obj is ISymbol symbol ? SymbolEqualityComparer.Default.GetHashCode(symbol) : System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
    }
}
