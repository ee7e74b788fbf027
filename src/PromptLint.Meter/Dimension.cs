using System;
using System.Collections.Concurrent;
using System.Threading;

namespace PromptLint.Meter;

/// <summary>
/// One dimension's values, bounded: after the limit, new values are recorded as "other". The value admitted last is
/// remembered, so a run of calls with the same value (one prompt, one tenant) skips the lookup.
/// </summary>
internal sealed class Dimension
{
    private readonly ConcurrentDictionary<string, byte> _seen = new(StringComparer.Ordinal);
    private readonly int _max;
    private string? _last;
    private int _count;

    public Dimension(string tagKey, int max)
    {
        TagKey = tagKey;
        _max = max;
    }

    public string TagKey { get; }

    public string Bound(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "none";
        }

        var last = _last;
        if (last is not null && string.Equals(last, value, StringComparison.Ordinal))
        {
            return last;
        }

        if (!_seen.ContainsKey(value!))
        {
            // Counted here, not through ConcurrentDictionary.Count, which takes every lock of the table.
            if (Volatile.Read(ref _count) >= _max || !_seen.TryAdd(value!, 0))
            {
                return _seen.ContainsKey(value!) ? value! : "other";
            }

            Interlocked.Increment(ref _count);
        }

        _last = value;
        return value!;
    }
}
