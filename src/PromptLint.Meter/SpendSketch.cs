using System.Collections.Generic;

namespace PromptLint.Meter;

/// <summary>
/// Spend of the values (or attribution combinations) recorded as "other", in a fixed number of counters: the
/// Space-Saving heavy-hitter sketch, where a new key takes over the smallest counter and adds to it, so a key that spends
/// a large share is always counted and never under-counted. A key is a spender once it has spent at least a tenth of all
/// spend recorded as "other", after at least <see cref="MinCalls"/> such calls (so the first few calls past the bound do
/// not win on arrival order again). O(counters) per call past the bound, nothing before it.
/// </summary>
internal sealed class SpendSketch<TKey>
    where TKey : notnull
{
    internal const int MinCalls = 50;
    private const int Counters = 64;
    private const double Share = 0.1;

    private readonly Dictionary<TKey, double> _spent = new();
    private double _total;
    private long _calls;

    /// <summary>Adds a call's spend to <paramref name="key"/>; true when the key is now a spender.</summary>
    public bool AddAndCheck(TKey key, double spend)
    {
        if (!(spend > 0))
        {
            return false;
        }

        lock (_spent)
        {
            _total += spend;
            _calls++;
            if (!_spent.TryGetValue(key, out var spent) && _spent.Count >= Counters)
            {
                TKey smallest = default!;
                var least = double.MaxValue;
                foreach (var pair in _spent)
                {
                    if (pair.Value < least)
                    {
                        least = pair.Value;
                        smallest = pair.Key;
                    }
                }

                _spent.Remove(smallest);
                spent = least;
            }

            spent += spend;
            _spent[key] = spent;
            return _calls >= MinCalls && spent >= Share * _total;
        }
    }

    /// <summary>Stops counting a key that got its own series; its spend no longer raises the bar for the others.</summary>
    public void Forget(TKey key)
    {
        lock (_spent)
        {
            if (_spent.TryGetValue(key, out var spent))
            {
                _spent.Remove(key);
                _total -= spent;
            }
        }
    }
}
