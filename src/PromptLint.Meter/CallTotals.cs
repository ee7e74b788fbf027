using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Threading;

namespace PromptLint.Meter;

/// <summary>
/// The per-call counters (<c>promptlint.calls</c>, <c>promptlint.cost</c>, <c>promptlint.unpriced_calls</c> and
/// <c>promptlint.tokens</c>), added up here per series and reported as observable counters when a reader collects.
/// <para>
/// Why: each measurement an OpenTelemetry SDK receives costs it a hash of every tag key and value to find its point, so
/// the four tags of each counter, per call, were most of what the meter cost more than <c>UseOpenTelemetry()</c>. A
/// series here is found with one comparison of references when calls repeat it, and one hash of its values otherwise.
/// An exporter sees the same thing either way: a monotonic sum per series (calls, USD, tokens), with the same names,
/// units and tags. A raw <see cref="MeterListener"/> sees each series' running total when it calls
/// <see cref="MeterListener.RecordObservableInstruments"/> instead of one measurement per call.
/// </para>
/// The series are bounded by the attribution series and the model bound, so this holds at most their product.
/// </summary>
internal sealed class CallTotals
{
    private readonly ConcurrentDictionary<Key, Entry> _entries = new();
    private readonly ObservableCounter<long> _calls;
    private readonly ObservableCounter<double> _cost;
    private readonly ObservableCounter<long> _unpriced;
    private readonly ObservableCounter<long> _tokens;

    // The series added to last: a run of calls of one prompt, tenant and model finds it by reference.
    private Entry? _last;

    public CallTotals(System.Diagnostics.Metrics.Meter meter)
    {
        _calls = meter.CreateObservableCounter("promptlint.calls", () => Observe(unpriced: false), "{call}", "Charged calls (successes, and failures the provider may have billed), per prompt id, route, tenant and request model.");
        _cost = meter.CreateObservableCounter("promptlint.cost", ObserveCost, "USD", "List-price cost of calls.");
        _unpriced = meter.CreateObservableCounter("promptlint.unpriced_calls", () => Observe(unpriced: true), "{call}", "Calls to models without a known price (no cost recorded).");
        _tokens = meter.CreateObservableCounter("promptlint.tokens", ObserveTokens, "{token}", "Tokens per prompt id, route, tenant and request model, by type: input and output (input includes cached input), and the breakdown cached_input, cache_write (parts of the input) and reasoning (part of the output).");
    }

    /// <summary>Whether any of the four is listened to (else a call adds nothing here).</summary>
    public bool Enabled => _calls.Enabled || _cost.Enabled || _unpriced.Enabled || _tokens.Enabled;

    /// <summary>
    /// A charged call: one call, its cost (or one unpriced call), its input and output tokens and their breakdown. The
    /// input and output are here in every configuration: the GenAI histograms carry the attribution only on request
    /// (<see cref="PromptLintMeterOptions.AttributeGenAIHistograms"/>) or are left to <c>UseOpenTelemetry()</c>.
    /// </summary>
    public void Add(in Dims dims, string model, in Usage usage, PriceEntry? price)
    {
        var entry = Find(dims, model);
        Interlocked.Increment(ref entry.Calls);
        if (price?.Info is null)
        {
            // Unknown models cost nothing that can be said: counted, never guessed.
            Interlocked.Increment(ref entry.Unpriced);
        }
        else
        {
            AddDouble(ref entry.Cost, PromptLintMetrics.Usd(usage, price));
            if (!Volatile.Read(ref entry.Priced))
            {
                // A flag, set once per series: one interlocked operation less on every priced call.
                Volatile.Write(ref entry.Priced, true);
            }
        }

        AddPositive(ref entry.Tokens[0], usage.Input);
        AddPositive(ref entry.Tokens[1], usage.Output);

        AddPositive(ref entry.Tokens[2], usage.CachedInput);
        AddPositive(ref entry.Tokens[3], usage.CacheWrite);
        AddPositive(ref entry.Tokens[4], usage.Reasoning);
    }

    private Entry Find(in Dims dims, string model)
    {
        var last = Volatile.Read(ref _last);
        if (last is not null && last.Key.Matches(dims, model))
        {
            return last;
        }

        var key = new Key(dims, model);
        if (!_entries.TryGetValue(key, out var entry))
        {
            entry = _entries.GetOrAdd(key, static k => new Entry(k));
        }

        Volatile.Write(ref _last, entry);
        return entry;
    }

    private List<Measurement<long>> Observe(bool unpriced)
    {
        var measurements = new List<Measurement<long>>();
        foreach (var entry in _entries.Values)
        {
            var total = unpriced ? Interlocked.Read(ref entry.Unpriced) : Interlocked.Read(ref entry.Calls);
            if (total > 0)
            {
                measurements.Add(new Measurement<long>(total, entry.Tags));
            }
        }

        return measurements;
    }

    private List<Measurement<double>> ObserveCost()
    {
        var measurements = new List<Measurement<double>>();
        foreach (var entry in _entries.Values)
        {
            if (Volatile.Read(ref entry.Priced))
            {
                measurements.Add(new Measurement<double>(Interlocked.CompareExchange(ref entry.Cost, 0, 0), entry.Tags));
            }
        }

        return measurements;
    }

    private List<Measurement<long>> ObserveTokens()
    {
        var measurements = new List<Measurement<long>>();
        foreach (var entry in _entries.Values)
        {
            for (var i = 0; i < Entry.TokenTypes.Length; i++)
            {
                var total = Interlocked.Read(ref entry.Tokens[i]);
                if (total > 0)
                {
                    measurements.Add(new Measurement<long>(total, entry.TokenTags(i)));
                }
            }
        }

        return measurements;
    }

    private static void AddPositive(ref long total, long value)
    {
        if (value > 0)
        {
            Interlocked.Add(ref total, value);
        }
    }

    private static void AddDouble(ref double total, double value)
    {
        var seen = Volatile.Read(ref total);
        while (true)
        {
            var found = Interlocked.CompareExchange(ref total, seen + value, seen);
            if (found.Equals(seen))
            {
                return;
            }

            seen = found;
        }
    }

    private sealed class Entry
    {
        public static readonly string[] TokenTypes = { "input", "output", "cached_input", "cache_write", "reasoning" };

        public readonly long[] Tokens = new long[5];
        public long Calls;
        public bool Priced;
        public long Unpriced;
        public double Cost;
        private readonly KeyValuePair<string, object?>[]?[] _tokenTags = new KeyValuePair<string, object?>[5][];

        public Entry(Key key)
        {
            Key = key;
            var custom = key.Custom?.Length ?? 0;
            Tags = new KeyValuePair<string, object?>[4 + custom];
            Tags[0] = new KeyValuePair<string, object?>("promptlint.prompt_id", key.Prompt);
            Tags[1] = new KeyValuePair<string, object?>("promptlint.route", key.Route);
            Tags[2] = new KeyValuePair<string, object?>("promptlint.tenant", key.Tenant);
            for (var i = 0; i < custom; i++)
            {
                Tags[3 + i] = key.Custom![i];
            }

            Tags[3 + custom] = new KeyValuePair<string, object?>("gen_ai.request.model", key.Model);
        }

        public Key Key { get; }

        /// <summary>The attribution and the request model, as the counters always carried them.</summary>
        public KeyValuePair<string, object?>[] Tags { get; }

        public KeyValuePair<string, object?>[] TokenTags(int type)
        {
            var tags = Volatile.Read(ref _tokenTags[type]);
            if (tags is null)
            {
                tags = new KeyValuePair<string, object?>[Tags.Length + 1];
                Tags.CopyTo(tags, 0);
                tags[Tags.Length] = new KeyValuePair<string, object?>("promptlint.token.type", TokenTypes[type]);
                Volatile.Write(ref _tokenTags[type], tags);
            }

            return tags;
        }
    }

    private readonly struct Key : IEquatable<Key>
    {
        public Key(in Dims dims, string model)
        {
            Prompt = dims.PromptId;
            Route = dims.Route;
            Tenant = dims.Tenant;
            Custom = dims.Custom;
            Model = model;
        }

        public string Prompt { get; }

        public string Route { get; }

        public string Tenant { get; }

        public string Model { get; }

        public KeyValuePair<string, object?>[]? Custom { get; }

        public bool Matches(in Dims dims, string model)
            => Same(Prompt, dims.PromptId) && Same(Route, dims.Route) && Same(Tenant, dims.Tenant) && Same(Model, model) && SameCustom(Custom, dims.Custom);

        public bool Equals(Key other)
            => Same(Prompt, other.Prompt) && Same(Route, other.Route) && Same(Tenant, other.Tenant) && Same(Model, other.Model) && SameCustom(Custom, other.Custom);

        public override bool Equals(object? obj) => obj is Key other && Equals(other);

        public override int GetHashCode()
        {
            unchecked
            {
                var hash = StringComparer.Ordinal.GetHashCode(Prompt);
                hash = (hash * 31) + StringComparer.Ordinal.GetHashCode(Route);
                hash = (hash * 31) + StringComparer.Ordinal.GetHashCode(Tenant);
                hash = (hash * 31) + StringComparer.Ordinal.GetHashCode(Model);
                if (Custom is { } custom)
                {
                    foreach (var pair in custom)
                    {
                        hash = (hash * 31) + StringComparer.Ordinal.GetHashCode(pair.Key);
                        hash = (hash * 31) + (pair.Value?.GetHashCode() ?? 0);
                    }
                }

                return hash;
            }
        }

        private static bool Same(string a, string b) => ReferenceEquals(a, b) || string.Equals(a, b, StringComparison.Ordinal);

        private static bool SameCustom(KeyValuePair<string, object?>[]? a, KeyValuePair<string, object?>[]? b)
        {
            if (ReferenceEquals(a, b))
            {
                return true;
            }

            if (a is null || b is null || a.Length != b.Length)
            {
                return false;
            }

            for (var i = 0; i < a.Length; i++)
            {
                if (!string.Equals(a[i].Key, b[i].Key, StringComparison.Ordinal) || !Equals(a[i].Value, b[i].Value))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
