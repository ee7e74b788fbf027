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
    private readonly Histogram<double> _duration;
    private readonly Histogram<double> _firstChunk;
    private readonly int _maxDistinct;
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, byte>> _seen = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _prompts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _routes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _tenants = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _models = new(StringComparer.Ordinal);

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
        // Bucket advice as the GenAI conventions give it for gen_ai.client.operation.duration.
        var seconds = new InstrumentAdvice<double> { HistogramBucketBoundaries = new[] { 0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92 } };
        _duration = _meter.CreateHistogram<double>("gen_ai.client.operation.duration", "s", "Duration of calls that reached the provider, successful or not (error.type set).", tags: null, advice: seconds);
        _firstChunk = _meter.CreateHistogram<double>("gen_ai.client.operation.time_to_first_chunk", "s", "Time from the start of a streaming call to its first chunk.", tags: null, advice: seconds);
        _drift = _meter.CreateHistogram<long>("promptlint.footprint.drift", "{token}", "Input tokens of a call minus the static footprint the build measured for its prompt id.", tags: null, advice: new InstrumentAdvice<long>
        {
            HistogramBucketBoundaries = new long[] { -4096, -1024, -256, -64, -16, 0, 16, 64, 256, 1024, 4096, 16384, 65536, 262144 },
        });
    }

    /// <summary>Records a business outcome of a prompt (e.g. the ticket was resolved), so cost per success can be computed.</summary>
    public void RecordOutcome(string promptId, bool success, string? tenant = null)
    {
        if (!_outcomes.Enabled)
        {
            return;
        }

        var tags = new TagList
        {
            { "promptlint.prompt_id", Bound("prompt", promptId) },
            { "promptlint.tenant", Bound("tenant", tenant) },
            { "promptlint.outcome", success ? "success" : "failure" },
        };
        Add(_outcomes, 1, tags);
    }

    internal void RecordStoreError(Attribution attribution)
    {
        if (_storeErrors.Enabled)
        {
            Add(_storeErrors, 1, Dimensions(Bind(attribution)));
        }
    }

    internal void RecordUnchecked(Attribution attribution)
    {
        if (_unchecked.Enabled)
        {
            Add(_unchecked, 1, Dimensions(Bind(attribution)));
        }
    }

    internal void RecordDrift(in Dims dims, long drift)
    {
        if (_drift.Enabled)
        {
            Record(_drift, drift, Dimensions(dims));
        }
    }

    internal void RecordRequest(Attribution attribution, string model, string outcome, string? reason = null, Exception? error = null)
    {
        if (_requests.Enabled)
        {
            RecordRequest(Bind(attribution), Bound("model", model), outcome, reason, error);
        }
    }

    /// <summary>Records a call's outcome; <paramref name="model"/> is already bounded.</summary>
    internal void RecordRequest(in Dims dims, string model, string outcome, string? reason = null, Exception? error = null)
    {
        if (!_requests.Enabled)
        {
            return;
        }

        var tags = Dimensions(dims);
        tags.Add("gen_ai.request.model", model);
        tags.Add("promptlint.outcome", outcome);
        if (reason is not null)
        {
            // input_budget, rate_limit, quota or quota_store.
            tags.Add("promptlint.reason", reason);
        }

        if (error is not null)
        {
            tags.Add("error.type", ErrorType(error));
        }

        Add(_requests, 1, tags);
    }

    /// <summary>
    /// <c>gen_ai.client.operation.duration</c> of a call that reached the provider (success or error), and for a stream
    /// <c>gen_ai.client.operation.time_to_first_chunk</c> when a chunk arrived.
    /// </summary>
    internal void RecordDuration(in Dims dims, Endpoint endpoint, string requestModel, string? responseModel, Exception? error, double seconds, double? firstChunkSeconds)
    {
        if (!_duration.Enabled && !(firstChunkSeconds is not null && _firstChunk.Enabled))
        {
            return;
        }

        var tags = Dimensions(dims);
        tags.Add("gen_ai.operation.name", "chat");
        tags.Add("gen_ai.provider.name", endpoint.Provider);
        tags.Add("gen_ai.request.model", requestModel);
        if (responseModel is not null)
        {
            tags.Add("gen_ai.response.model", responseModel);
        }

        endpoint.AddTo(ref tags);
        if (error is not null)
        {
            tags.Add("error.type", ErrorType(error));
        }

        if (_duration.Enabled)
        {
            Record(_duration, seconds, tags);
        }

        if (firstChunkSeconds is { } first && _firstChunk.Enabled)
        {
            Record(_firstChunk, first, tags);
        }
    }

    internal void RecordUsage(in Dims dims, Endpoint endpoint, string requestModel, string? responseModel, Usage usage, ModelInfo? price)
    {
        // Nothing listens (no exporter configured): nothing to build.
        if (!_tokenUsage.Enabled && !_tokens.Enabled && !_cost.Enabled && !_unpriced.Enabled)
        {
            return;
        }

        var model = requestModel;
        if (_tokenUsage.Enabled)
        {
            var tags = Dimensions(dims);
            tags.Add("gen_ai.operation.name", "chat");
            tags.Add("gen_ai.provider.name", endpoint.Provider);
            tags.Add("gen_ai.request.model", model);
            tags.Add("gen_ai.response.model", responseModel ?? model);
            endpoint.AddTo(ref tags);
            if (usage.Estimated)
            {
                tags.Add("promptlint.estimated", true);
            }

            // The same tags but the token type: one list, its last tag changed.
            tags.Add("gen_ai.token.type", "input");
            Record(_tokenUsage, usage.Input, tags);
            tags[tags.Count - 1] = new KeyValuePair<string, object?>("gen_ai.token.type", "output");
            Record(_tokenUsage, usage.Output, tags);
        }

        if (_tokens.Enabled)
        {
            var tags = Dimensions(dims);
            tags.Add("gen_ai.request.model", model);
            tags.Add("promptlint.token.type", "input");
            Count(usage.Input, "input");
            Count(usage.Output, "output");
            Count(usage.CachedInput, "cached_input");
            Count(usage.CacheWrite, "cache_write");
            Count(usage.Reasoning, "reasoning");

            void Count(long value, string type)
            {
                if (value > 0)
                {
                    tags[tags.Count - 1] = new KeyValuePair<string, object?>("promptlint.token.type", type);
                    Add(_tokens, value, tags);
                }
            }
        }

        if (price is null)
        {
            // Unknown models cost nothing that can be said: counted, never guessed.
            if (_unpriced.Enabled)
            {
                var unpriced = Dimensions(dims);
                unpriced.Add("gen_ai.request.model", model);
                Add(_unpriced, 1, unpriced);
            }
        }
        else if (_cost.Enabled)
        {
            var tags = Dimensions(dims);
            tags.Add("gen_ai.request.model", model);
            // In double, as the counter records it: decimal arithmetic costs more than the rest of the recording. Cached and
            // cache-write tokens are part of the input, each at its own price where the model has one.
            var cacheWrite = Math.Min(usage.CacheWrite, Math.Max(0, usage.Input - usage.CachedInput));
            var uncached = Math.Max(0, usage.Input - usage.CachedInput - cacheWrite);
            var usd = (uncached * (double)price.Input) + (usage.CachedInput * (double)(price.CachedInput ?? price.Input)) + (cacheWrite * (double)(price.CacheWrite ?? price.Input)) + (usage.Output * (double)price.Output);
            Add(_cost, usd / 1_000_000d, tags);
        }
    }

    private static string ErrorType(Exception error) => error.GetType().FullName ?? error.GetType().Name;

    /// <summary>The call's attribution with every value bounded, once per call however many instruments record it.</summary>
    internal Dims Bind(Attribution attribution)
    {
        KeyValuePair<string, object?>[]? custom = null;
        if (attribution.Custom is { Count: > 0 } pairs)
        {
            custom = new KeyValuePair<string, object?>[pairs.Count];
            for (var i = 0; i < pairs.Count; i++)
            {
                custom[i] = new KeyValuePair<string, object?>("promptlint." + pairs[i].Key, Bound("custom:" + pairs[i].Key, pairs[i].Value));
            }
        }

        return new Dims(Bound(_prompts, attribution.PromptId), Bound(_routes, attribution.Route), Bound(_tenants, attribution.Tenant), custom);
    }

    /// <summary>A model id, bounded like the other dimensions.</summary>
    internal string BoundModel(string? model) => Bound(_models, model);

    /// <summary>Whether any instrument is listened to (else a call records nothing and binds nothing).</summary>
    internal bool Enabled => _requests.Enabled || _tokenUsage.Enabled || _tokens.Enabled || _cost.Enabled || _unpriced.Enabled || _duration.Enabled || _firstChunk.Enabled || _drift.Enabled;

    private static TagList Dimensions(in Dims dims)
    {
        var tags = new TagList
        {
            { "promptlint.prompt_id", dims.PromptId },
            { "promptlint.route", dims.Route },
            { "promptlint.tenant", dims.Tenant },
        };
        if (dims.Custom is { } custom)
        {
            foreach (var pair in custom)
            {
                tags.Add(pair);
            }
        }

        return tags;
    }

    // Keeps a dimension's cardinality bounded: after the limit, new values are recorded as "other".
    private string Bound(string dimension, string? value)
        => Bound(dimension switch
        {
            "prompt" => _prompts,
            "route" => _routes,
            "tenant" => _tenants,
            "model" => _models,
            _ => _seen.GetOrAdd(dimension, _ => new ConcurrentDictionary<string, byte>(StringComparer.Ordinal)),
        }, value);

    private string Bound(ConcurrentDictionary<string, byte> seen, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "none";
        }

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

    // Each measurement on its own: a listener that throws loses that measurement for the listeners the runtime calls
    // after it (System.Diagnostics.Metrics does not catch), but never the caller's result or the other measurements.
    private static void Add<T>(Counter<T> counter, T value, in TagList tags)
        where T : struct
    {
        try
        {
            counter.Add(value, tags);
        }
        catch (Exception)
        {
            // Metrics are an observer: a listener or exporter that throws must not change what the caller sees.
        }
    }

    private static void Record<T>(Histogram<T> histogram, T value, in TagList tags)
        where T : struct
    {
        try
        {
            histogram.Record(value, tags);
        }
        catch (Exception)
        {
            // As above.
        }
    }

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();
}

/// <summary>A call's attribution, bounded, ready to become tags.</summary>
internal readonly struct Dims
{
    public Dims(string promptId, string route, string tenant, KeyValuePair<string, object?>[]? custom)
    {
        PromptId = promptId;
        Route = route;
        Tenant = tenant;
        Custom = custom;
    }

    public string PromptId { get; }

    public string Route { get; }

    public string Tenant { get; }

    public KeyValuePair<string, object?>[]? Custom { get; }
}

/// <summary>Where calls go: <c>gen_ai.provider.name</c>, and <c>server.address</c>/<c>server.port</c> when the inner client says.</summary>
internal readonly struct Endpoint
{
    public Endpoint(string provider, Uri? uri)
    {
        Provider = provider;
        Address = uri?.Host;
        Port = uri?.Port;
    }

    public string Provider { get; }

    public string? Address { get; }

    public int? Port { get; }

    public void AddTo(ref TagList tags)
    {
        if (Address is not null)
        {
            tags.Add("server.address", Address);
            if (Port is { } port)
            {
                tags.Add("server.port", port);
            }
        }
    }
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
