using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using PromptLint.Meter.Quotas;
using static PromptLint.Meter.Tests.FailurePathTests;

namespace PromptLint.Meter.Tests;

/// <summary>
/// Issue 28, item 3: budgets, quotas and metering as three middlewares, each usable alone and in any order, and the
/// one-line composition (budgets, then quotas, then metering) settling each reservation once with what metering measured.
/// </summary>
public sealed class MeterPartsTests
{
    private readonly string _meterName = "PromptLint.Parts." + Guid.NewGuid().ToString("N");
    private readonly string _otelSource = "PromptLint.Tests.Parts.OTel." + Guid.NewGuid().ToString("N");

    private static readonly UsageDetails Usage = new() { InputTokenCount = 120, OutputTokenCount = 7 };

    private static ChatOptions Acme() => new ChatOptions { ModelId = "gpt-4o-mini" }.ForTenant("acme").ForPrompt("faq.answer");

    // Quotas reserve the call's output cap (the model's maximum, 16,384 here, when the call has none).
    private static ChatOptions AcmeCapped() => new ChatOptions { ModelId = "gpt-4o-mini", MaxOutputTokens = 10 }.ForTenant("acme").ForPrompt("faq.answer");

    [Fact]
    public async Task BudgetsAlone_RefusesInputOverItsLimit_CapsOutputOnACopy_AndRecordsNoUsage()
    {
        using var rejections = new MetricCollector<long>(null, _meterName, "promptlint.rejections");
        using var usage = new MetricCollector<long>(null, _meterName, "gen_ai.client.token.usage");
        var inner = new MeterTests.ScriptedClient { Usage = Usage };
        using var client = new ChatClientBuilder(inner).UsePromptLintBudgets(o => { o.MeterName = _meterName; o.MaxInputTokens = 20; o.MaxOutputTokens = 50; }).Build();

        var refused = await Assert.ThrowsAsync<PromptBudgetExceededException>(() => client.GetResponseAsync(string.Join(" ", Enumerable.Repeat("parcel", 40)), Acme()));
        var options = Acme();
        await client.GetResponseAsync("Where is my parcel?", options);

        Assert.Equal(20, refused.Limit);
        Assert.Equal("input_budget", Assert.Single(rejections.GetMeasurementSnapshot()).Tags["promptlint.reason"]);
        Assert.Equal(50, inner.LastOptions!.MaxOutputTokens);
        Assert.Null(options.MaxOutputTokens);
        Assert.Equal(1, inner.Calls);
        Assert.Empty(usage.GetMeasurementSnapshot());
        Assert.NotNull(client.GetService<PromptLintBudgetChatClient>());
        Assert.Null(client.GetService<PromptLintMeteringChatClient>());
    }

    [Fact]
    public async Task QuotasAlone_SettleWithTheProviderUsage_RefusePastTheQuota_AndTakeStoreAndClockFromServices()
    {
        var store = new LedgerStore(new InMemoryQuotaStore());
        var clock = new FrozenWallClock(new DateTimeOffset(2026, 12, 7, 13, 0, 0, TimeSpan.Zero));
        var services = new ServiceCollection().AddSingleton<IQuotaStore>(store).AddSingleton<TimeProvider>(clock);
        services.AddChatClient(new QuotaTests.FailingClient()).UsePromptLintQuotas(o => { o.MeterName = _meterName; o.TenantTokenQuota = 100; });
        using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<IChatClient>();
        using var usage = new MetricCollector<long>(null, _meterName, "gen_ai.client.token.usage");

        var admitted = 0;
        for (var i = 0; i < 15; i++)
        {
            try
            {
                await client.GetResponseAsync("Hi", QuotaTests.Call.Clone().ForTenant("acme"));
                admitted++;
            }
            catch (QuotaExceededException)
            {
            }
        }

        // Each call reserves 1 + 9 and uses 1 + 9 (FailingClient's usage): ten fit in 100.
        Assert.Equal(10, admitted);
        store.AssertEverySettledOnce();
        Assert.Same(store, client.GetService<IQuotaStore>());
        var quotas = client.GetService<PromptLintQuotaChatClient>()!;
        var used = await quotas.GetUsageAsync("acme");
        Assert.Equal(100, used.TokensUsed);
        Assert.Equal(new DateTimeOffset(2026, 12, 7, 14, 0, 0, TimeSpan.Zero), used.ResetsAt);
        Assert.Empty(usage.GetMeasurementSnapshot());
    }

    [Fact]
    public async Task MeteringAlone_WithUseOpenTelemetryInside_GenAIRecordedOnce_TokensStayAttributed()
    {
        using var meterUsage = new MetricCollector<long>(null, _meterName, "gen_ai.client.token.usage");
        using var otelUsage = new MetricCollector<int>(null, _otelSource, "gen_ai.client.token.usage");
        using var tokens = new MetricCollector<long>(null, _meterName, "promptlint.tokens");
        using var client = new ChatClientBuilder(new MeterTests.ScriptedClient { Usage = Usage })
            .UsePromptLintMetering(o => o.MeterName = _meterName)
            .UseOpenTelemetry(sourceName: _otelSource)
            .Build();

        await client.GetResponseAsync("Where is my parcel?", Acme());

        Assert.Empty(meterUsage.GetMeasurementSnapshot());
        Assert.Equal(new[] { 7, 120 }, otelUsage.GetMeasurementSnapshot().Select(m => m.Value).Order());
        var byType = tokens.Totals().ToDictionary(m => (string)m.Tags["promptlint.token.type"]!, m => m);
        Assert.Equal(120, byType["input"].Value);
        Assert.Equal("acme", byType["input"].Tags["promptlint.tenant"]);
        Assert.False(client.GetService<PromptLintMeteringChatClient>()!.RecordsGenAIMetrics);
        Assert.Null(client.GetService<PromptLintQuotaChatClient>());
    }

    [Fact]
    public async Task MeteringAlone_WithUseOpenTelemetryOutside_LeaveToOpenTelemetry_GenAIRecordedOnce()
    {
        using var meterUsage = new MetricCollector<long>(null, _meterName, "gen_ai.client.token.usage");
        using var otelUsage = new MetricCollector<int>(null, _otelSource, "gen_ai.client.token.usage");
        using var client = new ChatClientBuilder(new MeterTests.ScriptedClient { Usage = Usage })
            .UseOpenTelemetry(sourceName: _otelSource)
            .UsePromptLintMetering(o => { o.MeterName = _meterName; o.GenAIMetrics = GenAIMetricsMode.LeaveToOpenTelemetry; })
            .Build();

        await client.GetResponseAsync("Where is my parcel?", Acme());

        Assert.Empty(meterUsage.GetMeasurementSnapshot());
        Assert.Equal(2, otelUsage.GetMeasurementSnapshot().Count);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Composition_StreamWithoutReportedUsage_IsSettledOnce_WithTheTokensMeteringRecorded(bool openTelemetryBetween)
    {
        // Metering estimates this stream (no usage from the provider); quotas must charge the same estimate, not one of its own.
        var store = new LedgerStore(new InMemoryQuotaStore());
        using var usage = new MetricCollector<long>(null, _meterName, "gen_ai.client.token.usage");
        var builder = new ChatClientBuilder(new MeterTests.ScriptedClient())
            .UsePromptLintBudgets(o => { o.MeterName = _meterName; o.MaxInputTokens = 1_000; o.MaxOutputTokens = 64; })
            .UsePromptLintQuotas(o => { o.MeterName = _meterName; o.TenantTokenQuota = 10_000; o.QuotaStore = store; });
        if (openTelemetryBetween)
        {
            builder.UseOpenTelemetry(sourceName: _otelSource);
        }

        using var client = builder.UsePromptLintMetering(o => { o.MeterName = _meterName; o.GenAIMetrics = GenAIMetricsMode.Record; }).Build();

        await foreach (var _ in client.GetStreamingResponseAsync("Where is my parcel?", Acme()))
        {
        }

        store.AssertEverySettledOnce();
        var recorded = usage.GetMeasurementSnapshot();
        Assert.All(recorded, m => Assert.Equal(true, m.Tags["promptlint.estimated"]));
        Assert.Equal(recorded.Sum(m => m.Value), (await client.GetService<PromptLintQuotaChatClient>()!.GetUsageAsync("acme")).TokensUsed);
    }

    [Fact]
    public async Task Composition_ConsumerStopsReadingEarly_SettledOnce_WithMeteringsEstimateOfTheStreamedText()
    {
        var store = new LedgerStore(new InMemoryQuotaStore());
        using var usage = new MetricCollector<long>(null, _meterName, "gen_ai.client.token.usage");
        using var client = new ChatClientBuilder(new MeterTests.ScriptedClient { Usage = Usage })
            .UsePromptLintMeter(o => { o.MeterName = _meterName; o.TenantTokenQuota = 10_000; o.MaxOutputTokens = 64; o.QuotaStore = store; })
            .Build();

        await foreach (var _ in client.GetStreamingResponseAsync("Where is my parcel?", Acme()))
        {
            break;
        }

        store.AssertEverySettledOnce();
        var output = Assert.Single(usage.GetMeasurementSnapshot(), m => (string?)m.Tags["gen_ai.token.type"] == "output");
        Assert.Equal(true, output.Tags["promptlint.estimated"]); // "scripted " only: the usage chunk never came
        Assert.InRange(output.Value, 1, 3);
        Assert.Equal(usage.GetMeasurementSnapshot().Sum(m => m.Value), (await client.GetService<PromptLintChatClient>()!.GetUsageAsync("acme")).TokensUsed);
    }

    [Fact]
    public async Task CustomOrder_MeteringOutsideQuotas_QuotasMeasureOnTheirOwn_AndARefusalIsMeteredAsAnError()
    {
        var store = new LedgerStore(new InMemoryQuotaStore());
        using var duration = new MetricCollector<double>(null, _meterName, "gen_ai.client.operation.duration");
        using var client = new ChatClientBuilder(new MeterTests.ScriptedClient { Usage = Usage })
            .UsePromptLintMetering(o => o.MeterName = _meterName)
            .UsePromptLintQuotas(o => { o.MeterName = _meterName + ".quotas"; o.TenantTokenQuota = 130; o.QuotaStore = store; })
            .Build();

        // The first call reserves its input and cap of 10 and is charged the 127 tokens the provider reports; the second does not fit.
        await client.GetResponseAsync("Where is my parcel?", AcmeCapped());
        await Assert.ThrowsAsync<QuotaExceededException>(() => client.GetResponseAsync("Where is my parcel?", AcmeCapped()));

        store.AssertEverySettledOnce();
        Assert.Equal(127, (await client.GetService<PromptLintQuotaChatClient>()!.GetUsageAsync("acme")).TokensUsed);
        var calls = duration.GetMeasurementSnapshot();
        Assert.Equal(2, calls.Count);
        Assert.Equal(typeof(QuotaExceededException).FullName, calls[1].Tags["error.type"]);
    }

    [Fact]
    public async Task ClientBetweenThatMakesItsOwnCalls_DoesNotPassTheStateOn_QuotasSettleWithTheResponseTheyGot()
    {
        // A tool loop or any client that sends new message lists: metering inside it measures each round trip; the
        // reservation is settled once, with the usage of the response the quotas part got.
        var store = new LedgerStore(new InMemoryQuotaStore());
        using var usage = new MetricCollector<long>(null, _meterName, "gen_ai.client.token.usage");
        using var client = new ChatClientBuilder(new MeterTests.ScriptedClient { Usage = Usage })
            .UsePromptLintQuotas(o => { o.MeterName = _meterName; o.TenantTokenQuota = 10_000; o.QuotaStore = store; })
            .Use(async (messages, options, next, cancellationToken) =>
            {
                await next(messages.ToList(), options, cancellationToken);
                await next(messages.ToList(), options, cancellationToken);
            })
            .UsePromptLintMetering(o => o.MeterName = _meterName)
            .Build();

        await client.GetResponseAsync("Where is my parcel?", AcmeCapped());

        store.AssertEverySettledOnce();
        Assert.Equal(4, usage.GetMeasurementSnapshot().Count);
        Assert.Equal(127, (await client.GetService<PromptLintQuotaChatClient>()!.GetUsageAsync("acme")).TokensUsed);
    }

    [Fact]
    public void Composition_SharesOneSetOfInstruments_AndDisposesWhatItCreated()
    {
        var completed = 0;
        using var listener = new System.Diagnostics.Metrics.MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == _meterName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
            MeasurementsCompleted = (_, _) => Interlocked.Increment(ref completed),
        };
        listener.Start();
        var client = new ChatClientBuilder(new MeterTests.ScriptedClient())
            .UsePromptLintBudgets(o => { o.MeterName = _meterName; o.MaxOutputTokens = 10; })
            .UsePromptLintQuotas(o => { o.MeterName = _meterName; o.TenantTokenQuota = 100; })
            .UsePromptLintMetering(o => o.MeterName = _meterName)
            .Build();

        var metrics = client.GetService<PromptLintMetrics>();
        Assert.NotNull(metrics);
        Assert.Same(metrics, client.GetService<PromptLintMeteringChatClient>()!.Metrics);
        client.Dispose();

        Assert.True(completed > 0);
    }
}
