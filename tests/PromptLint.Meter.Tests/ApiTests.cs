using System.Diagnostics.Metrics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using PromptLint.Contracts.Pricing;
using PromptLint.Meter.Quotas;
using static PromptLint.Meter.Tests.MeterTests;

namespace PromptLint.Meter.Tests;

/// <summary>The meter as an application wires it: dependency injection, price overrides, cache-write pricing, disposal.</summary>
public sealed class ApiTests
{
    [Fact]
    public async Task AddChatClient_UsePromptLintMeter_BuildsTheMeteredPipeline_AndLogsThroughTheApplicationsLoggers()
    {
        var name = "PromptLint.DI." + Guid.NewGuid().ToString("N");
        using var requests = new MetricCollector<double>(null, name, "gen_ai.client.operation.duration");
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddFakeLogging());
        services.AddChatClient(new ScriptedClient { Usage = new UsageDetails { InputTokenCount = 5, OutputTokenCount = 1 } })
            .UsePromptLintMeter(o =>
            {
                o.MeterName = name;
                o.TenantTokenQuota = 1_000;
                o.QuotaStore = new DownStore();
            });
        using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<IChatClient>();
        // A call that fits the quota: failing open is bounded by the quota in a local window since issue 34.
        var response = await client.GetResponseAsync("Hi", new ChatOptions { MaxOutputTokens = 100 }.ForTenant("acme"));

        Assert.Equal("scripted answer", response.Text);
        Assert.False(Assert.Single(requests.GetMeasurementSnapshot()).Tags.ContainsKey("error.type"));
        Assert.NotNull(client.GetService<PromptLintChatClient>());

        // The store outage went to the application's logging, with no logger set in the options.
        var logged = Assert.Single(provider.GetFakeLogCollector().GetSnapshot());
        Assert.Equal(LogLevel.Warning, logged.Level);
        Assert.Equal("PromptLint.Meter", logged.Category);
    }

    [Fact]
    public async Task ModelsInTheOptions_OverrideAndExtendTheCatalogsPrices()
    {
        var name = "PromptLint.Prices." + Guid.NewGuid().ToString("N");
        using var cost = new MetricCollector<double>(null, name, "promptlint.cost");
        var client = new PromptLintChatClient(new ScriptedClient { Usage = new UsageDetails { InputTokenCount = 1_000, OutputTokenCount = 100 } }, new PromptLintMeterOptions
        {
            MeterName = name,
            Models =
            {
                new ModelInfo { Id = "gpt-4o", Input = 2.00m, Output = 8.00m },
                new ModelInfo { Id = "contoso-llm", Input = 0.10m, Output = 0.40m },
            },
        });

        await client.GetResponseAsync("Hi", new ChatOptions { ModelId = "gpt-4o" });
        await client.GetResponseAsync("Hi", new ChatOptions { ModelId = "contoso-llm-7b" });

        var values = cost.Totals().ToDictionary(m => (string)m.Tags["gen_ai.request.model"]!, m => m.Value);
        Assert.Equal((1_000 * 2.00 + 100 * 8.00) / 1_000_000, values["gpt-4o"], 12);
        Assert.Equal((1_000 * 0.10 + 100 * 0.40) / 1_000_000, values["contoso-llm-7b"], 12);
    }

    [Fact]
    public async Task CacheWriteTokens_ArePricedAtTheCacheWritePrice()
    {
        // Anthropic-style usage: 1,200 input tokens of which 1,000 were written to the prompt cache.
        var name = "PromptLint.CacheWrite." + Guid.NewGuid().ToString("N");
        using var cost = new MetricCollector<double>(null, name, "promptlint.cost");
        var usage = new UsageDetails { InputTokenCount = 1_200, OutputTokenCount = 50, AdditionalCounts = new() { ["cache_creation_input_tokens"] = 1_000 } };
        var client = new PromptLintChatClient(new ScriptedClient { Usage = usage }, new PromptLintMeterOptions
        {
            MeterName = name,
            Models = { new ModelInfo { Id = "claude-sonnet-4", Input = 3.00m, CachedInput = 0.30m, CacheWrite = 3.75m, Output = 15.00m } },
        });

        await client.GetResponseAsync("Hi", new ChatOptions { ModelId = "claude-sonnet-4-20250514" });

        Assert.Equal((200 * 3.00 + 1_000 * 3.75 + 50 * 15.00) / 1_000_000, Assert.Single(cost.Totals()).Value, 12);
    }

    [Fact]
    public void Dispose_ReleasesTheMeterTheClientCreated()
    {
        // Regression: a client built per scope leaked its meter and rate limiters.
        var name = "PromptLint.Dispose." + Guid.NewGuid().ToString("N");
        var completed = 0;
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == name)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
            MeasurementsCompleted = (_, _) => completed++,
        };
        listener.Start();
        var client = new PromptLintChatClient(new ScriptedClient(), new PromptLintMeterOptions { MeterName = name, TenantRequestsPerMinute = 10, TenantTokensPerMinute = 1_000 });
        Assert.Equal(0, completed);

        client.Dispose();

        Assert.True(completed > 0, "The client's meter was not disposed.");
    }

    [Fact]
    public void InvalidModelOverride_IsRefusedWhenTheMeterIsBuilt()
    {
        var error = Assert.Throws<ArgumentException>(() => new ChatClientBuilder(new ScriptedClient()).UsePromptLintMeter(o => o.Models.Add(new ModelInfo { Id = "gpt-4o", Input = -1m })));
        Assert.Contains("negative price", error.Message);
    }

    private sealed class DownStore : IQuotaStore
    {
        public Task<QuotaReservation> ReserveAsync(string bucket, long amount, long limit, TimeSpan window, CancellationToken cancellationToken)
            => Task.FromException<QuotaReservation>(new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.ConnectionRefused));

        public Task<long> GetUsedAsync(string bucket, CancellationToken cancellationToken)
            => Task.FromException<long>(new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.ConnectionRefused));

        public Task SettleAsync(QuotaReservation reservation, long actual, CancellationToken cancellationToken)
            => Task.FromException(new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.ConnectionRefused));
    }
}

public sealed class FootprintFileTests
{
    [Fact]
    public void LoadFootprints_OfAMissingReport_LoadsNothingInsteadOfFailingStartUp()
    {
        // Regression: docs/meter.md's first snippet crashed at start-up where the build report was not deployed.
        var options = new PromptLintMeterOptions().LoadFootprints(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "promptlint-report.json"));

        Assert.Empty(options.StaticFootprints);
    }
}

public sealed class UsageReadingTests
{
    [Fact]
    public async Task GetUsageAsync_SaysWhatTheTenantUsedAndHasLeft_InGarnet()
    {
        var port = QuotaTests.FreePort();
        using var server = new Garnet.GarnetServer(new[] { "--bind", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--lua", "true" });
        server.Start();
        using var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{port}");
        var options = new PromptLintMeterOptions
        {
            DefaultModel = "gpt-4o",
            TenantTokenQuota = 100,
            TenantCostQuotaUsd = 1m,
            QuotaWindow = TimeSpan.FromHours(1),
            QuotaStore = new RedisQuotaStore(redis.GetDatabase(), "t:" + Guid.NewGuid().ToString("N") + ":"),
            QuotaStoreTimeout = TimeSpan.FromSeconds(30),
            TimeProvider = new FrozenWallClock(new DateTimeOffset(2026, 11, 25, 10, 20, 0, TimeSpan.Zero)),
        };
        var client = new PromptLintChatClient(new QuotaTests.FailingClient(), options);

        // "Hi" + 9-token cap, answered with 1 + 9 tokens: 10 tokens and, at gpt-4o prices, $0.0000925 each (rounded up to millionths).
        await client.GetResponseAsync("Hi", QuotaTests.Call.Clone().ForTenant("acme"));
        await client.GetResponseAsync("Hi", QuotaTests.Call.Clone().ForTenant("acme"));
        var usage = await client.GetUsageAsync("acme");

        Assert.Equal(20, usage.TokensUsed);
        Assert.Equal(80, usage.TokensRemaining);
        Assert.Equal(0.000186m, usage.CostUsedUsd);
        Assert.Equal(1m - 0.000186m, usage.CostRemainingUsd);
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 11, 0, 0, TimeSpan.Zero), usage.ResetsAt);
        Assert.Equal(0, (await client.GetUsageAsync("contoso")).TokensUsed);
    }

    [Fact]
    public async Task GetUsageAsync_OfAStoreThatIsDown_ThrowsInsteadOfSayingZero()
    {
        var client = new PromptLintChatClient(new QuotaTests.FailingClient(), new PromptLintMeterOptions { TenantTokenQuota = 100, QuotaStore = new DeadStore() });

        await Assert.ThrowsAsync<QuotaStoreUnavailableException>(() => client.GetUsageAsync("acme"));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetUsageAsync("acme", new CancellationToken(canceled: true)));
    }

    private sealed class DeadStore : IQuotaStore
    {
        public Task<QuotaReservation> ReserveAsync(string bucket, long amount, long limit, TimeSpan window, CancellationToken cancellationToken)
            => Task.FromException<QuotaReservation>(new TimeoutException("down"));

        public Task<long> GetUsedAsync(string bucket, CancellationToken cancellationToken)
            => Task.FromException<long>(new TimeoutException("down"));

        public Task SettleAsync(QuotaReservation reservation, long actual, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
