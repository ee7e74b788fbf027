using Garnet;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using PromptLint.Meter.Quotas;
using StackExchange.Redis;
using static PromptLint.Meter.Tests.QuotaTests;

namespace PromptLint.Meter.Tests;

/// <summary>Request and token rate limits shared by every instance through the quota store (Garnet, in process).</summary>
public sealed class SharedRateLimitTests
{
    private static PromptLintChatClient Shared(IQuotaStore store, Action<PromptLintMeterOptions> limits, FailingClient? inner = null, PromptLintMetrics? metrics = null)
        => new(inner ?? new FailingClient(), Configure(store, limits), metrics);

    private static PromptLintMeterOptions Configure(IQuotaStore store, Action<PromptLintMeterOptions> limits)
    {
        var options = new PromptLintMeterOptions
        {
            QuotaStore = store,
            ShareRateLimitsThroughQuotaStore = true,
            QuotaStoreTimeout = TimeSpan.FromSeconds(30),
            TimeProvider = new FrozenWallClock(new DateTimeOffset(2026, 11, 25, 10, 0, 30, TimeSpan.Zero)),
        };
        limits(options);
        return options;
    }

    [Fact]
    public async Task RequestsPerMinute_AreSharedByThreeInstances()
    {
        var port = FreePort();
        using var server = new GarnetServer(new[] { "--bind", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--lua", "true" });
        server.Start();
        var prefix = "t:" + Guid.NewGuid().ToString("N") + ":";
        var instances = new List<ConnectionMultiplexer>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                instances.Add(await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{port}"));
            }

            var clients = instances.Select(m => Shared(new RedisQuotaStore(m.GetDatabase(), prefix), o => o.TenantRequestsPerMinute = 50)).ToList();
            var admitted = 0;
            var refused = new List<RateLimitExceededException>();
            await Parallel.ForEachAsync(Enumerable.Range(0, 300), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, _) =>
            {
                try
                {
                    await clients[i % 3].GetResponseAsync("Hi", Call.Clone().ForTenant("acme"));
                    Interlocked.Increment(ref admitted);
                }
                catch (RateLimitExceededException error)
                {
                    lock (refused)
                    {
                        refused.Add(error);
                    }
                }
            });

            // Regression: each instance kept its own limiter, so three instances admitted 150 of a 50-a-minute limit.
            Assert.Equal(50, admitted);
            Assert.Equal(250, refused.Count);
            Assert.All(refused, e => Assert.Equal(TimeSpan.FromSeconds(30), e.RetryAfter));
        }
        finally
        {
            instances.ForEach(i => i.Dispose());
        }
    }

    [Fact]
    public async Task TokensPerMinute_ChargeWhatTheCallUsed_NotOnlyItsWorstCase()
    {
        // Each call reserves 1 + 9 and reports 100 + 9: the second call finds the minute over its 100 tokens.
        var client = Shared(new InMemoryQuotaStore(), o => o.TenantTokensPerMinute = 100, new FailingClient { InputTokens = 100 });

        await client.GetResponseAsync("Hi", Call.Clone().ForTenant("acme"));

        await Assert.ThrowsAsync<RateLimitExceededException>(() => client.GetResponseAsync("Hi", Call.Clone().ForTenant("acme")));
    }

    [Fact]
    public async Task StoreDown_RateLimitsFailOpenCountedWithinTheLocalShare_OrClosed_AsQuotasDo()
    {
        var name = "PromptLint.SharedLimits." + Guid.NewGuid().ToString("N");
        using var metrics = new PromptLintMetrics(name);
        using var unchecked_ = new MetricCollector<long>(null, name, "promptlint.quota.unchecked");
        var open = Shared(new DownStore(), o => o.TenantRequestsPerMinute = 1, metrics: metrics);
        await open.GetResponseAsync("Hi", Call.Clone().ForTenant("acme"));

        // Failing open is bounded (issue 34): this instance's share of the limit (all of it by default) in a local window.
        for (var i = 0; i < 2; i++)
        {
            await Assert.ThrowsAsync<RateLimitExceededException>(() => open.GetResponseAsync("Hi", Call.Clone().ForTenant("acme")));
        }

        Assert.Equal(1, unchecked_.GetMeasurementSnapshot().Sum(m => m.Value));

        var closed = Shared(new DownStore(), o =>
        {
            o.TenantRequestsPerMinute = 1;
            o.QuotaStoreFailure = QuotaStoreFailureMode.FailClosed;
        });
        await Assert.ThrowsAsync<QuotaStoreUnavailableException>(() => closed.GetResponseAsync("Hi", Call.Clone().ForTenant("acme")));
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
