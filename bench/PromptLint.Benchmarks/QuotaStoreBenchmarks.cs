using BenchmarkDotNet.Attributes;
using PromptLint.Meter.Quotas;

namespace PromptLint.Benchmarks;

/// <summary>
/// One reservation and its settlement in <see cref="InMemoryQuotaStore"/> with many live tenants (issue 34, item 4:
/// at most 5 µs at 50,000 and 1,000,000). "Live": every tenant's window is open, calls go round the tenants. "Churn": the
/// clock moves so that windows keep ending while calls arrive, and each call opens a new window, so every call also
/// drops an ended one (the steady state of a long-lived process).
/// </summary>
[MemoryDiagnoser]
public class QuotaStoreBenchmarks
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private InMemoryQuotaStore _store = null!;
    private InMemoryQuotaStore _churning = null!;
    private ManualClock _clock = null!;
    private string[] _live = null!;
    private int _next;
    private long _calls;

    [Params(50_000, 1_000_000)]
    public int Tenants { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _store = new InMemoryQuotaStore();
        _live = new string[Tenants];
        for (var i = 0; i < Tenants; i++)
        {
            _live[i] = "tokens:1:tenant" + i;
            _store.ReserveAsync(_live[i], 10, 1_000_000_000, TimeSpan.FromHours(1), CancellationToken.None).GetAwaiter().GetResult();
        }

        _clock = new ManualClock();
        _churning = new InMemoryQuotaStore(_clock);
        for (var i = 0; i < Tenants; i++)
        {
            Churn().GetAwaiter().GetResult();
        }
    }

    [Benchmark(Description = "reserve + settle, all tenants live")]
    public async Task Live()
    {
        var key = _live[_next++ % _live.Length];
        var reservation = await _store.ReserveAsync(key, 100, 1_000_000_000, TimeSpan.FromHours(1), CancellationToken.None);
        await _store.SettleAsync(reservation, 60, CancellationToken.None);
    }

    [Benchmark(Description = "reserve + settle, windows ending as calls arrive")]
    public Task Churning() => Churn();

    private async Task Churn()
    {
        // Tenants live windows of two window lengths each, so about `Tenants` windows are held at any time.
        var call = _calls++;
        _clock.Ticks += 2 * Window.Ticks / Tenants;
        var reservation = await _churning.ReserveAsync("tokens:" + (call / Tenants) + ":tenant" + (call % Tenants), 100, 1_000_000_000, Window, CancellationToken.None);
        await _churning.SettleAsync(reservation, 60, CancellationToken.None);
    }

    private sealed class ManualClock : TimeProvider
    {
        public long Ticks = new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero).UtcTicks;

        public override DateTimeOffset GetUtcNow() => new(Ticks, TimeSpan.Zero);
    }
}
