using Microsoft.Extensions.Time.Testing;
using PromptLint.Meter.Quotas;

namespace PromptLint.Meter.Tests;

/// <summary>
/// Issue 34, item 4: the in-memory store drops ended windows as calls go, without scanning, so memory holds only the
/// live windows however many tenants came and went (its time per call is in bench/, not here).
/// </summary>
public sealed class InMemoryQuotaStoreTests
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task TenantsOfEndedWindows_AreDroppedAsNewCallsArrive_SoMemoryHoldsOnlyLiveWindows()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero));
        var store = new InMemoryQuotaStore(clock);
        for (var i = 0; i < 5_000; i++)
        {
            await store.ReserveAsync("tokens:1:tenant" + i, 10, 100, Window, CancellationToken.None);
        }

        // Two window lengths later every one of them has ended; 5,000 calls of new tenants drop them all.
        clock.Advance(Window + Window);
        for (var i = 0; i < 5_000; i++)
        {
            await store.ReserveAsync("tokens:3:other" + i, 10, 100, Window, CancellationToken.None);
        }

        Assert.Equal(5_000, store.Count);
        Assert.Equal(0, await store.GetUsedAsync("tokens:1:tenant0", CancellationToken.None));
        Assert.Equal(10, await store.GetUsedAsync("tokens:3:other0", CancellationToken.None));
    }

    [Fact]
    public async Task ShortWindowsEndBeforeLongOnes_EachDroppedAtItsOwnEnd()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero));
        var store = new InMemoryQuotaStore(clock);
        await store.ReserveAsync("tokens:day:acme", 10, 100, TimeSpan.FromDays(1), CancellationToken.None);
        await store.ReserveAsync("rpm:1:acme", 1, 100, Window, CancellationToken.None);

        clock.Advance(Window + Window);
        await store.ReserveAsync("rpm:3:acme", 1, 100, Window, CancellationToken.None);

        Assert.Equal(0, await store.GetUsedAsync("rpm:1:acme", CancellationToken.None));
        Assert.Equal(10, await store.GetUsedAsync("tokens:day:acme", CancellationToken.None));
        Assert.Equal(2, store.Count);
    }

    [Fact]
    public async Task ASettlementAfterItsWindowWasDropped_RecreatesTheWindow()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero));
        var store = new InMemoryQuotaStore(clock);
        var reservation = await store.ReserveAsync("tokens:1:acme", 10, 100, Window, CancellationToken.None);
        clock.Advance(Window + Window);
        await store.ReserveAsync("tokens:3:acme", 10, 100, Window, CancellationToken.None);

        await store.SettleAsync(reservation, 25, CancellationToken.None);

        Assert.Equal(15, await store.GetUsedAsync("tokens:1:acme", CancellationToken.None));
    }

    [Fact]
    public async Task ConcurrentReservationsAcrossAWindowDrop_AdmitExactlyTheLimit()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero));
        var store = new InMemoryQuotaStore(clock);
        for (var i = 0; i < 1_000; i++)
        {
            await store.ReserveAsync("tokens:1:old" + i, 1, 100, Window, CancellationToken.None);
        }

        clock.Advance(Window + Window);
        var granted = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, 2_000), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (_, ct) =>
        {
            if ((await store.ReserveAsync("tokens:3:acme", 1, 500, Window, ct)).Granted)
            {
                Interlocked.Increment(ref granted);
            }
        });

        Assert.Equal(500, granted);
        Assert.Equal(500, await store.GetUsedAsync("tokens:3:acme", CancellationToken.None));
    }
}
