using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;

namespace PromptLint.Meter;

/// <summary>
/// Bounds the attribution combinations (prompt id, route, tenant and custom dimensions) the instruments ever see, so the
/// number of series per instrument stays below a limit however the values combine: bounding each dimension alone let
/// 100 × 100 × 100 values make 631,831 tag sets, past the OpenTelemetry SDK's 2,000 points per metric, which then folds
/// the rest into one overflow series without a tenant. Full combinations take the first three quarters of the bound in
/// order of arrival; past that, a new combination keeps its prompt and route with the tenant (and custom values) as
/// "other", in the last quarter, and once that is full too it is recorded as all "other".
/// <para>
/// Arrival order alone would give the series to whoever came first. So an eighth of the bound is held back from
/// arrivals for the combinations that spend: a combination recorded as "other" has its spend (list-price cost, tokens
/// for unpriced models) counted in a small heavy-hitter sketch (<see cref="SpendSketch{TKey}"/>), and once it has spent at
/// least a tenth of everything recorded as "other" (after at least 50 such calls) it
/// is admitted to one of those held-back series. Series never move once admitted: an exporter keeps every series it
/// saw, so taking one away would not bring the count down.
/// </para>
/// </summary>
internal sealed class AttributionSeries
{
    internal const string Other = "other";

    // Each admitted combination with its box for _last, made once: a call of a known combination allocates nothing,
    // however the tenants interleave.
    private readonly ConcurrentDictionary<Key, Last> _seen = new();
    private readonly int _max;

    // Full combinations take up to three quarters of the bound; the rest is kept for "tenant other" combinations, so a
    // prompt and route met after the bound is reached still have a series of their own.
    private readonly int _fullMax;

    // Full combinations admitted by arrival: the full share less the series held back for spenders.
    private readonly int _arrivalMax;
    private readonly int _promotionMax;
    private int _promoted;
    private readonly SpendSketch<Key> _spenders = new();
    private int _count;
    // The combination admitted last, boxed so it is read whole (a torn struct could match a combination never admitted).
    private Last? _last;

    public AttributionSeries(int max)
    {
        _max = Math.Max(1, max);
        _fullMax = Math.Max(1, _max - (_max / 4));
        _promotionMax = _max / 8;
        _arrivalMax = Math.Max(1, _fullMax - _promotionMax);

        // The all-"other" combination is always there, inside the bound: where everything past it goes.
        var all = new Key(Other, Other, Other, null);
        _seen.TryAdd(all, new Last(all));
        _count = 1;
    }

    /// <summary>The distinct combinations admitted so far (at most the bound).</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>The combination's series (itself, or with "other" in it past the bound); <paramref name="spend"/> is what the call cost.</summary>
    public Dims Admit(Dims dims, double spend = 0)
    {
        var key = new Key(dims.PromptId, dims.Route, dims.Tenant, dims.Custom);
        var last = _last;
        if (last is not null && last.Key.Equals(key))
        {
            return dims;
        }

        if (_seen.TryGetValue(key, out var known))
        {
            _last = known;
            return dims;
        }

        if (Interlocked.Increment(ref _count) <= _arrivalMax && _seen.TryAdd(key, new Last(key)))
        {
            return dims;
        }

        Interlocked.Decrement(ref _count);
        if (_seen.ContainsKey(key))
        {
            return dims;
        }

        // A spender among the combinations recorded as "other" gets one of the series held back for spenders.
        if (_promotionMax > 0 && Volatile.Read(ref _promoted) < _promotionMax && _spenders.AddAndCheck(key, spend))
        {
            // Still within the bound: the held-back series are the bound's, not in addition to it.
            if (Interlocked.Increment(ref _promoted) <= _promotionMax)
            {
                if (Interlocked.Increment(ref _count) <= _max && _seen.TryAdd(key, new Last(key)))
                {
                    _spenders.Forget(key);
                    return dims;
                }

                Interlocked.Decrement(ref _count);
            }

            Interlocked.Decrement(ref _promoted);
            if (_seen.ContainsKey(key))
            {
                return dims;
            }
        }

        var custom = dims.Custom is null ? null : Others(dims.Custom);
        var tenantOther = new Key(dims.PromptId, dims.Route, Other, custom);
        if (_seen.ContainsKey(tenantOther))
        {
            return new Dims(dims.PromptId, dims.Route, Other, custom);
        }

        // Room may be left by the race above; otherwise everything is "other".
        if (Interlocked.Increment(ref _count) <= _max && _seen.TryAdd(tenantOther, new Last(tenantOther)))
        {
            return new Dims(dims.PromptId, dims.Route, Other, custom);
        }

        Interlocked.Decrement(ref _count);
        return new Dims(Other, Other, Other, custom is null ? null : custom);
    }

    private static KeyValuePair<string, object?>[] Others(KeyValuePair<string, object?>[] custom)
    {
        var others = new KeyValuePair<string, object?>[custom.Length];
        for (var i = 0; i < custom.Length; i++)
        {
            others[i] = new KeyValuePair<string, object?>(custom[i].Key, Other);
        }

        return others;
    }

    /// <summary>Full combinations admitted because they spent (for tests).</summary>
    internal int Promoted => Math.Min(Volatile.Read(ref _promoted), _promotionMax);

    private sealed class Last
    {
        public Last(Key key) => Key = key;

        public Key Key { get; }
    }

    private readonly struct Key : IEquatable<Key>
    {
        private readonly string? _prompt;
        private readonly string? _route;
        private readonly string? _tenant;
        private readonly string? _custom;

        public Key(string prompt, string route, string tenant, KeyValuePair<string, object?>[]? custom)
        {
            _prompt = prompt;
            _route = route;
            _tenant = tenant;
            _custom = custom is null ? null : Join(custom);
        }

        public bool Equals(Key other)
            => ReferenceEqualsOrEqual(_prompt, other._prompt) && ReferenceEqualsOrEqual(_route, other._route) && ReferenceEqualsOrEqual(_tenant, other._tenant) && string.Equals(_custom, other._custom, StringComparison.Ordinal);

        public override bool Equals(object? obj) => obj is Key other && Equals(other);

        public override int GetHashCode()
        {
            unchecked
            {
                var hash = StringComparer.Ordinal.GetHashCode(_prompt ?? string.Empty);
                hash = (hash * 31) + StringComparer.Ordinal.GetHashCode(_route ?? string.Empty);
                hash = (hash * 31) + StringComparer.Ordinal.GetHashCode(_tenant ?? string.Empty);
                return _custom is null ? hash : (hash * 31) + StringComparer.Ordinal.GetHashCode(_custom);
            }
        }

        private static bool ReferenceEqualsOrEqual(string? a, string? b) => ReferenceEquals(a, b) || string.Equals(a, b, StringComparison.Ordinal);

        private static string Join(KeyValuePair<string, object?>[] custom)
        {
            var parts = new string[custom.Length * 2];
            for (var i = 0; i < custom.Length; i++)
            {
                parts[2 * i] = custom[i].Key;
                parts[(2 * i) + 1] = custom[i].Value?.ToString() ?? string.Empty;
            }

            return string.Join("\0", parts);
        }
    }
}
