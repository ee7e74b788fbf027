using System.Diagnostics.Metrics;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.AI;
using PromptLint.Meter;

namespace PromptLint.Benchmarks;

/// <summary>
/// Per-call overhead of the PromptLint meter against Microsoft.Extensions.AI's <c>UseOpenTelemetry()</c>, over the same
/// no-op client, with the same metrics listener attached to both meters (as an exporter would be), in one run. The
/// last two cases set an input limit, so the meter counts input: a 12-turn conversation that grows by one new user
/// message per call, where only the new message is counted (the earlier turns are the same objects as before).
/// The "answer pending" cases put both meters on their asynchronous path, as a real provider does: the inner client
/// returns a task that is completed only after the call returned (inline, so no thread pool hop blurs the numbers).
/// </summary>
[MemoryDiagnoser]
public class MeterBenchmarks
{
    private static readonly List<ChatMessage> Messages = [new(ChatRole.System, "You are a helpful assistant."), new(ChatRole.User, "Where is my order 10023?")];
    private readonly List<ChatMessage> _conversation = new();
    private IChatClient _bare = null!;
    private IChatClient _openTelemetry = null!;
    private IChatClient _promptLint = null!;
    private IChatClient _promptLintLimited = null!;
    private IChatClient _openTelemetryPending = null!;
    private IChatClient _promptLintPending = null!;
    private IChatClient _promptLintWithOpenTelemetry = null!;
    private readonly PendingClient _pending = new();
    private ChatOptions _options = null!;
    private MeterListener _listener = null!;
    private int _turn;

    /// <summary>What the listener saw, so its callbacks do work an exporter's aggregation would.</summary>
    public static double Sum;

    [GlobalSetup]
    public void Setup()
    {
        var noop = new NoOpClient();
        _bare = noop;
        _openTelemetry = new ChatClientBuilder(noop).UseOpenTelemetry().Build();
        _promptLint = new ChatClientBuilder(noop).UsePromptLintMeter().Build();
        _promptLintLimited = new ChatClientBuilder(noop).UsePromptLintMeter(o => o.MaxInputTokens = 100_000).Build();
        _openTelemetryPending = new ChatClientBuilder(_pending).UseOpenTelemetry().Build();
        _promptLintPending = new ChatClientBuilder(_pending).UsePromptLintMeter().Build();
        _promptLintWithOpenTelemetry = new ChatClientBuilder(noop).UsePromptLintMeter().UseOpenTelemetry().Build();
        _options = new ChatOptions { ModelId = "gpt-4o", MaxOutputTokens = 100 }.ForPrompt("support.triage").ForTenant("acme");

        // Real-looking support conversation: system prompt and 11 earlier turns, kept as the same objects call to call.
        _conversation.Add(new ChatMessage(ChatRole.System, "You are the support assistant of an online shop. Answer in two sentences, cite the order number, and never promise a delivery date the tracking data does not show."));
        for (var i = 0; i < 11; i++)
        {
            _conversation.Add(new ChatMessage(i % 2 == 0 ? ChatRole.User : ChatRole.Assistant, $"Turn {i}: the parcel for order {10023 + i} left the depot in Leeds and is expected at the local hub on the next working day."));
        }

        _listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == PromptLintMetrics.DefaultMeterName || instrument.Meter.Name.Contains("Microsoft.Extensions.AI", StringComparison.Ordinal))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Sum += value);
        _listener.SetMeasurementEventCallback<int>((_, value, _, _) => Sum += value);
        _listener.SetMeasurementEventCallback<double>((_, value, _, _) => Sum += value);
        _listener.Start();
    }

    [GlobalCleanup]
    public void Cleanup() => _listener.Dispose();

    [Benchmark(Baseline = true, Description = "no-op client")]
    public Task<ChatResponse> Bare() => _bare.GetResponseAsync(Messages, _options);

    [Benchmark(Description = "UseOpenTelemetry()")]
    public Task<ChatResponse> OpenTelemetry() => _openTelemetry.GetResponseAsync(Messages, _options);

    [Benchmark(Description = "UsePromptLintMeter(), no limit")]
    public Task<ChatResponse> PromptLint() => _promptLint.GetResponseAsync(Messages, _options);

    // Issue 28 item 3: both in one pipeline, OpenTelemetry inside the meter (GenAIMetrics Auto leaves the histograms to it).
    [Benchmark(Description = "UsePromptLintMeter() + UseOpenTelemetry(), no limit")]
    public Task<ChatResponse> PromptLintWithOpenTelemetry() => _promptLintWithOpenTelemetry.GetResponseAsync(Messages, _options);

    [Benchmark(Description = "UseOpenTelemetry(), answer pending")]
    public Task<ChatResponse> OpenTelemetryPending() => _pending.Call(_openTelemetryPending, Messages, _options);

    [Benchmark(Description = "UsePromptLintMeter(), no limit, answer pending")]
    public Task<ChatResponse> PromptLintPending() => _pending.Call(_promptLintPending, Messages, _options);

    [Benchmark(Description = "UsePromptLintMeter(), input limit, 12 turns + 1 new")]
    public Task<ChatResponse> PromptLintLimitedNewTurn()
    {
        // One new user message per call (new text, new object), after the same 12 earlier turns.
        _conversation.Add(new ChatMessage(ChatRole.User, $"And where is order {20000 + _turn++}? It was due yesterday."));
        var response = _promptLintLimited.GetResponseAsync(_conversation, _options);
        _conversation.RemoveAt(_conversation.Count - 1);
        return response;
    }

    // Answers with a task that is still pending when the call returns, then completes it: continuations run inline.
    private sealed class PendingClient : IChatClient
    {
        private TaskCompletionSource<ChatResponse>? _next;

        public Task<ChatResponse> Call(IChatClient client, IEnumerable<ChatMessage> messages, ChatOptions options)
        {
            var answer = new TaskCompletionSource<ChatResponse>();
            _next = answer;
            var call = client.GetResponseAsync(messages, options);
            answer.SetResult(NoOpClient.Response);
            return call;
        }

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) => _next!.Task;

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }

    private sealed class NoOpClient : IChatClient
    {
        public static readonly ChatResponse Response = new(new ChatMessage(ChatRole.Assistant, "ok")) { Usage = new UsageDetails { InputTokenCount = 20, OutputTokenCount = 1, CachedInputTokenCount = 0 } };

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) => Task.FromResult(Response);

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
