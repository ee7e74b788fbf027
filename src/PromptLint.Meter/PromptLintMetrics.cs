using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using PromptLint.Core.Pricing;

namespace PromptLint.Meter;

/// <summary>
/// The instruments (meter <c>PromptLint</c>): the OpenTelemetry GenAI histogram <c>gen_ai.client.token.usage</c>, and
/// PromptLint's token counter by type, cost counter (USD), request counter by outcome and outcome counter, all with
/// prompt id, route and tenant. Recording never throws: a failing listener or exporter cannot fail a call.
/// </summary>
public sealed class PromptLintMetrics : IDisposable
{
    /// <summary>The meter name.</summary>
    public const string DefaultMeterName = "PromptLint";

    private readonly System.Diagnostics.Metrics.Meter _meter;
    private readonly Histogram<long> _tokenUsage;
    private readonly Counter<long> _tokens;
    private readonly Counter<double> _cost;
    private readonly Counter<long> _requests;
    private readonly Counter<long> _outcomes;
    private readonly Histogram<long> _drift;
    private readonly Counter<long> _storeErrors;
    private readonly Counter<long> _unchecked;
    private readonly Counter<long> _unpriced;
    private readonly int _maxDistinct;
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, byte>> _seen = new(StringComparer.Ordinal);

    /// <summary>Creates the instruments.</summary>
    public PromptLintMetrics(string meterName = DefaultMeterName, int maxDistinctValuesPerDimension = 100)
    {
        _meter = new System.Diagnostics.Metrics.Meter(meterName);
        _maxDistinct = maxDistinctValuesPerDimension;
        // Bucket advice as the GenAI conventions give it (powers of 4 up to 64M tokens), so large prompts keep their percentiles.
        _tokenUsage = _meter.CreateHistogram<long>("gen_ai.client.token.usage", "{token}", "Tokens used per call (input includes cached input).", tags: null, advice: new InstrumentAdvice<long>
        {
            HistogramBucketBoundaries = new long[] { 1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864 },
        });
        _tokens = _meter.CreateCounter<long>("promptlint.tokens", "{token}", "Tokens by type: input, output, cached_input, cache_write, reasoning.");
        _cost = _meter.CreateCounter<double>("promptlint.cost", "USD", "List-price cost of calls.");
        _requests = _meter.CreateCounter<long>("promptlint.requests", "{request}", "Calls by outcome: success, error, rejected.");
        _outcomes = _meter.CreateCounter<long>("promptlint.outcomes", "{outcome}", "User-reported results, for cost per successful outcome.");
        _unpriced = _meter.CreateCounter<long>("promptlint.unpriced_calls", "{call}", "Calls to models without a known price (no cost recorded).");
        _storeErrors = _meter.CreateCounter<long>("promptlint.quota.store_errors", "{error}", "Quota store failures: errors, timeouts and calls made while the circuit is open.");
        _unchecked = _meter.CreateCounter<long>("promptlint.quota.unchecked", "{call}", "Calls admitted without a quota check because the store did not answer (fail-open).");
        _drift = _meter.CreateHistogram<long>("promptlint.footprint.drift", "{token}", "Input tokens of a call minus the static footprint the build measured for its prompt id.", tags: null, advice: new InstrumentAdvice<long>
        {
            HistogramBucketBoundaries = new long[] { -4096, -1024, -256, -64, -16, 0, 16, 64, 256, 1024, 4096, 16384, 65536, 262144 },
        });
    }

    /// <summary>Records a business outcome of a prompt (e.g. the ticket was resolved), so cost per success can be computed.</summary>
    public void RecordOutcome(string promptId, bool success, string? tenant = null)
        => Safe(() => _outcomes.Add(1, new TagList
        {
            { "promptlint.prompt_id", Bound("prompt", promptId) },
            { "promptlint.tenant", Bound("tenant", tenant) },
            { "promptlint.outcome", success ? "success" : "failure" },
        }));

    internal void RecordStoreError(Attribution attribution)
        => Safe(() => _storeErrors.Add(1, Dimensions(attribution)));

    internal void RecordUnchecked(Attribution attribution)
        => Safe(() => _unchecked.Add(1, Dimensions(attribution)));

    internal void RecordDrift(Attribution attribution, long drift)
        => Safe(() => _drift.Record(drift, Dimensions(attribution)));

    internal void RecordRequest(Attribution attribution, string model, string outcome, string? reason = null)
    {
        if (!_requests.Enabled)
        {
            return;
        }

        Safe(() =>
        {
            var tags = Dimensions(attribution);
            tags.Add("gen_ai.request.model", model);
            tags.Add("promptlint.outcome", outcome);
            if (reason is not null)
            {
                // input_budget, rate_limit, quota or quota_store.
                tags.Add("promptlint.reason", reason);
            }

            _requests.Add(1, tags);
        });
    }

    internal void RecordUsage(Attribution attribution, string provider, string requestModel, string? responseModel, Usage usage, ModelInfo? price)
    {
        // Nothing listens (no exporter configured): nothing to build.
        if (!_tokenUsage.Enabled && !_tokens.Enabled && !_cost.Enabled && !_unpriced.Enabled)
        {
            return;
        }

        Safe(() =>
        {
            TagList GenAi(string type)
            {
                var tags = Dimensions(attribution);
                tags.Add("gen_ai.token.type", type);
                tags.Add("gen_ai.operation.name", "chat");
                tags.Add("gen_ai.provider.name", provider);
                tags.Add("gen_ai.request.model", requestModel);
                tags.Add("gen_ai.response.model", responseModel ?? requestModel);
                if (usage.Estimated)
                {
                    tags.Add("promptlint.estimated", true);
                }

                return tags;
            }

            _tokenUsage.Record(usage.Input, GenAi("input"));
            _tokenUsage.Record(usage.Output, GenAi("output"));

            void Count(string type, long value)
            {
                if (value > 0)
                {
                    var tags = Dimensions(attribution);
                    tags.Add("promptlint.token.type", type);
                    tags.Add("gen_ai.request.model", requestModel);
                    _tokens.Add(value, tags);
                }
            }

            Count("input", usage.Input);
            Count("output", usage.Output);
            Count("cached_input", usage.CachedInput);
            Count("cache_write", usage.CacheWrite);
            Count("reasoning", usage.Reasoning);

            if (price is null)
            {
                // Unknown models cost nothing that can be said: counted, never guessed.
                var unpriced = Dimensions(attribution);
                unpriced.Add("gen_ai.request.model", requestModel);
                _unpriced.Add(1, unpriced);
            }
            else
            {
                var uncached = Math.Max(0, usage.Input - usage.CachedInput);
                var cost = (uncached * price.Input + usage.CachedInput * (price.CachedInput ?? price.Input) + usage.Output * price.Output) / 1_000_000m;
                var tags = Dimensions(attribution);
                tags.Add("gen_ai.request.model", requestModel);
                _cost.Add((double)cost, tags);
            }
        });
    }

    private TagList Dimensions(Attribution attribution)
    {
        var tags = new TagList
        {
            { "promptlint.prompt_id", Bound("prompt", attribution.PromptId) },
            { "promptlint.route", Bound("route", attribution.Route) },
            { "promptlint.tenant", Bound("tenant", attribution.Tenant) },
        };
        if (attribution.Custom is { } custom)
        {
            foreach (var pair in custom)
            {
                tags.Add("promptlint." + pair.Key, Bound(pair.Key, pair.Value));
            }
        }

        return tags;
    }

    // Keeps a dimension's cardinality bounded: after the limit, new values are recorded as "other".
    private string Bound(string dimension, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "none";
        }

        var seen = _seen.GetOrAdd(dimension, _ => new ConcurrentDictionary<string, byte>(StringComparer.Ordinal));
        if (seen.ContainsKey(value!))
        {
            return value!;
        }

        if (seen.Count >= _maxDistinct)
        {
            return "other";
        }

        seen.TryAdd(value!, 0);
        return value!;
    }

    private static void Safe(Action record)
    {
        try
        {
            record();
        }
        catch (Exception)
        {
            // Metrics are an observer: a listener or exporter that throws must not change what the caller sees.
        }
    }

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();
}

/// <summary>Who a call is for.</summary>
internal readonly struct Attribution
{
    public Attribution(string? promptId, string? route, string? tenant, IReadOnlyList<KeyValuePair<string, string>>? custom = null)
    {
        Custom = custom;
        PromptId = promptId;
        Route = route;
        Tenant = tenant;
    }

    public string? PromptId { get; }

    public string? Route { get; }

    public string? Tenant { get; }

    /// <summary>User-defined dimensions that the options allow, in name order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>>? Custom { get; }
}

/// <summary>Token usage of one call.</summary>
internal readonly struct Usage
{
    public Usage(long input, long output, long cachedInput, long reasoning, bool estimated, long cacheWrite = 0)
    {
        CacheWrite = cacheWrite;
        Input = input;
        Output = output;
        CachedInput = cachedInput;
        Reasoning = reasoning;
        Estimated = estimated;
    }

    public long Input { get; }

    public long Output { get; }

    public long CachedInput { get; }

    public long Reasoning { get; }

    public long CacheWrite { get; }

    public bool Estimated { get; }
}
