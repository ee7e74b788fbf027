using System.Net;
using System.Net.Sockets;
using Garnet;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Time.Testing;
using PromptLint.Meter.Quotas;
using StackExchange.Redis;

namespace PromptLint.Meter.Tests;

/// <summary>Per-tenant quotas: reserve the worst case before the call, settle after; shared through a real Redis-protocol server.</summary>
public sealed class QuotaTests
{
    // "Hi" is 1 input token; with a 9-token output cap every call reserves 10 and, answering 1 + 9, settles 10.
    internal static readonly ChatOptions Call = new() { MaxOutputTokens = 9 };

    internal static PromptLintChatClient Client(IQuotaStore store, long quota, TimeProvider? clock = null, FailingClient? inner = null, QuotaStoreFailureMode mode = QuotaStoreFailureMode.FailOpen, Action<PromptLintMeterOptions>? configure = null, PromptLintMetrics? metrics = null)
    {
        var options = new PromptLintMeterOptions
        {
            TenantTokenQuota = quota,
            QuotaWindow = TimeSpan.FromMinutes(1),
            QuotaStore = store,
            QuotaStoreFailure = mode,
            TimeProvider = clock ?? TimeProvider.System,
        };
        configure?.Invoke(options);
        return new(inner ?? new FailingClient(), options, metrics);
    }

    internal static async Task<int> AdmittedAsync(IReadOnlyList<PromptLintChatClient> clients, int calls, string tenant)
    {
        var admitted = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, calls), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, _) =>
        {
            try
            {
                await clients[i % clients.Count].GetResponseAsync("Hi", Call.Clone().ForTenant(tenant));
                Interlocked.Increment(ref admitted);
            }
            catch (QuotaExceededException)
            {
            }
        });
        return admitted;
    }

    [Fact]
    public async Task InMemory_ConcurrentCalls_AdmitExactlyTheQuota()
    {
        var store = new InMemoryQuotaStore();
        Assert.Equal(100, await AdmittedAsync(new[] { Client(store, 1000, new FrozenWallClock(DateTimeOffset.UtcNow)) }, 1000, "acme"));
    }

    [Fact]
    public async Task Exhausted_SaysTenantLimitUsedAndResetTime_AndTheWindowRollsOver()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 10, 0, 30, TimeSpan.Zero));
        var client = Client(new InMemoryQuotaStore(), 20, clock);
        await client.GetResponseAsync("Hi", Call.Clone().ForTenant("acme"));
        await client.GetResponseAsync("Hi", Call.Clone().ForTenant("acme"));

        var error = await Assert.ThrowsAsync<QuotaExceededException>(() => client.GetResponseAsync("Hi", Call.Clone().ForTenant("acme")));
        Assert.Equal("acme", error.Tenant);
        Assert.Equal(20, error.Limit);
        Assert.Equal(20, error.Used);
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 10, 1, 0, TimeSpan.Zero), error.ResetsAt);

        // Another tenant has its own quota; the next window starts empty.
        await client.GetResponseAsync("Hi", Call.Clone().ForTenant("contoso"));
        clock.Advance(TimeSpan.FromSeconds(30));
        await client.GetResponseAsync("Hi", Call.Clone().ForTenant("acme"));
    }

    [Fact]
    public async Task CrashedCall_ReleasesItsReservation()
    {
        var store = new InMemoryQuotaStore();
        var failing = new FailingClient { Fail = true };
        var client = Client(store, 10, inner: failing);

        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetResponseAsync("Hi", Call.Clone().ForTenant("acme")));
        failing.Fail = false;

        await client.GetResponseAsync("Hi", Call.Clone().ForTenant("acme"));
    }

    [Fact]
    public async Task ThreeInstancesSharingGarnet_AdmitExactlyTheQuota()
    {
        var port = FreePort();
        using var server = new GarnetServer(new[] { "--bind", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--lua", "true" });
        server.Start();
        using var redis = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{port}");
        var prefix = "test:" + Guid.NewGuid().ToString("N") + ":";
        var meterName = "PromptLint.Quota." + Guid.NewGuid().ToString("N");
        using var metrics = new PromptLintMetrics(meterName);
        using var unchecked_ = new MetricCollector<long>(null, meterName, "promptlint.quota.unchecked");

        // A timeout no busy machine reaches: this is about the reservation being atomic, not about outages.
        var clients = Enumerable.Range(0, 3).Select(_ => Client(new RedisQuotaStore(redis.GetDatabase(), prefix), 1000, new FrozenWallClock(DateTimeOffset.UtcNow), configure: o => o.QuotaStoreTimeout = TimeSpan.FromSeconds(30), metrics: metrics)).ToList();

        // Regression: Garnet runs a Lua script without a transaction unless started with --lua-transaction-mode, and
        // the old check-then-add script admitted 132 of 100 calls.
        Assert.Equal(100, await AdmittedAsync(clients, 1000, "acme"));
        Assert.Empty(unchecked_.GetMeasurementSnapshot());
        Assert.Equal(1000, (long)await redis.GetDatabase().StringGetAsync(redis.GetServers()[0].Keys(pattern: prefix + "*").Single()));
    }

    [Fact]
    public async Task StoreGoingAwayMidRun_LetsCallsThrough_WhenFailingOpen()
    {
        var store = new FlakyStore(new InMemoryQuotaStore(), failAfter: 3);
        var client = Client(store, 1000);

        for (var i = 0; i < 10; i++)
        {
            Assert.Equal("ok", (await client.GetResponseAsync("Hi", Call.Clone().ForTenant("acme"))).Text);
        }

        Assert.True(store.Failures > 0);
    }

    [Theory]
    [InlineData(QuotaStoreFailureMode.FailOpen)]
    [InlineData(QuotaStoreFailureMode.FailClosed)]
    public async Task UnreachableStore_FailsOpenOrClosedAsConfigured(QuotaStoreFailureMode mode)
    {
        var client = Client(new UnreachableStore(), 1000, mode: mode);

        if (mode == QuotaStoreFailureMode.FailOpen)
        {
            var response = await client.GetResponseAsync("Hi", Call.Clone().ForTenant("acme"));
            Assert.Equal("ok", response.Text);
        }
        else
        {
            await Assert.ThrowsAsync<QuotaStoreUnavailableException>(() => client.GetResponseAsync("Hi", Call.Clone().ForTenant("acme")));
        }
    }

    internal static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    private sealed class FlakyStore(IQuotaStore inner, int failAfter) : IQuotaStore
    {
        private int _calls;

        public int Failures { get; private set; }

        public Task<QuotaReservation> ReserveAsync(string bucket, long amount, long limit, TimeSpan window, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _calls) > failAfter)
            {
                Failures++;
                return Task.FromException<QuotaReservation>(new TimeoutException("store went away"));
            }

            return inner.ReserveAsync(bucket, amount, limit, window, cancellationToken);
        }

        public Task<long> GetUsedAsync(string bucket, CancellationToken cancellationToken)
            => inner.GetUsedAsync(bucket, cancellationToken);

        public Task SettleAsync(QuotaReservation reservation, long actual, CancellationToken cancellationToken) => inner.SettleAsync(reservation, actual, cancellationToken);
    }

    private sealed class UnreachableStore : IQuotaStore
    {
        public Task<QuotaReservation> ReserveAsync(string bucket, long amount, long limit, TimeSpan window, CancellationToken cancellationToken)
            => Task.FromException<QuotaReservation>(new TimeoutException("store is down"));

        public Task<long> GetUsedAsync(string bucket, CancellationToken cancellationToken)
            => Task.FromException<long>(new TimeoutException("store is down"));

        public Task SettleAsync(QuotaReservation reservation, long actual, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    internal sealed class FailingClient : IChatClient
    {
        public bool Fail { get; set; }

        public long InputTokens { get; set; } = 1;

        public int Calls => _calls;

        private int _calls;

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _calls);
            return Fail
                ? Task.FromException<ChatResponse>(new HttpRequestException("500"))
                : Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "ok")) { Usage = new UsageDetails { InputTokenCount = InputTokens, OutputTokenCount = 9 } });
        }

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
            => throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
