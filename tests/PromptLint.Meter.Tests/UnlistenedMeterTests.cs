using Microsoft.Extensions.AI;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace PromptLint.Meter.Tests;

/// <summary>
/// Issue 34: with nothing listening to the meter and no budgets or quotas around it, the metering part hands the call on
/// as it came and does no work of its own (no clock reads, no copy of the messages, no usage read).
/// </summary>
public sealed class UnlistenedMeterTests
{
    private readonly string _meterName = "PromptLint.Unlistened." + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task NothingListening_TheCallIsHandedOnAsItCame_AndTheClockIsNeverRead()
    {
        var clock = new CountingClock();
        var inner = new CapturingClient();
        using var client = new ChatClientBuilder(inner).UsePromptLintMetering(o =>
        {
            o.MeterName = _meterName;
            o.TimeProvider = clock;
        }).Build();
        IEnumerable<ChatMessage> messages = new[] { "Where is my order?" }.Select(text => new ChatMessage(ChatRole.User, text));

        await client.GetResponseAsync(messages, new ChatOptions { ModelId = "gpt-4o" }.ForPrompt("support.triage"));

        // Regression: every call was timed and its messages copied to a list, for instruments no one listened to.
        Assert.Same(messages, inner.Received);
        Assert.Equal(0, clock.Reads);
    }

    [Fact]
    public async Task SomethingListening_TheCallIsTimedAndRecorded()
    {
        var clock = new CountingClock();
        using var duration = new MetricCollector<double>(null, _meterName, "gen_ai.client.operation.duration");
        using var client = new ChatClientBuilder(new CapturingClient()).UsePromptLintMetering(o =>
        {
            o.MeterName = _meterName;
            o.TimeProvider = clock;
        }).Build();

        await client.GetResponseAsync("Where is my order?", new ChatOptions { ModelId = "gpt-4o" }.ForPrompt("support.triage"));

        Assert.Single(duration.GetMeasurementSnapshot());
        Assert.True(clock.Reads >= 2, $"The clock was read {clock.Reads} times.");
    }

    private sealed class CountingClock : TimeProvider
    {
        private int _reads;

        public int Reads => Volatile.Read(ref _reads);

        public override long GetTimestamp()
        {
            Interlocked.Increment(ref _reads);
            return base.GetTimestamp();
        }
    }

    private sealed class CapturingClient : IChatClient
    {
        public IEnumerable<ChatMessage>? Received { get; private set; }

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            Received = messages;
            return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "ok")) { Usage = new UsageDetails { InputTokenCount = 12, OutputTokenCount = 1 } });
        }

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
