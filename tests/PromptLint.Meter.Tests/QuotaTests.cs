using System.Net;
using System.Net.Sockets;
using Garnet;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;
using PromptLint.Meter.Quotas;
using StackExchange.Redis;

namespace PromptLint.Meter.Tests;

/// <summary>Per-tenant quotas: reserve the worst case before the call, settle after; shared through a real Redis-protocol server.</summary>
public sealed class QuotaTests
{
    // "Hi" is 1 input token; with a 9-token output cap every call reserves 10 and, answering 1 + 9, settles 10.
    private static readonly ChatOptions Call = new() { MaxOutputTokens = 9 };

    private static PromptLintChatClient Client(IQuotaStore store, long quota, TimeProvider? clock = null, FailingClient? inner = null, QuotaStoreFailureMode mode = QuotaStoreFailureMode.FailOpen)
        => new(
            inner ?? new FailingClient(),
            new PromptLintMeterOptions
            {
                TenantTokenQuota = quota,
                QuotaWindow = TimeSpan.FromMinutes(1),
                QuotaStore = store,
                QuotaStoreFailure = mode,
                TimeProvider = clock ?? TimeProvider.System,
            });

    private static async Task<int> AdmittedAsync(IReadOnlyList<PromptLintChatClient> clients, int calls, string tenant)
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
        Assert.Equal(100, await AdmittedAsync(new[] { Client(store, 1000) }, 1000, "acme"));
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
        await SharedQuotaAdmitsExactlyAsync(port);
    }

    /// <summary>The same test against a real redis-server when the machine has one (CI installs none; it is skipped with a message then).</summary>
    [Fact]
    public async Task ThreeInstancesSharingRedisServer_AdmitExactlyTheQuota_WhenRedisIsInstalled()
    {
        var redisServer = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Select(d => Path.Combine(d, "redis-server")).FirstOrDefault(File.Exists);
        if (redisServer is null)
        {
            Console.WriteLine("redis-server is not on PATH: the Garnet test covers the Redis protocol.");
            return;
        }

        var port = FreePort();
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(redisServer, $"--port {port} --bind 127.0.0.1 --save \"\" --appendonly no") { RedirectStandardOutput = true })!;
        try
        {
            await Task.Delay(500);
            await SharedQuotaAdmitsExactlyAsync(port);
        }
        finally
        {
            process.Kill();
        }
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

    private static async Task SharedQuotaAdmitsExactlyAsync(int port)
    {
        using var redis = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{port}");
        var prefix = "test:" + Guid.NewGuid().ToString("N") + ":";
        var clients = Enumerable.Range(0, 3).Select(_ => Client(new RedisQuotaStore(redis.GetDatabase(), prefix), 1000)).ToList();

        Assert.Equal(100, await AdmittedAsync(clients, 1000, "acme"));
        Assert.Equal(1000, (long)await redis.GetDatabase().StringGetAsync(redis.GetDatabase().Multiplexer.GetServers()[0].Keys(pattern: prefix + "*").Single()));
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

    private static int FreePort()
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

        public Task SettleAsync(QuotaReservation reservation, long actual, CancellationToken cancellationToken) => inner.SettleAsync(reservation, actual, cancellationToken);
    }

    private sealed class UnreachableStore : IQuotaStore
    {
        public Task<QuotaReservation> ReserveAsync(string bucket, long amount, long limit, TimeSpan window, CancellationToken cancellationToken)
            => Task.FromException<QuotaReservation>(new TimeoutException("store is down"));

        public Task SettleAsync(QuotaReservation reservation, long actual, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed class FailingClient : IChatClient
    {
        public bool Fail { get; set; }

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
            => Fail
                ? Task.FromException<ChatResponse>(new HttpRequestException("500"))
                : Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "ok")) { Usage = new UsageDetails { InputTokenCount = 1, OutputTokenCount = 9 } });

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
            => throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
