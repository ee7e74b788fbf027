using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Threading;

namespace PromptLint.Meter;

/// <summary>
/// The instruments (meter <c>PromptLint</c>): the OpenTelemetry GenAI histograms <c>gen_ai.client.token.usage</c> and
/// <c>gen_ai.client.operation.duration</c> (with the GenAI semantic-convention attributes; prompt id, route and tenant
/// only when <see cref="PromptLintMeterOptions.AttributeGenAIHistograms"/> is set), the call, cost and token counters
/// (attributed: calls, cost, input and output tokens and their breakdown per prompt id, route and tenant), the
/// rejection counter and the outcome counter. The per-call counters are added up per series in the meter and observed
/// when a reader collects (<see cref="CallTotals"/>). Recording never throws: a failing listener or exporter cannot
/// fail a call.
/// </summary>
public sealed partial class PromptLintMetrics : IDisposable
{
    /// <summary>The meter name.</summary>
    public const string DefaultMeterName = "PromptLint";

    // Tag lists are filled in place, on the stack where the runtime allows it: up to this many tags need no allocation.
    private const int StackTags = 12;

    private static readonly object True = true;

    private readonly System.Diagnostics.Metrics.Meter _meter;
    private readonly Histogram<long> _tokenUsage;
    private readonly Counter<long> _rejections;
    private readonly Counter<long> _outcomes;
    private readonly Histogram<long> _drift;
    private readonly Counter<long> _storeErrors;
    private readonly Counter<long> _unchecked;
    private readonly Histogram<double> _duration;
    private readonly Histogram<double> _firstChunk;
    private readonly int _maxDistinct;
    private readonly ConcurrentDictionary<string, Dimension> _custom = new(StringComparer.Ordinal);
    private readonly Dimension _prompts;
    private readonly Dimension _routes;
    private readonly Dimension _tenants;
    private readonly Dimension _models;

#if !NET8_0_OR_GREATER
    [ThreadStatic]
    private static KeyValuePair<string, object?>[]? t_scratch;
#endif

    private readonly AttributionSeries _series;

    /// <summary>Creates the instruments.</summary>
    public PromptLintMetrics(string meterName = DefaultMeterName, int maxDistinctValuesPerDimension = 100)
        : this(meterName, maxDistinctValuesPerDimension, PromptLintMeterOptions.DefaultMaxAttributionSeries)
    {
    }

    /// <summary>
    /// Creates the instruments; at most <paramref name="maxAttributionSeries"/> combinations of prompt id, route, tenant
    /// and custom dimensions are recorded (see <see cref="PromptLintMeterOptions.MaxAttributionSeries"/>).
    /// </summary>
    public PromptLintMetrics(string meterName, int maxDistinctValuesPerDimension, int maxAttributionSeries)
    {
        _series = new AttributionSeries(maxAttributionSeries);
        _meter = new System.Diagnostics.Metrics.Meter(meterName);
        _maxDistinct = maxDistinctValuesPerDimension;
        _prompts = new Dimension("promptlint.prompt_id", maxDistinctValuesPerDimension);
        _routes = new Dimension("promptlint.route", maxDistinctValuesPerDimension);
        _tenants = new Dimension("promptlint.tenant", maxDistinctValuesPerDimension);
        _models = new Dimension("gen_ai.request.model", maxDistinctValuesPerDimension);

        // Bucket advice as the GenAI conventions give it (powers of 4 up to 64M tokens), so large prompts keep their percentiles.
        _tokenUsage = _meter.CreateHistogram<long>("gen_ai.client.token.usage", "{token}", "Tokens used per call (input includes cached input).", tags: null, advice: new InstrumentAdvice<long>
        {
            HistogramBucketBoundaries = new long[] { 1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864 },
        });
        _rejections = _meter.CreateCounter<long>("promptlint.rejections", "{request}", "Calls the meter refused before sending them, by reason: input_budget, rate_limit, quota, quota_store.");
        _outcomes = _meter.CreateCounter<long>("promptlint.outcomes", "{outcome}", "User-reported results, for cost per successful outcome.");
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
        _totals = new CallTotals(_meter);
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
            { "promptlint.prompt_id", _prompts.Bound(promptId) },
            { "promptlint.tenant", _tenants.Bound(tenant) },
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

    /// <summary>A call the meter refused before sending it (input_budget, rate_limit, quota or quota_store).</summary>
    internal void RecordRejection(Attribution attribution, string model, string reason)
    {
        if (!_rejections.Enabled)
        {
            return;
        }

        var tags = Dimensions(Bind(attribution));
        tags.Add("gen_ai.request.model", _models.Bound(model));
        tags.Add("promptlint.reason", reason);
        Add(_rejections, 1, tags);
    }

    /// <summary>
    /// Everything a call that reached the provider records, from one tag list filled once: for a call that was charged (a
    /// success, or a failure the provider may have billed, then estimated) the calls, cost (or an unpriced call) and
    /// token counters with the attribution, and the input and output <c>gen_ai.client.token.usage</c>; for every call
    /// <c>gen_ai.client.operation.duration</c> (with <c>error.type</c> when it failed) and, for a stream that produced a
    /// chunk, <c>gen_ai.client.operation.time_to_first_chunk</c>. The histograms carry the attribution only when
    /// <paramref name="genAi"/> is <see cref="GenAIRecording.Attributed"/>. Models are already bounded.
    /// </summary>
    internal void RecordCall(in Dims dims, in Endpoint endpoint, string requestModel, string? responseModel, in Usage usage, bool charged, PriceEntry? price, Exception? error, double seconds, double? firstChunkSeconds, GenAIRecording genAi = GenAIRecording.Conventional)
    {
        if (charged && _totals.Enabled)
        {
            // Calls, cost (or an unpriced call), and the attributed input and output totals with their breakdown: the
            // per-prompt, route and tenant totals in every configuration.
            _totals.Add(dims, requestModel, usage, price);
        }

        if (genAi == GenAIRecording.Off || !(_duration.Enabled || _firstChunk.Enabled || (charged && _tokenUsage.Enabled)))
        {
            return;
        }

        var custom = genAi == GenAIRecording.Attributed ? dims.Custom?.Length ?? 0 : 0;
        // Attribution (when asked for), request model, operation, provider, server address and port, response model,
        // then error type or the estimated flag and the token type.
        var needed = 11 + custom;
#if NET8_0_OR_GREATER
        var buffer = default(TagBuffer);
        Span<KeyValuePair<string, object?>> tags = needed <= StackTags ? buffer : new KeyValuePair<string, object?>[needed];
#else
        var scratch = t_scratch;
        t_scratch = null; // a listener that calls a metered client from its callback gets a list of its own
        if (scratch is null || scratch.Length < needed)
        {
            scratch = new KeyValuePair<string, object?>[Math.Max(StackTags, needed)];
        }

        var tags = scratch.AsSpan();
#endif

        var n = 0;
        if (genAi == GenAIRecording.Attributed)
        {
            tags[n++] = new KeyValuePair<string, object?>("promptlint.prompt_id", dims.PromptId);
            tags[n++] = new KeyValuePair<string, object?>("promptlint.route", dims.Route);
            tags[n++] = new KeyValuePair<string, object?>("promptlint.tenant", dims.Tenant);
            for (var i = 0; i < custom; i++)
            {
                tags[n++] = dims.Custom![i];
            }
        }

        tags[n++] = new KeyValuePair<string, object?>("gen_ai.request.model", requestModel);
        tags[n++] = new KeyValuePair<string, object?>("gen_ai.operation.name", "chat");
        tags[n++] = new KeyValuePair<string, object?>("gen_ai.provider.name", endpoint.Provider);
        if (endpoint.Address is not null)
        {
            tags[n++] = new KeyValuePair<string, object?>("server.address", endpoint.Address);
            if (endpoint.Port is not null)
            {
                tags[n++] = new KeyValuePair<string, object?>("server.port", endpoint.Port);
            }
        }

        if (responseModel is not null)
        {
            tags[n++] = new KeyValuePair<string, object?>("gen_ai.response.model", responseModel);
        }

        if (error is not null)
        {
            tags[n++] = new KeyValuePair<string, object?>("error.type", CallFailure.ErrorType(error));
        }

        if (_duration.Enabled)
        {
            Record(_duration, seconds, tags.Slice(0, n));
        }

        if (firstChunkSeconds is { } first && _firstChunk.Enabled)
        {
            Record(_firstChunk, first, tags.Slice(0, n));
        }

        if (charged && _tokenUsage.Enabled)
        {
            // No gen_ai.response.model when the response named none, as UseOpenTelemetry() records it: a tag more on two
            // measurements per call is a hash more for the SDK each time, and the request model is a tag already.
            if (usage.Estimated)
            {
                tags[n++] = new KeyValuePair<string, object?>("promptlint.estimated", True);
            }

            // The same tags but the token type: the last tag changed.
            tags[n++] = new KeyValuePair<string, object?>("gen_ai.token.type", "input");
            Record(_tokenUsage, usage.Input, tags.Slice(0, n));
            tags[n - 1] = new KeyValuePair<string, object?>("gen_ai.token.type", "output");
            Record(_tokenUsage, usage.Output, tags.Slice(0, n));
        }

#if !NET8_0_OR_GREATER
        tags.Slice(0, n).Clear();
        t_scratch = scratch;
#endif
    }

    // In double, as the cost counter records it. Cached and cache-write tokens are part of the input, each at its own
    // price where the model has one.
    internal static double Usd(in Usage usage, PriceEntry price)
    {
        var cacheWrite = Math.Min(usage.CacheWrite, Math.Max(0, usage.Input - usage.CachedInput));
        var uncached = Math.Max(0, usage.Input - usage.CachedInput - cacheWrite);
        return (uncached * price.InputPerToken) + (usage.CachedInput * price.CachedInputPerToken) + (cacheWrite * price.CacheWritePerToken) + (usage.Output * price.OutputPerToken);
    }

    /// <summary>What a call spent, for the places held back for spenders: its cost, or its tokens when the model has no price.</summary>
    internal static double Spend(in Usage usage, PriceEntry? price) => price?.Info is null ? usage.Input + usage.Output : Usd(usage, price);

    /// <summary>The call's attribution with every value bounded, once per call however many instruments record it.</summary>
    internal Dims Bind(Attribution attribution) => Bind(attribution, 0);

    /// <summary>
    /// As <see cref="Bind(Attribution)"/>, for a call that spent <paramref name="spend"/> (list-price USD, or tokens for
    /// a model without a price): past the bounds, what a value or combination spends decides whether it gets one of the
    /// places held back for spenders.
    /// </summary>
    internal Dims Bind(Attribution attribution, double spend)
    {
        KeyValuePair<string, object?>[]? custom = null;
        if (attribution.Custom is { Count: > 0 } pairs)
        {
            custom = new KeyValuePair<string, object?>[pairs.Count];
            for (var i = 0; i < pairs.Count; i++)
            {
                var dimension = _custom.GetOrAdd(pairs[i].Key, name => new Dimension("promptlint." + name, _maxDistinct));
                custom[i] = new KeyValuePair<string, object?>(dimension.TagKey, dimension.Bound(pairs[i].Value, spend));
            }
        }

        return _series.Admit(new Dims(_prompts.Bound(attribution.PromptId, spend), _routes.Bound(attribution.Route, spend), _tenants.Bound(attribution.Tenant, spend), custom), spend);
    }

    /// <summary>Attribution combinations recorded so far (for tests of the bound).</summary>
    internal int AttributionSeriesCount => _series.Count;

    /// <summary>A model id, bounded like the other dimensions.</summary>
    internal string BoundModel(string? model) => _models.Bound(model);

    /// <summary>Whether any instrument a call that reaches the provider records is listened to (else it binds nothing).</summary>
    internal bool CallsEnabled => _totals.Enabled || _tokenUsage.Enabled || _duration.Enabled || _firstChunk.Enabled || _drift.Enabled;

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

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();

#if NET8_0_OR_GREATER
    [System.Runtime.CompilerServices.InlineArray(StackTags)]
    private struct TagBuffer
    {
        private KeyValuePair<string, object?> _first;
    }
#endif
}
