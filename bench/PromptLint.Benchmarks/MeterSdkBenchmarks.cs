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
/// <para>
/// Issue 28 item 3 and issue 34 item 6: also the meter next to <c>UseOpenTelemetry()</c> (inside it, <c>GenAIMetrics</c>
/// Auto; outside it, <c>LeaveToOpenTelemetry</c>) and the metering part alone. <see cref="Endpoint"/> true gives the inner
/// client the metadata a provider adapter has (provider name and endpoint URI), so both meters add
/// <c>server.address</c> and <c>server.port</c>, as they do with the real OpenAI adapter: the meter's GenAI measurements
/// then carry more than the 8 tags the SDK keeps buffers for.
/// </para>
/// </summary>
[MemoryDiagnoser]
public class MeterSdkBenchmarks
{
    private static readonly List<ChatMessage> Messages = [new(ChatRole.System, "You are a helpful assistant."), new(ChatRole.User, "Where is my order 10023?")];
    private readonly List<Metric> _exported = new();
    private IChatClient _openTelemetry = null!;
    private IChatClient _promptLint = null!;
    private IChatClient _metering = null!;
    private IChatClient _meterWithOpenTelemetryInside = null!;
    private IChatClient _openTelemetryOutsideMeter = null!;
    private ChatOptions _options = null!;
    private MeterProvider _provider = null!;

    [GlobalSetup]
    public void Setup()
    {
        _provider = Sdk.CreateMeterProviderBuilder()
            .AddMeter(PromptLintMetrics.DefaultMeterName, "Experimental.Microsoft.Extensions.AI*", "Microsoft.Extensions.AI*")
            .AddInMemoryExporter(_exported, reader => reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = 3_600_000)
            .Build()!;
        var noop = new NoOpClient(Endpoint ? new ChatClientMetadata("openai", new Uri("https://api.openai.com/v1"), "gpt-4o") : null);
        _openTelemetry = new ChatClientBuilder(noop).UseOpenTelemetry().Build();
        _promptLint = new ChatClientBuilder(noop).UsePromptLintMeter().Build();
        _metering = new ChatClientBuilder(noop).UsePromptLintMetering().Build();
        _meterWithOpenTelemetryInside = new ChatClientBuilder(noop).UsePromptLintMeter().UseOpenTelemetry().Build();
        _openTelemetryOutsideMeter = new ChatClientBuilder(noop).UseOpenTelemetry().UsePromptLintMeter(o => o.GenAIMetrics = GenAIMetricsMode.LeaveToOpenTelemetry).Build();
        _options = new ChatOptions { ModelId = "gpt-4o", MaxOutputTokens = 100 }.ForPrompt("support.triage").ForTenant("acme");
    }

    /// <summary>Whether the inner client says its provider and endpoint, as provider adapters do.</summary>
    [Params(false, true)]
    public bool Endpoint { get; set; }

    [GlobalCleanup]
    public void Cleanup() => _provider.Dispose();

    [Benchmark(Baseline = true, Description = "UseOpenTelemetry(), OpenTelemetry SDK")]
    public Task<ChatResponse> OpenTelemetry() => _openTelemetry.GetResponseAsync(Messages, _options);

    [Benchmark(Description = "UsePromptLintMeter(), no limit, OpenTelemetry SDK")]
    public Task<ChatResponse> PromptLint() => _promptLint.GetResponseAsync(Messages, _options);

    [Benchmark(Description = "UsePromptLintMetering() alone, OpenTelemetry SDK")]
    public Task<ChatResponse> Metering() => _metering.GetResponseAsync(Messages, _options);

    [Benchmark(Description = "UsePromptLintMeter() + UseOpenTelemetry() inside (Auto), OpenTelemetry SDK")]
    public Task<ChatResponse> MeterWithOpenTelemetryInside() => _meterWithOpenTelemetryInside.GetResponseAsync(Messages, _options);

    [Benchmark(Description = "UseOpenTelemetry() + UsePromptLintMeter(LeaveToOpenTelemetry), OpenTelemetry SDK")]
    public Task<ChatResponse> OpenTelemetryOutsideMeter() => _openTelemetryOutsideMeter.GetResponseAsync(Messages, _options);

    private sealed class NoOpClient(ChatClientMetadata? metadata) : IChatClient
    {
        private static readonly ChatResponse Response = new(new ChatMessage(ChatRole.Assistant, "ok")) { Usage = new UsageDetails { InputTokenCount = 20, OutputTokenCount = 1 } };

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) => Task.FromResult(Response);

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => serviceType == typeof(ChatClientMetadata) ? metadata : null;

        public void Dispose()
        {
        }
    }
}
