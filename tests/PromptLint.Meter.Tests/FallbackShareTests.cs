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
