using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Time.Testing;

namespace PromptLint.Meter.Tests;

/// <summary>
/// The OpenTelemetry GenAI conventions as Microsoft.Extensions.AI's <c>UseOpenTelemetry()</c> follows them: duration and
/// time to first chunk in seconds, server.address/server.port, error.type; bounded models; dimension names that cannot
/// corrupt the meter's own tags; a throwing listener that cannot take the other measurements down with it.
/// </summary>
public sealed class TelemetryTests : IDisposable
{
    private static readonly Uri Endpoint = new("https://llm.contoso.example:8443/v1");

    private readonly string _meterName = "PromptLint.Telemetry." + Guid.NewGuid().ToString("N");
    private readonly PromptLintMetrics _metrics;
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero));

    public TelemetryTests() => _metrics = new PromptLintMetrics(_meterName, maxDistinctValuesPerDimension: 3);

    public void Dispose() => _metrics.Dispose();

    private PromptLintChatClient Client(TimedClient inner, Action<PromptLintMeterOptions>? configure = null)
    {
        var options = new PromptLintMeterOptions { TimeProvider = _clock, MeterName = _meterName };
        configure?.Invoke(options);
        return new PromptLintChatClient(inner, options, _metrics);
    }

    private MetricCollector<T> Collect<T>(string instrument)
        where T : struct
        => new(null, _meterName, instrument);

    [Fact]
    public async Task Call_RecordsOperationDurationInSeconds_WithServerAddressAndPort()
    {
        using var duration = Collect<double>("gen_ai.client.operation.duration");
        using var usage = Collect<long>("gen_ai.client.token.usage");

        await Client(new TimedClient(_clock) { Takes = TimeSpan.FromMilliseconds(1500) }).GetResponseAsync("Hi", new ChatOptions { ModelId = "gpt-4o" }.ForTenant("acme"));

        var measurement = Assert.Single(duration.GetMeasurementSnapshot());
        Assert.Equal(1.5, measurement.Value);
        Assert.Equal("chat", measurement.Tags["gen_ai.operation.name"]);
        Assert.Equal("contoso", measurement.Tags["gen_ai.provider.name"]);
        Assert.Equal("gpt-4o", measurement.Tags["gen_ai.request.model"]);
        Assert.Equal("gpt-4o-2024-08-06", measurement.Tags["gen_ai.response.model"]);
        Assert.Equal("llm.contoso.example", measurement.Tags["server.address"]);
        Assert.Equal(8443, measurement.Tags["server.port"]);
        Assert.False(measurement.Tags.ContainsKey("promptlint.tenant")); // the GenAI convention's tags only, by default
        Assert.False(measurement.Tags.ContainsKey("error.type"));
        Assert.All(usage.GetMeasurementSnapshot(), m => Assert.Equal("llm.contoso.example", m.Tags["server.address"]));
    }

    [Fact]
    public async Task FailedCall_RecordsDurationWithErrorType_AndNoTokensOrCost()
    {
        using var duration = Collect<double>("gen_ai.client.operation.duration");
        using var usage = Collect<long>("gen_ai.client.token.usage");
        using var cost = Collect<double>("promptlint.cost");

        await Assert.ThrowsAsync<HttpRequestException>(() => Client(new TimedClient(_clock) { Takes = TimeSpan.FromSeconds(2), Failure = new HttpRequestException("502") }).GetResponseAsync("Hi"));

        var measurement = Assert.Single(duration.GetMeasurementSnapshot());
        Assert.Equal(2, measurement.Value);
        Assert.Equal("System.Net.Http.HttpRequestException", measurement.Tags["error.type"]);
        Assert.Empty(usage.GetMeasurementSnapshot());
        Assert.Empty(cost.Totals());
    }

    [Fact]
    public async Task Stream_RecordsTimeToFirstChunkAndDuration()
    {
        using var duration = Collect<double>("gen_ai.client.operation.duration");
        using var firstChunk = Collect<double>("gen_ai.client.operation.time_to_first_chunk");
        var inner = new TimedClient(_clock) { Takes = TimeSpan.FromMilliseconds(250), ThenTakes = TimeSpan.FromSeconds(1) };

        await foreach (var _ in Client(inner).GetStreamingResponseAsync("Hi"))
        {
        }

        Assert.Equal(0.25, Assert.Single(firstChunk.GetMeasurementSnapshot()).Value);
        Assert.Equal(1.25, Assert.Single(duration.GetMeasurementSnapshot()).Value);
    }

    [Fact]
    public async Task ModelIds_AreBoundedLikeTheOtherDimensions()
    {
        // Regression: 500 model ids made 500 series while prompt, route and tenant were capped.
        using var usage = Collect<long>("gen_ai.client.token.usage");
        using var requests = Collect<double>("gen_ai.client.operation.duration");
        var client = Client(new TimedClient(_clock) { EchoModel = true });

        for (var i = 0; i < 10; i++)
        {
            await client.GetResponseAsync("Hi", new ChatOptions { ModelId = $"ft:gpt-4o:contoso:run-{i}" });
        }

        var models = usage.GetMeasurementSnapshot().SelectMany(m => new[] { m.Tags["gen_ai.request.model"], m.Tags["gen_ai.response.model"] })
            .Concat(requests.GetMeasurementSnapshot().Select(m => m.Tags["gen_ai.request.model"])).Distinct().ToList();
        Assert.Equal(4, models.Count);
        Assert.Contains("other", models);
    }

    [Theory]
    [InlineData("tenant")]
    [InlineData("Tenant")]
    [InlineData("outcome")]
    [InlineData("token.type")]
    [InlineData("token_type")]
    [InlineData("prompt-id")]
    [InlineData("route")]
    public void CustomDimensionNamedLikeABuiltInTag_IsRefusedWhenTheMeterIsBuilt(string name)
    {
        var error = Assert.Throws<ArgumentException>(() => Client(new TimedClient(_clock), o => o.Dimensions.Add(name)));
        Assert.Contains($"'{name}'", error.Message);

        // Also through the builder, at configuration, before any client is built.
        Assert.Throws<ArgumentException>(() => new ChatClientBuilder(new TimedClient(_clock)).UsePromptLintMeter(o => o.Dimensions.Add(name)));
    }

    [Fact]
    public void CustomDimensionsThatBecomeTheSameLabel_AreRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => Client(new TimedClient(_clock), o =>
        {
            o.Dimensions.Add("plan.tier");
            o.Dimensions.Add("plan_tier");
        }));
        Assert.Contains("promptlint_plan_tier", error.Message);
    }

    [Fact]
    public async Task ThrowingListener_DoesNotSuppressTheMeasurementsOfAListenerTheRuntimeCallsBeforeIt()
    {
        // Regression: one throwing listener silenced every later instrument of the call for every listener.
        using var usage = Collect<long>("gen_ai.client.token.usage");
        using var tokens = Collect<long>("promptlint.tokens");
        using var cost = Collect<double>("promptlint.cost");
        using var duration = Collect<double>("gen_ai.client.operation.duration");
        using var throwing = new MeterListener();
        throwing.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == _meterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        throwing.SetMeasurementEventCallback<long>((_, _, _, _) => throw new InvalidOperationException("exporter down"));
        throwing.SetMeasurementEventCallback<double>((_, _, _, _) => throw new InvalidOperationException("exporter down"));
        throwing.Start();

        var response = await Client(new TimedClient(_clock)).GetResponseAsync("Hi", new ChatOptions { ModelId = "gpt-4o" });

        Assert.Equal("ok", response.Text);
        Assert.Equal(2, usage.GetMeasurementSnapshot().Count);
        Assert.Equal(4, tokens.Totals().Count); // input, output, cached_input and reasoning
        Assert.Single(cost.Totals());
        Assert.Single(duration.GetMeasurementSnapshot());
    }

    // Takes its time on the fake clock: Takes before the answer (or the first chunk), ThenTakes before the stream ends.
    private sealed class TimedClient(FakeTimeProvider clock) : IChatClient
    {
        public TimeSpan Takes { get; init; }

        public TimeSpan ThenTakes { get; init; }

        public Exception? Failure { get; init; }

        public bool EchoModel { get; init; }

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            clock.Advance(Takes);
            return Failure is not null
                ? Task.FromException<ChatResponse>(Failure)
                : Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "ok"))
                {
                    ModelId = EchoModel ? options?.ModelId : "gpt-4o-2024-08-06",
                    Usage = new UsageDetails { InputTokenCount = 10, OutputTokenCount = 2, CachedInputTokenCount = 4, ReasoningTokenCount = 1 },
                });
        }

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            clock.Advance(Takes);
            yield return new ChatResponseUpdate(ChatRole.Assistant, "o") { ModelId = "gpt-4o-2024-08-06" };
            clock.Advance(ThenTakes);
            yield return new ChatResponseUpdate(ChatRole.Assistant, "k");
            yield return new ChatResponseUpdate { Contents = [new UsageContent(new UsageDetails { InputTokenCount = 10, OutputTokenCount = 2 })] };
        }

        public object? GetService(Type serviceType, object? serviceKey = null)
            => serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata("contoso", Endpoint, "gpt-4o") : null;

        public void Dispose()
        {
        }
    }
}
