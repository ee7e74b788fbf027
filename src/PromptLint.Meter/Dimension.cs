using System;
using System.Collections.Concurrent;
using System.Threading;

namespace PromptLint.Meter;

/// <summary>
/// One dimension's values, bounded: after the limit, new values are recorded as "other". The value admitted last is
/// remembered, so a run of calls with the same value (one prompt, one tenant) skips the lookup. An eighth of the limit
/// is held back from first arrivals for values that spend (see <see cref="SpendSketch{TKey}"/>): a tenant that arrives
/// after the limit is reached and then spends a large share of what "other" spends gets its own value.
/// </summary>
internal sealed class Dimension
{
    private readonly ConcurrentDictionary<string, byte> _seen = new(StringComparer.Ordinal);
    private readonly int _arrivalMax;
    private readonly int _promotionMax;
    private readonly SpendSketch<string> _spenders = new();
    private string? _last;
    private int _count;
    private int _promoted;

    public Dimension(string tagKey, int max)
    {
        TagKey = tagKey;
        _promotionMax = max / 8;
        _arrivalMax = max - _promotionMax;
    }

    public string TagKey { get; }

    /// <summary>The value, or "other" past the limit; <paramref name="spend"/> is what the call cost (for the held-back values).</summary>
    public string Bound(string? value, double spend = 0)
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
            if (Volatile.Read(ref _count) >= _arrivalMax || !_seen.TryAdd(value!, 0))
            {
                return _seen.ContainsKey(value!) ? value! : Spender(value!, spend) ? value! : "other";
            }

            Interlocked.Increment(ref _count);
        }

        _last = value;
        return value!;
    }

    // A value past the arrival limit that now spends a large share of "other" takes one of the held-back places.
    private bool Spender(string value, double spend)
    {
        if (_promotionMax == 0 || Volatile.Read(ref _promoted) >= _promotionMax || !_spenders.AddAndCheck(value, spend))
        {
            return false;
        }

        if (Interlocked.Increment(ref _promoted) <= _promotionMax && _seen.TryAdd(value, 0))
        {
            Interlocked.Increment(ref _count);
            _spenders.Forget(value);
            return true;
        }

        Interlocked.Decrement(ref _promoted);
        return _seen.ContainsKey(value);
    }
}
