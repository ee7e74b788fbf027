using System;
using System.Collections.Concurrent;
using System.Threading;

namespace PromptLint.Meter;

/// <summary>
/// The usage the quota store last reported for each window (a reservation's answer includes the reservations in
/// flight), so that while the store is unavailable an instance admits its share of what was <em>left</em> of a limit,
/// not of the whole limit: a tenant at 90 of 100 gets at most <c>share × 10</c> more per instance. The highest answer
/// seen is kept (answers can arrive out of order; a window's usage only falls by releases, so this errs towards
/// admitting less). A window the store never answered for gets the share of the whole limit.
/// </summary>
internal sealed class LastKnownUsage
{
    // Windows are keyed by window start and tenant: forgotten all at once past this many, never without bound.
    private const int MaxWindows = 10_000;

    private readonly ConcurrentDictionary<string, long> _used = new(StringComparer.Ordinal);
    private int _count;

    /// <summary>Notes a store's answer for a window (granted or not).</summary>
    public void Note(Quotas.QuotaReservation answer)
    {
        if (_used.TryGetValue(answer.Bucket, out var seen))
        {
            if (answer.Used > seen)
            {
                _used.AddOrUpdate(answer.Bucket, answer.Used, (_, current) => Math.Max(current, answer.Used));
            }

            return;
        }

        if (Interlocked.Increment(ref _count) > MaxWindows)
        {
            _used.Clear();
            Interlocked.Exchange(ref _count, 1);
        }

        _used.AddOrUpdate(answer.Bucket, answer.Used, (_, current) => Math.Max(current, answer.Used));
    }

    /// <summary>What this instance may admit on its own in <paramref name="bucket"/> while the store is unavailable.</summary>
    public long FallbackLimit(string bucket, long limit, double share)
    {
        var left = _used.TryGetValue(bucket, out var used) ? Math.Max(0, limit - used) : limit;
        return (long)Math.Floor(left * share);
    }
}
