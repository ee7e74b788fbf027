using Microsoft.Extensions.AI;
using PromptLint.Meter.Quotas;
using static PromptLint.Meter.Tests.QuotaTests;

namespace PromptLint.Meter.Tests;

/// <summary>Issue 34, item 1: failing open is bounded: each instance admits at most its share of the quota while the store is down.</summary>
public sealed class FallbackShareTests
{
    [Fact]
    public async Task StoreDown_FailingOpen_EachInstanceAdmitsItsShareOfTheQuota_ThenRefuses()
    {
        var store = new DeadStore();
        var clients = Enumerable.Range(0, 4).Select(_ => Client(store, 1000, configure: o => o.QuotaStoreFallbackShare = 0.25)).ToList();

        // Regression: all 1,000 calls were admitted unchecked.
        var admitted = await AdmittedAsync(clients, 1000, "acme");

        Assert.Equal(100, admitted);
    }

    [Fact]
    public async Task StoreDown_SharedRateLimit_IsBoundedByTheShareToo()
    {
        var client = Client(new DeadStore(), 1_000_000, configure: o =>
        {
            o.ShareRateLimitsThroughQuotaStore = true;
            o.TenantRequestsPerMinute = 40;
            o.QuotaStoreFallbackShare = 0.5;
        });
        var admitted = 0;
        for (var i = 0; i < 100; i++)
        {
            try
            {
                await client.GetResponseAsync("Hi", Call.Clone().ForTenant("acme"));
                admitted++;
            }
            catch (RateLimitExceededException)
            {
            }
        }

        Assert.Equal(20, admitted);
    }

    [Fact]
    public async Task StoreDownForATenantNeverSeen_FailingOpen_AdmitsItsShareOfTheWholeQuota()
    {
        var store = new SwitchableStore(new InMemoryQuotaStore()) { Down = true };
        var client = Client(store, 1000, new FrozenWallClock(DateTimeOffset.UtcNow), configure: o => o.QuotaStoreFallbackShare = 0.5);

        Assert.Equal(50, await AdmittedAsync(new[] { client }, 100, "acme"));
    }

    [Fact]
    public async Task StoreDownAfterTheTenantUsedMostOfItsQuota_FailingOpen_AdmitsItsShareOfWhatWasLeft()
    {
        // 90 of 100 calls' worth used while the store answered; then it goes down.
        var store = new SwitchableStore(new InMemoryQuotaStore());
        var client = Client(store, 1000, new FrozenWallClock(DateTimeOffset.UtcNow), configure: o => o.QuotaStoreFallbackShare = 0.5);
        Assert.Equal(90, await AdmittedAsync(new[] { client }, 90, "acme"));
        store.Down = true;

        // Regression: the share was of the whole quota (50 calls), not of the 10 calls left.
        Assert.Equal(5, await AdmittedAsync(new[] { client }, 100, "acme"));
    }

    [Fact]
    public async Task ThreeInstances_StoreDownAfterEachSawTheUsage_TogetherAdmitNoMoreThanWhatWasLeft()
    {
        // The quota (1,000 calls) has far more room than the 32 calls in flight, so each instance's last answer is
        // the usage the others left, however the burst interleaved: each then learns the final usage with one call.
        var store = new SwitchableStore(new InMemoryQuotaStore());
        var clients = Enumerable.Range(0, 3).Select(_ => Client(store, 10_000, new FrozenWallClock(DateTimeOffset.UtcNow), configure: o => o.QuotaStoreFallbackShare = 1.0 / 3)).ToList();
        Assert.Equal(600, await AdmittedAsync(clients, 600, "acme"));
        foreach (var client in clients)
        {
            await client.GetResponseAsync("Hi", Call.Clone().ForTenant("acme"));
        }

        store.Down = true;

        // The instances last saw 6,010, 6,020 and 6,030 of 10,000 tokens used: a third of what each saw left is 133,
        // 132 and 132 calls, 397 together, which is what is left (1,000 - 603 calls). Before: a third of the whole
        // quota each, 999 calls.
        Assert.Equal(397, await AdmittedAsync(clients, 1_000, "acme"));
    }

    [Fact]
    public void ShareOutsideZeroToOne_IsRefusedAtStart()
        => Assert.Throws<ArgumentOutOfRangeException>(() => new ChatClientBuilder(new FailingClient()).UsePromptLintMeter(o => o.QuotaStoreFallbackShare = 0));

    private sealed class SwitchableStore(IQuotaStore inner) : IQuotaStore
    {
        public volatile bool Down;

        public Task<QuotaReservation> ReserveAsync(string bucket, long amount, long limit, TimeSpan window, CancellationToken cancellationToken)
            => Down ? Task.FromException<QuotaReservation>(new TimeoutException("store is down")) : inner.ReserveAsync(bucket, amount, limit, window, cancellationToken);

        public Task SettleAsync(QuotaReservation reservation, long actual, CancellationToken cancellationToken)
            => Down ? Task.FromException(new TimeoutException("store is down")) : inner.SettleAsync(reservation, actual, cancellationToken);

        public Task<long> GetUsedAsync(string bucket, CancellationToken cancellationToken)
            => Down ? Task.FromException<long>(new TimeoutException("store is down")) : inner.GetUsedAsync(bucket, cancellationToken);
    }

    private sealed class DeadStore : IQuotaStore
    {
        public Task<QuotaReservation> ReserveAsync(string bucket, long amount, long limit, TimeSpan window, CancellationToken cancellationToken)
            => Task.FromException<QuotaReservation>(new TimeoutException("store is down"));

        public Task SettleAsync(QuotaReservation reservation, long actual, CancellationToken cancellationToken)
            => Task.FromException(new TimeoutException("store is down"));

        public Task<long> GetUsedAsync(string bucket, CancellationToken cancellationToken)
            => Task.FromException<long>(new TimeoutException("store is down"));
    }
}
