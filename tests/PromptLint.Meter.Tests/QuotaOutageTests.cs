using Garnet;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using PromptLint.Meter.Quotas;
using StackExchange.Redis;
using static PromptLint.Meter.Tests.QuotaTests;

namespace PromptLint.Meter.Tests;

/// <summary>
/// Quotas when the store is slow, gone or coming back: the wait is bounded by the store timeout (shown on a fake clock,
/// not a stopwatch), the caller's cancellation wins, a dead store is left alone for a cool-down, every call admitted
/// without a check is counted, and nothing is ever admitted past the quota without being counted.
/// </summary>
public sealed class QuotaOutageTests : IDisposable
{
    // Only a hang guard: every assertion below is on counts and states, none on elapsed time.
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(200);
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    private readonly string _meterName = "PromptLint.Outage." + Guid.NewGuid().ToString("N");
    private readonly PromptLintMetrics _metrics;
    private readonly MetricCollector<long> _unchecked;
    private readonly MetricCollector<long> _storeErrors;

    private readonly Xunit.Abstractions.ITestOutputHelper _output;

    public QuotaOutageTests(Xunit.Abstractions.ITestOutputHelper output)
    {
        _output = output;
        _metrics = new PromptLintMetrics(_meterName);
        _unchecked = new MetricCollector<long>(null, _meterName, "promptlint.quota.unchecked");
        _storeErrors = new MetricCollector<long>(null, _meterName, "promptlint.quota.store_errors");
    }

    public void Dispose()
    {
        _unchecked.Dispose();
        _storeErrors.Dispose();
        _metrics.Dispose();
    }

    private long Unchecked => _unchecked.GetMeasurementSnapshot().Sum(m => m.Value);

    private PromptLintChatClient Client(IQuotaStore store, long quota, TimeProvider clock, QuotaStoreFailureMode mode = QuotaStoreFailureMode.FailOpen, FailingClient? inner = null, Action<PromptLintMeterOptions>? configure = null)
        => QuotaTests.Client(store, quota, clock, inner, mode, o =>
        {
            o.QuotaStoreTimeout = Timeout;
            configure?.Invoke(o);
        }, _metrics);

    [Fact]
    public async Task HangingStore_FailingOpen_WaitsTheTimeoutAndNoLonger_ThenAdmitsAndCountsTheCallUnchecked()
    {
        var clock = new SignallingClock(Start);
        var store = new HangingStore();
        var client = Client(store, 1000, clock);

        var call = client.GetResponseAsync("Hi", Call.Clone().ForTenant("acme"));
        await clock.TimerCreated.Task.WaitAsync(HangGuard);

        clock.Advance(Timeout - TimeSpan.FromTicks(1));
        Assert.False(call.IsCompleted);
        clock.Advance(TimeSpan.FromTicks(1));

        Assert.Equal("ok", (await call.WaitAsync(HangGuard)).Text);
        Assert.Equal(1, Unchecked);
        Assert.Equal("acme", _unchecked.GetMeasurementSnapshot().Single().Tags["promptlint.tenant"]);
    }

    [Fact]
    public async Task HangingStore_FailingClosed_ThrowsAtTheTimeout()
    {
        var clock = new SignallingClock(Start);
        var inner = new FailingClient();
        var client = Client(new HangingStore(), 1000, clock, QuotaStoreFailureMode.FailClosed, inner);

        var call = client.GetResponseAsync("Hi", Call.Clone().ForTenant("acme"));
        await clock.TimerCreated.Task.WaitAsync(HangGuard);
        clock.Advance(Timeout - TimeSpan.FromTicks(1));
        Assert.False(call.IsCompleted);
        clock.Advance(TimeSpan.FromTicks(1));

        var error = await Assert.ThrowsAsync<QuotaStoreUnavailableException>(() => call.WaitAsync(HangGuard));
        Assert.IsType<TimeoutException>(error.InnerException);
        Assert.Equal(0, inner.Calls);
        Assert.Equal(0, Unchecked);
    }

    [Theory]
    [InlineData(QuotaStoreFailureMode.FailOpen)]
    [InlineData(QuotaStoreFailureMode.FailClosed)]
    public async Task CallerCancelsWhileTheStoreHangs_GetsOperationCanceled_AndALateReservationIsGivenBack(QuotaStoreFailureMode mode)
    {
        var clock = new SignallingClock(Start);
        var store = new HangingStore();
        var inner = new FailingClient();
        var client = Client(store, 1000, clock, mode, inner);
        using var cancel = new CancellationTokenSource();

        var call = client.GetResponseAsync("Hi", Call.Clone().ForTenant("acme"), cancel.Token);
        await clock.TimerCreated.Task.WaitAsync(HangGuard);
        cancel.Cancel();

        // The store answers only afterwards, as StackExchange.Redis does when it ignores the token: with its own timeout
        // the old meter then failed open (the call went through) or threw QuotaStoreUnavailableException.
        store.Answer(new QuotaReservation(store.LastBucket!, granted: true, 10, 10, TimeSpan.FromMinutes(1)));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(HangGuard));
        Assert.Equal(0, inner.Calls);
        Assert.Equal(0, Unchecked);
        Assert.Empty(_storeErrors.GetMeasurementSnapshot());

        // The reservation landed after the caller left: it is released.
        Assert.Equal(0, Assert.Single(await store.Settled.Task.WaitAsync(HangGuard)).Actual);
    }

    [Fact]
    public async Task AlreadyCanceledToken_ThrowsOperationCanceled_EvenWhenTheStoreIsDown()
    {
        var client = Client(new SwitchableStore(new InMemoryQuotaStore()) { Down = true }, 1000, new FakeTimeProvider(Start), QuotaStoreFailureMode.FailClosed);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetResponseAsync("Hi", Call.Clone().ForTenant("acme"), new CancellationToken(canceled: true)));
    }

    [Fact]
    public async Task DeadStore_OpensTheCircuit_IsNotCalledDuringTheCooldown_AndRecoversByItself_LoggingOncePerOutage()
    {
        var clock = new FakeTimeProvider(Start);
        var store = new SwitchableStore(new InMemoryQuotaStore()) { Down = true };
        var logger = new FakeLogger();
        var client = Client(store, 1000, clock, configure: o =>
        {
            o.QuotaStoreFailuresBeforeBreaking = 3;
            o.QuotaStoreCooldown = TimeSpan.FromSeconds(5);
            o.Logger = logger;
        });

        for (var i = 0; i < 10; i++)
        {
            Assert.Equal("ok", (await client.GetResponseAsync("Hi", Call.Clone().ForTenant("acme"))).Text);
        }

        // Call 1: reserve fails, its charge at settlement fails; call 2: reserve fails and the circuit opens. Then nothing.
        Assert.Equal(3, store.Calls);
        Assert.Equal(10, Unchecked);
        var warning = Assert.Single(logger.Collector.GetSnapshot());
        Assert.Equal(LogLevel.Warning, warning.Level);

        // Within the cool-down the store is still left alone, even though it is back.
        store.Down = false;
        clock.Advance(TimeSpan.FromSeconds(5) - TimeSpan.FromTicks(1));
        await client.GetResponseAsync("Hi", Call.Clone().ForTenant("acme"));
        Assert.Equal(3, store.Calls);
        Assert.Equal(11, Unchecked);

        // After it, one call probes, the store answers, the circuit closes and calls are checked again.
        clock.Advance(TimeSpan.FromTicks(1));
        await client.GetResponseAsync("Hi", Call.Clone().ForTenant("acme"));
        await client.GetResponseAsync("Hi", Call.Clone().ForTenant("acme"));
        Assert.Equal(11, Unchecked);

        // The answer also starts, in the background, the retry of the 11 settlements the outage kept back (call 1's
        // charge and the ten calls admitted unchecked): wait for its log line rather than race it.
        var deadline = DateTime.UtcNow + HangGuard;
        while (!logger.Collector.GetSnapshot().Any(l => l.Message.Contains("settlement(s) it had missed", StringComparison.Ordinal)) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        // Probe reserve and settle, the next call's reserve and settle, and the 11 retried settlements.
        Assert.Equal(3 + 4 + 11, store.Calls);
        var logs = logger.Collector.GetSnapshot();
        Assert.Equal(3, logs.Count);
        var recovered = Assert.Single(logs, l => l.Message.Contains("without a quota check", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Information, recovered.Level);
        Assert.Contains("11 call(s) were admitted without a quota check", recovered.Message);
        Assert.Contains("took 11 settlement(s) it had missed", Assert.Single(logs, l => l.Message.Contains("it had missed", StringComparison.Ordinal)).Message);
    }

    [Fact]
    public async Task OpenCircuit_FailingClosed_RefusesAtOnceWithoutCallingTheStore()
    {
        var store = new SwitchableStore(new InMemoryQuotaStore()) { Down = true };
        var client = Client(store, 1000, new FakeTimeProvider(Start), QuotaStoreFailureMode.FailClosed, configure: o => o.QuotaStoreFailuresBeforeBreaking = 2);

        for (var i = 0; i < 5; i++)
        {
            await Assert.ThrowsAsync<QuotaStoreUnavailableException>(() => client.GetResponseAsync("Hi", Call.Clone().ForTenant("acme")));
        }

        Assert.Equal(2, store.Calls);
        Assert.Equal(5, _storeErrors.GetMeasurementSnapshot().Sum(m => m.Value));
    }

    [Fact]
    public async Task CallAdmittedUnchecked_IsChargedWhenItSettles_AndBlocksTheTenantsNextCalls()
    {
        // The store misses the first reservation only; the call then reports 100 + 9 tokens against a quota of 50.
        var store = new SwitchableStore(new InMemoryQuotaStore()) { FailReservations = 1 };
        var client = Client(store, 50, new FakeTimeProvider(Start), inner: new FailingClient { InputTokens = 100 });

        await client.GetResponseAsync("Hi", Call.Clone().ForTenant("acme"));
        Assert.Equal(1, Unchecked);

        var error = await Assert.ThrowsAsync<QuotaExceededException>(() => client.GetResponseAsync("Hi", Call.Clone().ForTenant("acme")));
        Assert.Equal(109, error.Used);
    }

    [Fact]
    public async Task ProviderReportingMoreThanWasReserved_IsCharged_AndBlocksTheTenantsNextCalls_InGarnet()
    {
        var port = FreePort();
        using var server = new GarnetServer(new[] { "--bind", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--lua", "true" });
        server.Start();
        using var redis = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{port}");

        // Each call reserves 1 + 9 = 10 and reports 100 + 9: after two calls the tenant is at 218 of 200.
        var client = Client(new RedisQuotaStore(redis.GetDatabase(), "t:" + Guid.NewGuid().ToString("N") + ":"), 200, new FrozenWallClock(DateTimeOffset.UtcNow), inner: new FailingClient { InputTokens = 100 }, configure: o => o.QuotaStoreTimeout = TimeSpan.FromSeconds(30));
        await client.GetResponseAsync("Hi", Call.Clone().ForTenant("acme"));
        await client.GetResponseAsync("Hi", Call.Clone().ForTenant("acme"));

        var error = await Assert.ThrowsAsync<QuotaExceededException>(() => client.GetResponseAsync("Hi", Call.Clone().ForTenant("acme")));
        Assert.Equal(218, error.Used);
    }

    [Fact]
    public async Task TenantNamedLikeAnotherTenantsCostBucket_HasAQuotaOfItsOwn()
    {
        // Regression: the token bucket of tenant "usd:acme" was the USD bucket of tenant "acme".
        var store = new InMemoryQuotaStore();
        var client = Client(store, 20, new FakeTimeProvider(Start), configure: o =>
        {
            o.TenantCostQuotaUsd = 1m;
            o.DefaultModel = "gpt-4o";
        });

        await client.GetResponseAsync("Hi", Call.Clone().ForTenant("acme"));
        await client.GetResponseAsync("Hi", Call.Clone().ForTenant("usd:acme"));
        await client.GetResponseAsync("Hi", Call.Clone().ForTenant("usd:acme"));
        await Assert.ThrowsAsync<QuotaExceededException>(() => client.GetResponseAsync("Hi", Call.Clone().ForTenant("usd:acme")));
        await client.GetResponseAsync("Hi", Call.Clone().ForTenant("acme"));
    }

    [Fact]
    public async Task ThreeInstancesSharingGarnet_UnderLatencySpikesAndAMidRunOutage_AdmitNoMoreThanTheQuotaPlusTheCountedUnchecked()
    {
        var garnetPort = FreePort();
        using var server = new GarnetServer(new[] { "--bind", "127.0.0.1", "--port", garnetPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "--lua", "true" });
        server.Start();

        // Every chunk to and from the store is late by 2 ms, every 500th (and the chunks behind it) by twice the timeout.
        var timeout = TimeSpan.FromSeconds(1);
        using var proxy = new TcpProxy(garnetPort) { Latency = TimeSpan.FromMilliseconds(2), Spike = timeout * 2, SpikeEvery = 500 };
        var prefix = "t:" + Guid.NewGuid().ToString("N") + ":";
        var instances = new List<ConnectionMultiplexer>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                instances.Add(await ConnectionMultiplexer.ConnectAsync(new ConfigurationOptions
                {
                    EndPoints = { { "127.0.0.1", proxy.Port } },
                    AbortOnConnectFail = false,
                    ConnectTimeout = 1000,
                }));
            }

            var inner = new FailingClient();
            // One quota window for the whole run, however long it takes.
            var clock = new FrozenWallClock(DateTimeOffset.UtcNow);
            var clients = instances.Select(m => Client(new RedisQuotaStore(m.GetDatabase(), prefix), 1000, clock, inner: inner, configure: o =>
            {
                o.QuotaStoreTimeout = timeout;
                o.QuotaStoreFailuresBeforeBreaking = 3;
                o.QuotaStoreCooldown = TimeSpan.FromMilliseconds(100);
            })).ToList();

            // The outage starts when 30 calls are through and ends once 60 calls were admitted unchecked. Before it,
            // 16 calls at a time, so the quota (100 calls) keeps more room than the calls in flight: an instance that
            // fails open admits its share of what the store last said was left, and with 1,000 calls in flight the
            // whole quota was reserved before the outage, leaving nothing to admit unchecked.
            using var outage = new Outage(proxy, startAfterAdmitted: 30, endAfterUnchecked: 60, _meterName);
            var first = await RunAsync(clients, 1000, outage, until: () => outage.Ended, workers: 16);
            Assert.True(outage.Ended, "The outage never ended: too few calls were admitted unchecked.");

            // The instances reconnect and their circuits close again by themselves: one call at a time per instance,
            // paced by the cool-down, until a call is checked again. Then 1,000 more calls at once.
            var warmUp = 0;
            foreach (var client in clients)
            {
                for (var attempt = 0; ; attempt++)
                {
                    Assert.True(attempt < 100, "An instance did not start checking quotas again after the outage.");
                    var before = Unchecked;
                    try
                    {
                        await client.GetResponseAsync("Hi", Call.Clone().ForTenant("acme")).WaitAsync(HangGuard);
                        warmUp++;
                    }
                    catch (QuotaExceededException)
                    {
                    }

                    if (Unchecked == before)
                    {
                        break;
                    }

                    await Task.Delay(TimeSpan.FromMilliseconds(100));
                }
            }

            var second = await RunAsync(clients, 1000, outage);
            var admitted = first.Admitted + warmUp + second.Admitted;
            _output.WriteLine($"First run: {first.Admitted} admitted, {first.Refused} refused; second run: {second.Admitted} admitted, {second.Refused} refused; {Unchecked} unchecked, {_storeErrors.GetMeasurementSnapshot().Sum(m => m.Value)} store errors, {proxy.Accepted} store connections.");

            Assert.True(Unchecked >= 60, $"Only {Unchecked} calls were admitted unchecked.");
            Assert.True(admitted - Unchecked <= 100, $"{admitted} calls admitted, {Unchecked} of them unchecked: {admitted - Unchecked - 100} over the quota of 100 calls.");
            Assert.Equal(admitted, inner.Calls);

            // Checks resumed: the quota refused calls again after the outage.
            Assert.True(second.Refused > 0, "No call was refused after the outage: quota checks did not resume.");
        }
        finally
        {
            foreach (var instance in instances)
            {
                instance.Dispose();
            }
        }
    }

    // 1,000 calls in flight at once, spread over the instances, until at least `calls` were made and `until` holds (at
    // most 50 times as many); a hang guard over the lot.
    private static async Task<(int Admitted, int Refused)> RunAsync(IReadOnlyList<PromptLintChatClient> clients, int calls, Outage outage, Func<bool>? until = null, int workers = 1000)
    {
        var admitted = 0;
        var refused = 0;
        var issued = 0;
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref issued) is var i && (i <= calls || (until?.Invoke() == false && i <= calls * 50)))
            {
                try
                {
                    await clients[i % clients.Count].GetResponseAsync("Hi", Call.Clone().ForTenant("acme"));
                    outage.Admitted(Interlocked.Increment(ref admitted));
                }
                catch (QuotaExceededException)
                {
                    Interlocked.Increment(ref refused);
                }
            }
        }))).WaitAsync(HangGuard * 2);
        return (admitted, refused);
    }

    private sealed class Outage : IDisposable
    {
        private readonly TcpProxy _proxy;
        private readonly int _startAfterAdmitted;
        private readonly int _endAfterUnchecked;
        private readonly System.Diagnostics.Metrics.MeterListener _listener = new();
        private int _unchecked;
        private int _started;

        public Outage(TcpProxy proxy, int startAfterAdmitted, int endAfterUnchecked, string meterName)
        {
            _proxy = proxy;
            _startAfterAdmitted = startAfterAdmitted;
            _endAfterUnchecked = endAfterUnchecked;
            _listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == meterName && instrument.Name == "promptlint.quota.unchecked")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, _, _) =>
            {
                if (Volatile.Read(ref _started) == 1 && Interlocked.Add(ref _unchecked, (int)value) == _endAfterUnchecked)
                {
                    _proxy.Restore();
                    Ended = true;
                }
            });
            _listener.Start();
        }

        public bool Ended { get; private set; }

        public void Admitted(int count)
        {
            if (count == _startAfterAdmitted && Interlocked.Exchange(ref _started, 1) == 0)
            {
                _proxy.Kill();
            }
        }

        public void Dispose() => _listener.Dispose();
    }

    // Reserves hang until the test answers; settlements are recorded.
    private sealed class HangingStore : IQuotaStore
    {
        private readonly TaskCompletionSource<QuotaReservation> _answer = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly List<(QuotaReservation Reservation, long Actual)> _settled = new();

        public string? LastBucket { get; private set; }

        public TaskCompletionSource<IReadOnlyList<(QuotaReservation Reservation, long Actual)>> Settled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Answer(QuotaReservation reservation) => _answer.SetResult(reservation);

        public Task<QuotaReservation> ReserveAsync(string bucket, long amount, long limit, TimeSpan window, CancellationToken cancellationToken)
        {
            LastBucket = bucket;
            return _answer.Task;
        }

        public Task<long> GetUsedAsync(string bucket, CancellationToken cancellationToken)
            => Task.FromResult(0L);

        public Task SettleAsync(QuotaReservation reservation, long actual, CancellationToken cancellationToken)
        {
            lock (_settled)
            {
                _settled.Add((reservation, actual));
                Settled.TrySetResult(_settled.ToList());
            }

            return Task.CompletedTask;
        }
    }

    // A store that is down (every call throws) or up, and can miss a number of reservations; counts every call made to it.
    private sealed class SwitchableStore(IQuotaStore inner) : IQuotaStore
    {
        private int _calls;

        public bool Down { get; set; }

        public int FailReservations { get; set; }

        public int Calls => _calls;

        public Task<QuotaReservation> ReserveAsync(string bucket, long amount, long limit, TimeSpan window, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            if (Down || FailReservations-- > 0)
            {
                return Task.FromException<QuotaReservation>(new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.ConnectionRefused));
            }

            return inner.ReserveAsync(bucket, amount, limit, window, cancellationToken);
        }

        public Task<long> GetUsedAsync(string bucket, CancellationToken cancellationToken)
            => Down ? Task.FromException<long>(new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.ConnectionRefused)) : inner.GetUsedAsync(bucket, cancellationToken);

        public Task SettleAsync(QuotaReservation reservation, long actual, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            return Down
                ? Task.FromException(new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.ConnectionRefused))
                : inner.SettleAsync(reservation, actual, cancellationToken);
        }
    }

    // Says when the meter starts waiting on the store (the timeout's timer is created), so the test advances the clock only then.
    private sealed class SignallingClock(DateTimeOffset start) : FakeTimeProvider(start)
    {
        public TaskCompletionSource TimerCreated { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = base.CreateTimer(callback, state, dueTime, period);
            TimerCreated.TrySetResult();
            return timer;
        }
    }
}

/// <summary>
/// The system clock whose wall-clock time stands still, so a run cannot cross into the next quota window; timers and
/// timestamps (the store timeout, the cool-down) run as the system's.
/// </summary>
internal sealed class FrozenWallClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
