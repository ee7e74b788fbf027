using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using PromptLint.Analyzers.CSharp.Sdks;
using PromptLint.Core.Model;

namespace PromptLint.Analyzers.CSharp;

/// <summary>
/// Walks one operation block (a method body, an initializer) and groups the messages it builds into prompts:
/// messages that reach one send call (directly, through a collection, a local, a <c>ChatHistory</c> or the options'
/// instructions) form one prompt, in send order; messages collected but not visibly sent form one prompt per container.
/// What a call is comes from the SDK recognizers; where values go from <see cref="ValueTracking"/>; whether a call
/// caps its output, and how a fix would cap it, from <see cref="OutputCapPlanner"/>.
/// </summary>
internal sealed partial class CallSiteCollector : ICallSiteSink
{
    private readonly SdkRecognizers _sdks;
    private readonly CancellationToken _cancellationToken;
    private readonly Dictionary<object, List<FoundMessage>> _containers = new(ValueTracking.Keys);
    private readonly Dictionary<object, CallOptions> _options = new(ValueTracking.Keys);

    // A container made from others (new List<ChatMessage>(fewShot) { … }, new CreateResponseOptions(model, input)):
    // its messages start with theirs.
    private readonly Dictionary<object, List<object>> _sources = new(ValueTracking.Keys);
    private readonly List<FoundPrompt> _prompts = new();
    private readonly List<Send> _sends = new();

    // A local put into a list of messages ([system, question], history.Add(question)): the messages it holds go there,
    // in the place of the reference.
    private readonly List<(object Target, ILocalSymbol Local, IOperation Reference)> _placed = new();

    // Locals the block names after declaring them: a list of messages that is never named again is never sent.
    private readonly HashSet<ILocalSymbol> _referencedLocals = new(SymbolEqualityComparer.Default);

    private readonly ConstructedMessages? _constructed;
    private readonly ISymbol? _owner;

    /// <param name="sdks">The SDKs of the compilation.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <param name="constructed">What the owner's type puts into its fields while constructed, for sends of those fields; null to ignore it.</param>
    /// <param name="owner">The member whose blocks are collected.</param>
    public CallSiteCollector(SdkRecognizers sdks, CancellationToken cancellationToken, ConstructedMessages? constructed = null, ISymbol? owner = null)
    {
        _sdks = sdks;
        _cancellationToken = cancellationToken;
        _constructed = constructed;
        _owner = owner;
    }

    /// <summary>Walks the blocks and returns the messages filed under each place they end up in, without grouping them into prompts.</summary>
    public IReadOnlyDictionary<object, List<FoundMessage>> Containers(IEnumerable<IOperation> roots)
    {
        Walk(roots);
        return _containers;
    }

    /// <summary>Collects the prompts of the operation blocks of one member (a body, or initializers).</summary>
    public IReadOnlyList<FoundPrompt> Collect(IEnumerable<IOperation> roots)
    {
        Walk(roots);
        var consumed = new HashSet<object>(ValueTracking.Keys);

        // Prompts a recognizer found whole can name lists built elsewhere in the block.
        foreach (var whole in _prompts)
        {
            foreach (var key in whole.ContainerKeys)
            {
                if (_containers.TryGetValue(key, out var listed))
                {
                    whole.Messages.AddRange(listed.OrderBy(m => m.Position));
                    consumed.Add(key);
                }
            }
        }

        foreach (var send in _sends.OrderBy(s => s.Call.Syntax.SpanStart))
        {
            var prompt = PromptOf(send, consumed);
            if (prompt.Messages.Count > 0)
            {
                _prompts.Add(prompt);
            }
        }

        var constructing = _owner is not null && ConstructedMessages.IsConstruction(_owner);

        // A local put into a list that is not sent here goes with that list's prompt, not into one of its own.
        var placedInto = new HashSet<object>(_placed.Where(p => _containers.ContainsKey(p.Target)).Select(p => (object)p.Local), ValueTracking.Keys);
        foreach (var pair in _containers.Where(p => !consumed.Contains(p.Key) && !placedInto.Contains(p.Key)))
        {
            // Built and never used again (dead code, a leftover of an edit): nothing sends it.
            if (pair.Key is ILocalSymbol unused && !_referencedLocals.Contains(unused))
            {
                continue;
            }

            // A history a constructor fills for the methods that send it is part of their prompts, not one of its own.
            if (constructing && _constructed is not null && pair.Key is ISymbol member && _constructed.UsedAfterConstruction(member, _cancellationToken))
            {
                continue;
            }

            var messages = pair.Value.Concat(PlacedIn(pair.Key, consumed, 0)).OrderBy(m => m.Position).ToList();
            var prompt = new FoundPrompt(messages[0].Origin);
            prompt.Messages.AddRange(messages);
            _prompts.Add(prompt);
        }

        return _prompts.OrderBy(g => g.Anchor.Syntax.SpanStart).ToList();
    }

    private void Walk(IEnumerable<IOperation> roots)
    {
        foreach (var operation in roots.SelectMany(root => root.DescendantsAndSelf()))
        {
            _cancellationToken.ThrowIfCancellationRequested();
            switch (operation)
            {
                case IObjectCreationOperation creation when _sdks.IsOptions(creation.Type):
                    var created = OptionsFor(ValueTracking.ContainerOf(creation));
                    ReadInitializer(creation, created);
                    AddSources(creation);

                    // new CreateResponseOptions(model, items): a model passed to the options' constructor.
                    if (creation.Arguments.FirstOrDefault(a => a.Parameter?.Name == "model") is { } model)
                    {
                        created.ReadModel(model.Value, _cancellationToken);
                    }

                    break;
                case IObjectCreationOperation collection when collection.Type is INamedTypeSymbol { TypeKind: not TypeKind.Delegate } collectionType && collectionType.AllInterfaces.Any(i => i.SpecialType == SpecialType.System_Collections_IEnumerable):
                    AddSources(collection);
                    break;
                case IFieldReferenceOperation or IPropertyReferenceOperation when _constructed is not null && ValueTracking.KeyOf(operation) is ISymbol member && IsListed(operation):
                    // A message kept in a field ([System, new UserChatMessage(…)] with a static readonly SystemChatMessage System).
                    foreach (var message in _constructed.Of(member, _cancellationToken))
                    {
                        AddMessage(ValueTracking.ContainerOf(operation), message);
                    }

                    break;
                case ILocalReferenceOperation local:
                    _referencedLocals.Add(local.Local);
                    if (IsListed(local) || IsAddedTo(local))
                    {
                        _placed.Add((ValueTracking.ContainerOf(local), local.Local, local));
                    }

                    break;
                case ISimpleAssignmentOperation assignment when assignment.Target is IPropertyReferenceOperation { Instance: { } instance } property
                                                                 && instance is not IInstanceReferenceOperation:
                    if (ValueTracking.KeyOf(instance) is { } key)
                    {
                        ApplyOption(property.Property, assignment.Value, OptionsFor(key), assignment);
                    }

                    break;
            }

            _sdks.Recognize(operation, this);
        }
    }

    void ICallSiteSink.AddMessage(FoundMessage message) => AddMessage(ValueTracking.ContainerOf(message.Origin), message);

    void ICallSiteSink.AddMessageTo(IOperation receiver, FoundMessage message)
    {
        if (ValueTracking.KeyOf(receiver) is { } key)
        {
            AddMessage(key, message);
        }
    }

    void ICallSiteSink.AddPrompt(FoundPrompt prompt) => _prompts.Add(prompt);

    CallOptions? ICallSiteSink.KnownOptions(IOperation value)
        => ValueTracking.KeyOf(value) is { } key && _options.TryGetValue(key, out var known) ? known : null;

    /// <inheritdoc/>
    public void ReadInitializer(IObjectCreationOperation creation, CallOptions options)
    {
        foreach (var (property, value, origin) in ValueTracking.Initialized(creation))
        {
            ApplyOption(property, value, options, origin);
        }
    }

    void ICallSiteSink.AddMessageToOptions(IObjectCreationOperation options, FoundMessage message) => AddMessage(ValueTracking.ContainerOf(options), message);

    CallOptions ICallSiteSink.OptionsOfCall(IInvocationOperation call) => OptionsFor(call);

    private void ApplyOption(IPropertySymbol property, IOperation value, CallOptions options, IOperation origin)
        => options.Read(property, value, origin, _sdks.SendsAsInstructions(property));

    private void AddSources(IObjectCreationOperation creation)
    {
        foreach (var argument in creation.Arguments)
        {
            if (argument.Value.Type?.SpecialType != SpecialType.System_String && ValueTracking.KeyOf(argument.Value) is ISymbol source)
            {
                var target = ValueTracking.ContainerOf(creation);
                if (!_sources.TryGetValue(target, out var list))
                {
                    list = new List<object>();
                    _sources[target] = list;
                }

                list.Add(source);
            }
        }
    }

    // list.Add(message), AddRange or Insert on a local, field or property: the argument is put into that collection.
    private static bool IsAddedTo(IOperation reference)
    {
        var parent = reference.Parent is IConversionOperation conversion ? conversion.Parent : reference.Parent;
        return parent is IArgumentOperation { Parent: IInvocationOperation { TargetMethod.Name: "Add" or "AddRange" or "Insert", Instance: { } instance } }
               && ValueTracking.KeyOf(instance) is not null and not IOperation;
    }

    // Whether a reference is an element of a list of messages (an array, collection expression or collection initializer).
    private static bool IsListed(IOperation reference)
    {
        var parent = reference.Parent is IConversionOperation conversion ? conversion.Parent : reference.Parent;
        return parent is IArrayInitializerOperation
               || (parent is IArgumentOperation { Parent: IInvocationOperation { TargetMethod.Name: "Add", Instance: IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver } } })
               || (parent?.Syntax.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.CollectionExpression) ?? false)
               || (parent?.Syntax.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.ExpressionElement) ?? false);
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
}
