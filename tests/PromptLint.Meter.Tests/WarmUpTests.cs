using Microsoft.Extensions.AI;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Time.Testing;
using PromptLint.Meter.Quotas;
using static PromptLint.Meter.Tests.QuotaTests;

namespace PromptLint.Meter.Tests;

/// <summary>
/// Issue 34, item 1: a store with a warm-up is warmed before the first reservation waits, and while it is cold a slow
/// answer is waited for (up to the warm-up timeout) instead of failing open at the store timeout. On a fake clock:
/// every assertion is on states and counts.
/// </summary>
public sealed class WarmUpTests
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task ColdStoreAnsweringAfterTheStoreTimeout_IsWaitedFor_AndTheCallIsChecked()
    {
        var name = "PromptLint.WarmUp." + Guid.NewGuid().ToString("N");
        using var metrics = new PromptLintMetrics(name);
        using var unchecked_ = new MetricCollector<long>(null, name, "promptlint.quota.unchecked");
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero));
        var store = new SlowWarmStore(new InMemoryQuotaStore(clock));
        var client = Client(store, 1000, clock, configure: o => o.QuotaStoreTimeout = TimeSpan.FromMilliseconds(250), metrics: metrics);

        var call = client.GetResponseAsync("Hi", Call.Clone().ForTenant("acme"));
        await store.Reserving.Task.WaitAsync(HangGuard);

        // Past the 250 ms store timeout, within the 5 s warm-up timeout: still waiting, not failed open.
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.False(call.IsCompleted);
        store.Answer.TrySetResult();

        Assert.Equal("ok", (await call.WaitAsync(HangGuard)).Text);
        Assert.True(store.WarmedUp);
        Assert.Empty(unchecked_.GetMeasurementSnapshot());
        Assert.Equal(10, (await client.GetUsageAsync("acme")).TokensUsed);
    }

    [Fact]
    public async Task WarmUpThatFails_ThrowsFromWarmUpAsync_AndCallsFallBackToTheStoreTimeout()
    {
        var client = Client(new BrokenWarmStore(), 1000);

        await Assert.ThrowsAsync<QuotaStoreUnavailableException>(() => client.WarmUpAsync());

        // The store is down, not cold: the call fails open at once through the usual path.
        Assert.Equal("ok", (await client.GetResponseAsync("Hi", Call.Clone().ForTenant("acme")).WaitAsync(HangGuard)).Text);
    }

    private sealed class SlowWarmStore(IQuotaStore inner) : IQuotaStore, IQuotaStoreWarmUp
    {
        public bool WarmedUp { get; private set; }

        public TaskCompletionSource Reserving { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task WarmUpAsync(CancellationToken cancellationToken)
        {
            WarmedUp = true;
            return Task.CompletedTask;
        }

        public async Task<QuotaReservation> ReserveAsync(string bucket, long amount, long limit, TimeSpan window, CancellationToken cancellationToken)
        {
            Assert.True(WarmedUp);
            Reserving.TrySetResult();
            await Answer.Task;
            return await inner.ReserveAsync(bucket, amount, limit, window, cancellationToken);
        }

        public Task SettleAsync(QuotaReservation reservation, long actual, CancellationToken cancellationToken) => inner.SettleAsync(reservation, actual, cancellationToken);

        public Task<long> GetUsedAsync(string bucket, CancellationToken cancellationToken) => inner.GetUsedAsync(bucket, cancellationToken);
    }

    private sealed class BrokenWarmStore : IQuotaStore, IQuotaStoreWarmUp
    {
        public Task WarmUpAsync(CancellationToken cancellationToken) => Task.FromException(new TimeoutException("no route to the store"));

        public Task<QuotaReservation> ReserveAsync(string bucket, long amount, long limit, TimeSpan window, CancellationToken cancellationToken)
            => Task.FromException<QuotaReservation>(new TimeoutException("no route to the store"));

        public Task SettleAsync(QuotaReservation reservation, long actual, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task<long> GetUsedAsync(string bucket, CancellationToken cancellationToken) => Task.FromResult(0L);
    }
}
