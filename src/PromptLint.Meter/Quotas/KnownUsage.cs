using System.Collections.Concurrent;
using System.Threading;

namespace PromptLint.Meter.Quotas;

/// <summary>
/// The usage the quota store last reported per window, adjusted by this instance's settlements since: what is left of a
/// tenant's quota when the store stops answering, so the local fallback admits a share of the remainder, not of the
/// whole quota. Bounded: past <see cref="MaxWindows"/> windows it forgets them all (a forgotten window falls back to a
/// share of the whole limit, as one never seen does).
/// </summary>
internal sealed class KnownUsage
{
    internal const int MaxWindows = 65_536;

    private ConcurrentDictionary<string, StrongBox> _windows = new(System.StringComparer.Ordinal);
    private int _count;

    public void Saw(string bucket, long used)
    {
        var windows = Volatile.Read(ref _windows);
        if (windows.TryGetValue(bucket, out var box))
        {
            Interlocked.Exchange(ref box.Value, used);
            return;
        }

        if (Interlocked.Increment(ref _count) > MaxWindows)
        {
            Interlocked.Exchange(ref _count, 1);
            windows = new ConcurrentDictionary<string, StrongBox>(System.StringComparer.Ordinal);
            Volatile.Write(ref _windows, windows);
        }

        windows[bucket] = new StrongBox(used);
    }

    public void Settled(string bucket, long delta)
    {
        if (delta != 0 && Volatile.Read(ref _windows).TryGetValue(bucket, out var box))
        {
            Interlocked.Add(ref box.Value, delta);
        }
    }

    public long Used(string bucket) => Volatile.Read(ref _windows).TryGetValue(bucket, out var box) ? Interlocked.Read(ref box.Value) : 0;

    private sealed class StrongBox
    {
        public long Value;

        public StrongBox(long value) => Value = value;
    }
}
