using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.AI;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using PromptLint.Meter;

namespace PromptLint.Benchmarks;

/// <summary>
/// Issue 34, item 6: the per-call overhead as users run it, with the real OpenTelemetry SDK listening (a MeterProvider
/// with an exporter, aggregating every measurement) instead of a raw MeterListener. The exporter's interval is long, so
/// what is measured is the recording path (measurement to aggregated point), not exports.
/// </summary>
[MemoryDiagnoser]
public class MeterSdkBenchmarks
{
    private static readonly List<ChatMessage> Messages = [new(ChatRole.System, "You are a helpful assistant."), new(ChatRole.User, "Where is my order 10023?")];
    private readonly List<Metric> _exported = new();
    private IChatClient _openTelemetry = null!;
    private IChatClient _promptLint = null!;
    private ChatOptions _options = null!;
    private MeterProvider _provider = null!;

    [GlobalSetup]
    public void Setup()
    {
        _provider = Sdk.CreateMeterProviderBuilder()
            .AddMeter(PromptLintMetrics.DefaultMeterName, "Experimental.Microsoft.Extensions.AI*", "Microsoft.Extensions.AI*")
            .AddInMemoryExporter(_exported, reader => reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = 3_600_000)
            .Build()!;
        var noop = new NoOpClient();
        _openTelemetry = new ChatClientBuilder(noop).UseOpenTelemetry().Build();
        _promptLint = new ChatClientBuilder(noop).UsePromptLintMeter().Build();
        _options = new ChatOptions { ModelId = "gpt-4o", MaxOutputTokens = 100 }.ForPrompt("support.triage").ForTenant("acme");
    }

    [GlobalCleanup]
    public void Cleanup() => _provider.Dispose();

    [Benchmark(Baseline = true, Description = "UseOpenTelemetry(), OpenTelemetry SDK")]
    public Task<ChatResponse> OpenTelemetry() => _openTelemetry.GetResponseAsync(Messages, _options);

    [Benchmark(Description = "UsePromptLintMeter(), no limit, OpenTelemetry SDK")]
    public Task<ChatResponse> PromptLint() => _promptLint.GetResponseAsync(Messages, _options);

    private sealed class NoOpClient : IChatClient
    {
        private static readonly ChatResponse Response = new(new ChatMessage(ChatRole.Assistant, "ok")) { Usage = new UsageDetails { InputTokenCount = 20, OutputTokenCount = 1 } };

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) => Task.FromResult(Response);

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
