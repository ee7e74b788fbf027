using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using PromptLint.Analyzers.CSharp.Sdks;
using PromptLint.Core.Model;

namespace PromptLint.Analyzers.CSharp;

/// <summary>
/// The send calls of a block: what each call is given (messages, options, its client) and how its messages are gathered
/// from the containers they were filed under, in send order.
/// </summary>
internal sealed partial class CallSiteCollector
{
    /// <summary>A send call and what the block passes to it.</summary>
    private sealed class Send
    {
        public Send(IInvocationOperation call) => Call = call;

        public IInvocationOperation Call { get; }

        public string? CapSetting { get; set; }

        public string? NewOptionsCapProperty { get; set; }

        public List<object> MessageKeys { get; } = new();

        public FoundMessage? Direct { get; set; }

        public object? OptionsKey { get; set; }

        public IOperation? OptionsArgument { get; set; }

        public IOperation? Receiver { get; set; }
    }

    void ICallSiteSink.AddSend(IInvocationOperation invocation, string capSetting, string? newOptionsCapProperty, string? textParameter, bool receiverHoldsMessages)
    {
        var method = invocation.TargetMethod;
        var send = new Send(invocation)
        {
            CapSetting = capSetting,
            NewOptionsCapProperty = newOptionsCapProperty,
            Receiver = invocation.Instance ?? invocation.Arguments.FirstOrDefault()?.Value,
        };
        if (receiverHoldsMessages && invocation.Instance is { } instance && ValueTracking.KeyOf(instance) is { } receiverKey)
        {
            send.MessageKeys.Add(receiverKey);
        }

        send.MessageKeys.Add(invocation);
        foreach (var argument in invocation.Arguments)
        {
            var parameterType = argument.Parameter?.Type;
            if (argument.Parameter?.Ordinal == 0 && method.IsExtensionMethod)
            {
                continue;
            }

            if (parameterType?.SpecialType == SpecialType.System_String && argument.Value is not IDefaultValueOperation
                && (textParameter is null || argument.Parameter?.Name == textParameter))
            {
                send.Direct = new FoundMessage(PromptRole.User, argument.Value, invocation);
            }
            else if (_sdks.IsOptions(parameterType))
            {
                if (argument.ArgumentKind != ArgumentKind.DefaultValue && ValueTracking.Unwrap(argument.Value) is not IDefaultValueOperation and not ILiteralOperation)
                {
                    // Any options passed count as passed; whether their cap is known is decided later.
                    send.OptionsArgument = argument.Value;
                    send.OptionsKey = ValueTracking.KeyOf(argument.Value);
                }
            }
            else if (ValueTracking.KeyOf(argument.Value) is { } messagesKey)
            {
                send.MessageKeys.Add(messagesKey);
            }
        }

        _sends.Add(send);
    }

    private FoundPrompt PromptOf(Send send, HashSet<object> consumed)
    {
        var prompt = new FoundPrompt(send.Call);

        // Options built inline in the call's arguments are filed under the call itself.
        foreach (var optionsKey in new[] { send.OptionsKey, send.Call })
        {
            if (optionsKey is not null && _options.TryGetValue(optionsKey, out var options))
            {
                options.MergeInto(prompt.Options);
            }
        }

        // Options kept in a field or property: what its one write sets (its initializer, or the constructor's one
        // assignment) is known, later changes to its properties are not.
        if (send.OptionsArgument is { } optionsArgument && send.OptionsKey is ISymbol
            && ValueTracking.Unwrap(ValueTracking.MemberInitializer(ValueTracking.Unwrap(optionsArgument), _cancellationToken)
                                    ?? TextFolder.OnlyWriteOperation(ValueTracking.Unwrap(optionsArgument), _cancellationToken)
                                    ?? optionsArgument) is IObjectCreationOperation stored)
        {
            ReadInitializer(stored, prompt.Options);
        }

        prompt.Messages.AddRange(prompt.Options.Instructions);

        // Messages put into the options object passed (its input items) come after its instructions.
        if (send.OptionsKey is not null && !ValueTracking.Keys.Equals(send.OptionsKey, send.Call))
        {
            prompt.Messages.AddRange(MessagesOf(send.OptionsKey, consumed));
        }

        foreach (var key in send.MessageKeys)
        {
            // A field the type filled while it was constructed: those messages come first (a constructor's own sends have them already).
            if (_constructed is not null && key is ISymbol member && !(_owner is not null && ConstructedMessages.IsConstruction(_owner)))
            {
                prompt.Messages.AddRange(_constructed.Of(member, _cancellationToken));
            }

            prompt.Messages.AddRange(MessagesOf(key, consumed));
        }

        if (send.Direct is not null)
        {
            prompt.Messages.Add(send.Direct);
        }

        if (send.Receiver is not null)
        {
            ReadClient(send.Receiver, prompt.Options);
        }

        prompt.CapSetting = send.CapSetting;
        OutputCapPlanner.Plan(send.Call, send.OptionsArgument, send.NewOptionsCapProperty, prompt);
        return prompt;
    }

    // What the client the call goes through says, when its construction is visible (a local, or a field or property
    // initialized in the same file): the model it was created for, and a pipeline step that caps every call.
    private void ReadClient(IOperation receiver, CallOptions options)
    {
        if (ValueTracking.Source(receiver, _cancellationToken) is not { } source)
        {
            return;
        }

        foreach (var operation in source.DescendantsAndSelf())
        {
            _sdks.ReadClient(operation, options);
        }
    }

    // The messages filed under a key, after those of the containers it was made from, in source order.
    private IEnumerable<FoundMessage> MessagesOf(object key, HashSet<object> consumed, int depth = 0)
    {
        if (depth < 4 && _sources.TryGetValue(key, out var sources))
        {
            foreach (var source in sources)
            {
                if (_constructed is not null && source is ISymbol member && !(_owner is not null && ConstructedMessages.IsConstruction(_owner)))
                {
                    foreach (var message in _constructed.Of(member, _cancellationToken))
                    {
                        yield return message;
                    }
                }

                foreach (var message in MessagesOf(source, consumed, depth + 1))
                {
                    yield return message;
                }
            }
        }

        var own = _containers.TryGetValue(key, out var messages) ? messages : new List<FoundMessage>();
        if (messages is not null)
        {
            consumed.Add(key);
        }

        foreach (var message in own.Concat(PlacedIn(key, consumed, depth)).OrderBy(m => m.Position))
        {
            yield return message;
        }
    }

    // The messages of each local put into a container, as if written where the local is named.
    private List<FoundMessage> PlacedIn(object key, HashSet<object> consumed, int depth)
    {
        var placed = new List<FoundMessage>();
        foreach (var (target, local, reference) in _placed)
        {
            if (depth < 4 && ValueTracking.Keys.Equals(target, key) && !ValueTracking.Keys.Equals(local, key) && _containers.ContainsKey(local))
            {
                placed.AddRange(MessagesOf(local, consumed, depth + 1).Select(m => new FoundMessage(m.Role, m.Text, reference, m.Flavor)));
            }
        }

        return placed;
    }
}
