using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using PromptLint.Credentials;

namespace PromptLint.Meter;

/// <summary>
/// An optional guard in the chat pipeline: a call whose messages or instructions carry a known credential shape (the
/// table PL0021 uses at build time) is redacted or refused before it reaches the provider, where prompts are logged.
/// Off unless <see cref="CredentialGuardOptions.Mode"/> says otherwise. When it fires it adds one to the counter
/// <c>promptlint.credential_guard.calls</c> (attribute <c>promptlint.credential_guard.action</c> = <c>redacted</c> or
/// <c>refused</c>); it never logs or records a credential's value.
/// </summary>
public sealed class CredentialGuardChatClient : DelegatingChatClient
{
    /// <summary>The counter's name.</summary>
    public const string CounterName = "promptlint.credential_guard.calls";

    private readonly CredentialGuardOptions _options;
    private readonly System.Diagnostics.Metrics.Meter _meter;
    private readonly Counter<long> _fired;

    /// <summary>Creates the guard over <paramref name="innerClient"/>.</summary>
    public CredentialGuardChatClient(IChatClient innerClient, CredentialGuardOptions? options = null)
        : base(innerClient)
    {
        _options = options ?? new CredentialGuardOptions();
        _meter = new System.Diagnostics.Metrics.Meter(_options.MeterName);
        _fired = _meter.CreateCounter<long>(CounterName, "{call}", "Calls whose input carried a credential, by what the guard did: redacted or refused.");
    }

    /// <inheritdoc />
    public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var (guarded, guardedOptions) = Guard(messages, options);
        return base.GetResponseAsync(guarded, guardedOptions, cancellationToken);
    }

    /// <inheritdoc />
    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        // Checked when the call is made, not when the stream is first read: a refused call never starts.
        var (guarded, guardedOptions) = Guard(messages, options);
        return base.GetStreamingResponseAsync(guarded, guardedOptions, cancellationToken);
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _meter.Dispose();
        }

        base.Dispose(disposing);
    }

    private (IEnumerable<ChatMessage> Messages, ChatOptions? Options) Guard(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        if (_options.Mode == CredentialGuardMode.Off)
        {
            return (messages, options);
        }

        var list = messages as IList<ChatMessage> ?? messages.ToList();
        var kinds = new List<string>();
        foreach (var message in list)
        {
            foreach (var content in message.Contents)
            {
                if (content is TextContent text && !string.IsNullOrEmpty(text.Text))
                {
                    kinds.AddRange(CredentialShapes.Find(text.Text).Select(f => f.Kind));
                }
            }
        }

        if (options?.Instructions is { Length: > 0 } instructions)
        {
            kinds.AddRange(CredentialShapes.Find(instructions).Select(f => f.Kind));
        }

        if (kinds.Count == 0)
        {
            return (list, options);
        }

        if (_options.Mode == CredentialGuardMode.Refuse)
        {
            Count("refused");
            throw new CredentialInPromptException(kinds);
        }

        Count("redacted");
        return (list.Select(Redacted).ToList(), RedactedOptions(options));
    }

    private void Count(string action)
    {
        try
        {
            _fired.Add(1, new KeyValuePair<string, object?>("promptlint.credential_guard.action", action));
        }
        catch (Exception)
        {
            // A failing listener never fails the call.
        }
    }

    // A copy with its text redacted: the caller's messages (often its conversation history) are never changed.
    private static ChatMessage Redacted(ChatMessage message)
    {
        var changed = false;
        var contents = new List<AIContent>(message.Contents.Count);
        foreach (var content in message.Contents)
        {
            if (content is TextContent text && !string.IsNullOrEmpty(text.Text))
            {
                var redacted = CredentialShapes.Redact(text.Text, out var kinds);
                if (kinds.Count > 0)
                {
                    changed = true;
                    contents.Add(new TextContent(redacted) { AdditionalProperties = text.AdditionalProperties, Annotations = text.Annotations });
                    continue;
                }
            }

            contents.Add(content);
        }

        if (!changed)
        {
            return message;
        }

        var copy = message.Clone();
        copy.Contents = contents;
        return copy;
    }

    private static ChatOptions? RedactedOptions(ChatOptions? options)
    {
        if (options?.Instructions is not { Length: > 0 } instructions)
        {
            return options;
        }

        var redacted = CredentialShapes.Redact(instructions, out var kinds);
        if (kinds.Count == 0)
        {
            return options;
        }

        var copy = options.Clone();
        copy.Instructions = redacted;
        return copy;
    }
}

/// <summary>Adds the credential guard to a chat pipeline.</summary>
public static class CredentialGuardChatClientBuilderExtensions
{
    /// <summary>
    /// <c>builder.UseCredentialGuard(o => o.Mode = CredentialGuardMode.Redact)</c>: redact or refuse calls whose input
    /// carries a credential. Off unless a mode is set (so it can be switched on from configuration).
    /// </summary>
    public static ChatClientBuilder UseCredentialGuard(this ChatClientBuilder builder, Action<CredentialGuardOptions>? configure = null)
    {
        if (builder is null)
        {
            throw new ArgumentNullException(nameof(builder));
        }

        var options = new CredentialGuardOptions();
        configure?.Invoke(options);
        return builder.Use(inner => new CredentialGuardChatClient(inner, options));
    }
}
