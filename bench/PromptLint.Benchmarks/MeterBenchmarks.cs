using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.AI;
using PromptLint.Meter;

namespace PromptLint.Benchmarks;

/// <summary>Per-call overhead of the PromptLint meter against Microsoft.Extensions.AI's OpenTelemetryChatClient, over the same no-op client.</summary>
[MemoryDiagnoser]
public class MeterBenchmarks
{
    private static readonly List<ChatMessage> Messages = [new(ChatRole.System, "You are a helpful assistant."), new(ChatRole.User, "Where is my order 10023?")];
    private IChatClient _bare = null!;
    private IChatClient _openTelemetry = null!;
    private IChatClient _promptLint = null!;
    private ChatOptions _options = null!;

    [GlobalSetup]
    public void Setup()
    {
        var noop = new NoOpClient();
        _bare = noop;
        _openTelemetry = new ChatClientBuilder(noop).UseOpenTelemetry().Build();
        _promptLint = new ChatClientBuilder(noop).UsePromptLintMeter().Build();
        _options = new ChatOptions { ModelId = "gpt-4o", MaxOutputTokens = 100 }.ForPrompt("support.triage").ForTenant("acme");
    }

    [Benchmark(Baseline = true, Description = "no-op client")]
    public Task<ChatResponse> Bare() => _bare.GetResponseAsync(Messages, _options);

    [Benchmark(Description = "OpenTelemetryChatClient")]
    public Task<ChatResponse> OpenTelemetry() => _openTelemetry.GetResponseAsync(Messages, _options);

    [Benchmark(Description = "PromptLint meter")]
    public Task<ChatResponse> PromptLint() => _promptLint.GetResponseAsync(Messages, _options);

    private sealed class NoOpClient : IChatClient
    {
        private static readonly ChatResponse Response = new(new ChatMessage(ChatRole.Assistant, "ok")) { Usage = new UsageDetails { InputTokenCount = 20, OutputTokenCount = 1, CachedInputTokenCount = 0 } };

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) => Task.FromResult(Response);

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
