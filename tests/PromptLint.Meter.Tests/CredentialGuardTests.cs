using Microsoft.Extensions.AI;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using PromptLint.Meter;
using PromptLint.Tests.Credentials;

namespace PromptLint.Meter.Tests;

/// <summary>The optional credential guard: off by default, redacts or refuses, counts once per call, never leaks the value.</summary>
public sealed class CredentialGuardTests
{
    private readonly string _meterName = "PromptLint.Test." + Guid.NewGuid().ToString("N");

    private static readonly (string Kind, string Text, string Secret, string NearMiss) Storage = FakeCredentials.All().Single(c => c.Kind == "Azure Storage account key");

    private static readonly (string Kind, string Text, string Secret, string NearMiss) Jwt = FakeCredentials.All().Single(c => c.Kind == "JWT");

    private IChatClient Guard(CapturingClient inner, CredentialGuardMode mode)
        => new ChatClientBuilder(inner).UseCredentialGuard(o => { o.Mode = mode; o.MeterName = _meterName; }).Build();

    private MetricCollector<long> Counter() => new(null, _meterName, CredentialGuardChatClient.CounterName);

    [Fact]
    public async Task ByDefault_ACallWithACredentialPassesUnchanged_AndNothingIsCounted()
    {
        using var counter = Counter();
        var inner = new CapturingClient();
        var client = new ChatClientBuilder(inner).UseCredentialGuard(o => o.MeterName = _meterName).Build();

        await client.GetResponseAsync(new[] { new ChatMessage(ChatRole.User, Storage.Text) });

        Assert.Equal(Storage.Text, Assert.Single(inner.Sent!).Text);
        Assert.Empty(counter.GetMeasurementSnapshot());
    }

    [Fact]
    public async Task Redact_SendsTheMessageWithTheKindInPlaceOfTheValue_LeavesTheCallersMessageAlone_AndCountsOnce()
    {
        using var counter = Counter();
        var inner = new CapturingClient();
        var original = new ChatMessage(ChatRole.User, "Summarize: " + Storage.Text + " and " + Jwt.Text);

        await Guard(inner, CredentialGuardMode.Redact).GetResponseAsync(new[] { new ChatMessage(ChatRole.System, "You are terse."), original });

        var sent = inner.Sent![1].Text;
        Assert.DoesNotContain(Storage.Secret, sent, StringComparison.Ordinal);
        Assert.DoesNotContain(Jwt.Secret, sent, StringComparison.Ordinal);
        Assert.Contains("AccountKey=[REDACTED Azure Storage account key];", sent, StringComparison.Ordinal);
        Assert.Contains("[REDACTED JWT]", sent, StringComparison.Ordinal);
        Assert.Equal("You are terse.", inner.Sent[0].Text);
        Assert.Contains(Storage.Secret, original.Text, StringComparison.Ordinal);
        var measurement = Assert.Single(counter.GetMeasurementSnapshot());
        Assert.Equal(1, measurement.Value);
        Assert.Equal("redacted", measurement.Tags["promptlint.credential_guard.action"]);
    }

    [Fact]
    public async Task Redact_AlsoRedactsTheInstructions()
    {
        var inner = new CapturingClient();

        await Guard(inner, CredentialGuardMode.Redact).GetResponseAsync(new[] { new ChatMessage(ChatRole.User, "hi") }, new ChatOptions { Instructions = "Use " + Jwt.Text });

        Assert.DoesNotContain(Jwt.Secret, inner.Options!.Instructions, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refuse_DoesNotSendTheCall_AndTheExceptionNamesTheKindNotTheValue()
    {
        using var counter = Counter();
        var inner = new CapturingClient();

        var refused = await Assert.ThrowsAsync<CredentialInPromptException>(() => Guard(inner, CredentialGuardMode.Refuse).GetResponseAsync(new[] { new ChatMessage(ChatRole.User, Storage.Text) }));

        Assert.Null(inner.Sent);
        Assert.Equal(new[] { Storage.Kind }, refused.Kinds);
        Assert.DoesNotContain(Storage.Secret, refused.Message, StringComparison.Ordinal);
        Assert.Contains("revoke it", refused.Message, StringComparison.Ordinal);
        Assert.Equal("refused", Assert.Single(counter.GetMeasurementSnapshot()).Tags["promptlint.credential_guard.action"]);
    }

    [Fact]
    public void Refuse_AStreamingCallIsRefusedBeforeItStarts()
    {
        var inner = new CapturingClient();

        Assert.Throws<CredentialInPromptException>(() => Guard(inner, CredentialGuardMode.Refuse).GetStreamingResponseAsync(new[] { new ChatMessage(ChatRole.User, Jwt.Text) }));
        Assert.Null(inner.Sent);
    }

    [Fact]
    public async Task NearMisses_PassUnchanged_AndAreNotCounted()
    {
        using var counter = Counter();
        var inner = new CapturingClient();
        var text = string.Join("\n", FakeCredentials.All().Select(c => c.NearMiss));

        await Guard(inner, CredentialGuardMode.Refuse).GetResponseAsync(new[] { new ChatMessage(ChatRole.User, text) });

        Assert.Equal(text, Assert.Single(inner.Sent!).Text);
        Assert.Empty(counter.GetMeasurementSnapshot());
    }

    private sealed class CapturingClient : IChatClient
    {
        public List<ChatMessage>? Sent { get; private set; }

        public ChatOptions? Options { get; private set; }

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            Sent = messages.ToList();
            Options = options;
            return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "ok")));
        }

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            Sent = messages.ToList();
            await Task.Yield();
            yield return new ChatResponseUpdate(ChatRole.Assistant, "ok");
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
