using System;
using System.Collections.Generic;
using System.IO;

using PromptLint.Contracts.Reporting;

namespace PromptLint.Meter;

/// <summary>What the meter records and enforces. Every budget is off until set.</summary>
public sealed class PromptLintMeterOptions
{
    /// <summary>gen_ai.provider.name when the inner client does not say (its ChatClientMetadata wins).</summary>
    public string ProviderName { get; set; } = "openai";

    /// <summary>Model assumed when the call's options name none (else the inner client's default model, else gpt-4o).</summary>
    public string? DefaultModel { get; set; }

    /// <summary>Rejects a call whose input (counted with the model's tokenizer, as the build counts) is larger.</summary>
    public int? MaxInputTokens { get; set; }

    /// <summary>Sets <c>MaxOutputTokens</c> on calls that have none, and clamps larger ones down to it.</summary>
    public int? MaxOutputTokens { get; set; }

    /// <summary>
    /// Names of user-defined dimensions to record (set per call with <c>WithDimension</c>); others are ignored. A name is
    /// recorded as the tag <c>promptlint.&lt;name&gt;</c>, so names that would land on a built-in tag (<c>tenant</c>,
    /// <c>route</c>, <c>prompt_id</c>, <c>outcome</c>, <c>reason</c>, <c>token.type</c>, <c>estimated</c>, also spelled with
    /// other punctuation or case, as Prometheus label names are) are refused when the meter is built.
    /// </summary>
    public ISet<string> Dimensions { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Distinct values kept per dimension (prompt, route, tenant) before new ones are recorded as <c>other</c>.</summary>
    public int MaxDistinctValuesPerDimension { get; set; } = 100;

    /// <summary>The default of <see cref="MaxAttributionSeries"/>.</summary>
    public const int DefaultMaxAttributionSeries = 400;

    /// <summary>
    /// At most this many combinations of prompt id, route, tenant and custom dimensions are recorded (400 by default);
    /// past it a new combination is recorded with tenant "other" (when its prompt and route have that combination
    /// already) or as all "other". Each instrument's series are this bound times its other tags' values (models,
    /// error.type, token type): with 1 model and up to 4 error types, 400 × 5 = 2,000, the OpenTelemetry SDK's default
    /// limit of points per metric. Raise the SDK's limit (a view's cardinality limit) before raising this.
    /// </summary>
    public int MaxAttributionSeries { get; set; } = DefaultMaxAttributionSeries;

    /// <summary>
    /// The static footprint the build measured per prompt id; a call's input minus this is its footprint drift
    /// (<c>promptlint.footprint.drift</c>). Fill it with <see cref="LoadFootprints"/> from the build's report.json.
    /// </summary>
    public IDictionary<string, int> StaticFootprints { get; } = new Dictionary<string, int>(StringComparer.Ordinal);

    /// <summary>
    /// Reads the static footprints of every prompt from a build's <c>report.json</c> (embed it or ship it beside the app).
    /// A file that is not there loads nothing (footprint drift is then not recorded) instead of failing start-up: the
    /// report exists only where the build wrote it.
    /// </summary>
    public PromptLintMeterOptions LoadFootprints(string reportJsonPath)
    {
        if (!File.Exists(reportJsonPath))
        {
            return this;
        }

        foreach (var prompt in ReportJsonReader.Read(File.ReadAllText(reportJsonPath)).Prompts)
        {
            StaticFootprints[prompt.Id] = prompt.StaticTokens;
        }

        return this;
    }

    /// <summary>Tokens (input plus output) each tenant may use per <see cref="QuotaWindow"/>; off when null.</summary>
    public long? TenantTokenQuota { get; set; }

    /// <summary>List-price USD each tenant may spend per <see cref="QuotaWindow"/>; off when null. Calls to unpriced models are not held to it.</summary>
    public decimal? TenantCostQuotaUsd { get; set; }

    /// <summary>Budgets per prompt id (they win over route, tenant and the defaults).</summary>
    public IDictionary<string, BudgetOptions> PromptBudgets { get; } = new Dictionary<string, BudgetOptions>(StringComparer.Ordinal);

    /// <summary>Budgets per route.</summary>
    public IDictionary<string, BudgetOptions> RouteBudgets { get; } = new Dictionary<string, BudgetOptions>(StringComparer.Ordinal);

    /// <summary>Budgets per tenant.</summary>
    public IDictionary<string, BudgetOptions> TenantBudgets { get; } = new Dictionary<string, BudgetOptions>(StringComparer.Ordinal);

    /// <summary>Called when the input is over its limit: return shorter messages (e.g. drop old turns); still too long is rejected.</summary>
    public Func<IList<Microsoft.Extensions.AI.ChatMessage>, int, IList<Microsoft.Extensions.AI.ChatMessage>>? TrimInput { get; set; }

    /// <summary>Requests each tenant may make per minute (System.Threading.RateLimiting, fixed window); off when null.</summary>
    public int? TenantRequestsPerMinute { get; set; }

    /// <summary>Worst-case tokens each tenant may start per minute (token bucket); off when null.</summary>
    /// <remarks>With <see cref="ShareRateLimitsThroughQuotaStore"/>, a fixed one-minute window in the quota store, settled with the tokens the call used.</remarks>
    public int? TenantTokensPerMinute { get; set; }

    /// <summary>
    /// Keeps <see cref="TenantRequestsPerMinute"/> and <see cref="TenantTokensPerMinute"/> in <see cref="QuotaStore"/>
    /// (fixed one-minute windows aligned to the clock) instead of in this process, so every instance sharing the store
    /// shares the limits, with the store's timeout, circuit breaker and <see cref="QuotaStoreFailure"/> rules. The token
    /// limit then reserves each call's worst case and settles with what it used. Off by default.
    /// </summary>
    public bool ShareRateLimitsThroughQuotaStore { get; set; }

    /// <summary>The quota window (fixed windows aligned to the clock).</summary>
    public TimeSpan QuotaWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Where quota usage lives; in memory unless several instances share it (<c>RedisQuotaStore</c> (package PromptLint.Meter.Redis)).</summary>
    /// <remarks>
    /// Left unset, <c>UsePromptLintMeter</c> takes an <see cref="Quotas.IQuotaStore"/> registered in the application's
    /// services, else an <see cref="Quotas.InMemoryQuotaStore"/> shared by the clients these options build.
    /// </remarks>
    public Quotas.IQuotaStore QuotaStore
    {
        get => _quotaStore ??= new Quotas.InMemoryQuotaStore();
        set
        {
            _quotaStore = value ?? throw new ArgumentNullException(nameof(value));
            _defaultStoreTaken = false;
        }
    }

    private Quotas.IQuotaStore? _quotaStore;

    // Whether the application set the store or the clock (else UsePromptLintMeter looks in the services).
    internal bool QuotaStoreSet => _quotaStore is not null && !_defaultStoreTaken;

    internal bool TimeProviderSet => _timeProvider is not null;

    private bool _defaultStoreTaken;

    internal Quotas.IQuotaStore DefaultQuotaStore()
    {
        if (_quotaStore is null)
        {
            _defaultStoreTaken = true;
        }

        return QuotaStore;
    }

    /// <summary>What an unreachable store means: let calls through (default) or refuse them.</summary>
    public Quotas.QuotaStoreFailureMode QuotaStoreFailure { get; set; } = Quotas.QuotaStoreFailureMode.FailOpen;

    /// <summary>
    /// How long a call waits for the quota store to reserve (and, after the call, to settle) before the store counts as
    /// unreachable; the caller's cancellation token ends the wait sooner. 250 ms by default: a healthy Redis answers in
    /// about a millisecond, and an outage must not stall every call for the client library's own multi-second timeouts.
    /// </summary>
    public TimeSpan QuotaStoreTimeout { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// How long a call may wait for a quota store that needs a warm-up (<see cref="Quotas.IQuotaStoreWarmUp"/>, such as
    /// <c>RedisQuotaStore</c> (package PromptLint.Meter.Redis)) while it is cold: from start until the store has answered
    /// <see cref="QuotaStoreWarmUpAnswers"/> reservations (the first one after the store's own warm-up: connection and
    /// script load). 5 s by default. A fresh process's first burst is slow everywhere (JIT, thread pool growth, the first
    /// script compile); the longer of this and <see cref="QuotaStoreTimeout"/> applies. With only the store timeout it timed out, failed open and let 4–8× the quota through.
    /// </summary>
    public TimeSpan QuotaStoreWarmUpTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Answers from the store after which it counts as warm and <see cref="QuotaStoreTimeout"/> applies (1,000 by default).</summary>
    public int QuotaStoreWarmUpAnswers { get; set; } = 1000;

    /// <summary>
    /// While the quota store is unavailable and <see cref="QuotaStoreFailure"/> is <c>FailOpen</c>, the share of what was
    /// left of each quota and shared rate limit (as the store last reported it to this instance; the whole limit for a
    /// window it never reported) that this instance admits on its own, in a local window (refusing past it as the store would).
    /// 1.0 by default: each instance at most the whole limit, so an outage overspends by at most the number of instances
    /// times the limit. With N instances behind one store, 1/N keeps the total within the limit.
    /// </summary>
    public double QuotaStoreFallbackShare { get; set; } = 1.0;

    /// <summary>Consecutive store failures (errors or timeouts) after which the store is not called for <see cref="QuotaStoreCooldown"/>.</summary>
    public int QuotaStoreFailuresBeforeBreaking { get; set; } = 3;

    /// <summary>
    /// How long the circuit stays open after <see cref="QuotaStoreFailuresBeforeBreaking"/> failures: calls do not wait on
    /// the store (failing open or closed at once). Then one call probes the store; when it answers, the circuit closes.
    /// </summary>
    public TimeSpan QuotaStoreCooldown { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Where the meter logs a quota store outage (once when it starts, once when the store answers again, with the number
    /// of calls admitted unchecked). <c>UsePromptLintMeter</c> takes the application's <c>ILoggerFactory</c> when this is null.
    /// </summary>
    public Microsoft.Extensions.Logging.ILogger? Logger { get; set; }

    /// <summary>The clock for quota windows (a FakeTimeProvider in tests).</summary>
    /// <remarks>Left unset, <c>UsePromptLintMeter</c> takes a <see cref="System.TimeProvider"/> registered in the application's services.</remarks>
    public TimeProvider TimeProvider
    {
        get => _timeProvider ?? TimeProvider.System;
        set => _timeProvider = value ?? throw new ArgumentNullException(nameof(value));
    }

    private TimeProvider? _timeProvider;

    // The meter's own promptlint.* tags, as Prometheus label names (punctuation becomes '_').
    private static readonly string[] BuiltInDimensions = { "prompt_id", "route", "tenant", "outcome", "reason", "token_type", "estimated" };

    /// <summary>Throws for settings the meter cannot work with, naming the option and what it accepts.</summary>
    internal void Validate()
    {
        if (QuotaStoreTimeout <= TimeSpan.Zero || QuotaStoreTimeout > TimeSpan.FromMinutes(1))
        {
            throw new ArgumentOutOfRangeException(nameof(QuotaStoreTimeout), QuotaStoreTimeout, "PromptLintMeterOptions.QuotaStoreTimeout must be more than zero and at most a minute (250 ms by default).");
        }

        if (QuotaStoreWarmUpTimeout <= TimeSpan.Zero || QuotaStoreWarmUpTimeout > TimeSpan.FromMinutes(1))
        {
            throw new ArgumentOutOfRangeException(nameof(QuotaStoreWarmUpTimeout), QuotaStoreWarmUpTimeout, "PromptLintMeterOptions.QuotaStoreWarmUpTimeout must be more than zero and at most a minute (5 s by default).");
        }

        if (double.IsNaN(QuotaStoreFallbackShare) || QuotaStoreFallbackShare <= 0 || QuotaStoreFallbackShare > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(QuotaStoreFallbackShare), QuotaStoreFallbackShare, "PromptLintMeterOptions.QuotaStoreFallbackShare must be more than 0 and at most 1 (1 by default; 1/N for N instances).");
        }

        if (QuotaStoreWarmUpAnswers < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(QuotaStoreWarmUpAnswers), QuotaStoreWarmUpAnswers, "PromptLintMeterOptions.QuotaStoreWarmUpAnswers must not be negative.");
        }

        if (QuotaStoreFailuresBeforeBreaking < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(QuotaStoreFailuresBeforeBreaking), QuotaStoreFailuresBeforeBreaking, "PromptLintMeterOptions.QuotaStoreFailuresBeforeBreaking must be at least 1.");
        }

        if (QuotaStoreCooldown < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(QuotaStoreCooldown), QuotaStoreCooldown, "PromptLintMeterOptions.QuotaStoreCooldown must not be negative.");
        }

        if (QuotaWindow <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(QuotaWindow), QuotaWindow, "PromptLintMeterOptions.QuotaWindow must be more than zero.");
        }

        if (MaxAttributionSeries < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxAttributionSeries), MaxAttributionSeries, "PromptLintMeterOptions.MaxAttributionSeries must be at least 1.");
        }

        if (MaxDistinctValuesPerDimension < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxDistinctValuesPerDimension), MaxDistinctValuesPerDimension, "PromptLintMeterOptions.MaxDistinctValuesPerDimension must be at least 1.");
        }

        foreach (var model in Models)
        {
            if (model is null || string.IsNullOrWhiteSpace(model.Id) || model.Input < 0 || model.Output < 0 || model.CachedInput < 0 || model.CacheWrite < 0)
            {
                throw new ArgumentException($"PromptLintMeterOptions.Models has an entry '{model?.Id}' without an id or with a negative price. Give each model its id (e.g. \"gpt-4o\") and prices in USD per million tokens.", nameof(Models));
            }
        }

        var seen = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in Dimensions)
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                throw new ArgumentException("PromptLintMeterOptions.Dimensions has an empty name. Give each dimension a name such as \"plan\" or \"feature\".", nameof(Dimensions));
            }

            var label = LabelName(name);
            if (Array.IndexOf(BuiltInDimensions, label) >= 0)
            {
                throw new ArgumentException($"PromptLintMeterOptions.Dimensions has '{name}', which would land on one of the meter's own tags (Prometheus label promptlint_{label}) and corrupt it. Rename the dimension, e.g. 'customer_{label}'.", nameof(Dimensions));
            }

            if (seen.TryGetValue(label, out var other))
            {
                throw new ArgumentException($"PromptLintMeterOptions.Dimensions has '{other}' and '{name}', which become the same Prometheus label promptlint_{label}. Keep one.", nameof(Dimensions));
            }

            seen[label] = name;
        }
    }

    private static string LabelName(string name)
    {
        var chars = name.Trim().ToLowerInvariant().ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (!(chars[i] is >= 'a' and <= 'z' or >= '0' and <= '9'))
            {
                chars[i] = '_';
            }
        }

        return new string(chars);
    }

    /// <summary>
    /// Models and prices that replace or add to the shipped catalog: your negotiated prices, a fine-tuned model, a model
    /// the catalog does not know yet. Matched as the catalog matches (provider prefix dropped, longest id prefix wins);
    /// an entry here wins over the catalog. <c>CacheWrite</c> prices prompt-cache writes where the provider charges them.
    /// </summary>
    public IList<PromptLint.Contracts.Pricing.ModelInfo> Models { get; } = new List<PromptLint.Contracts.Pricing.ModelInfo>();

    /// <summary>Meter name; <c>PromptLint</c> unless several meters must be told apart.</summary>
    public string MeterName { get; set; } = PromptLintMetrics.DefaultMeterName;

    /// <summary>
    /// Who records the OpenTelemetry GenAI histograms (<c>gen_ai.client.token.usage</c>,
    /// <c>gen_ai.client.operation.duration</c>, <c>gen_ai.client.operation.time_to_first_chunk</c>) when Microsoft.Extensions.AI's
    /// <c>UseOpenTelemetry()</c> is in the same pipeline. <see cref="GenAIMetricsMode.Auto"/> (the default): the meter leaves
    /// them to an <c>OpenTelemetryChatClient</c> it finds inside itself, so no call is counted twice.
    /// </summary>
    public GenAIMetricsMode GenAIMetrics { get; set; } = GenAIMetricsMode.Auto;

    /// <summary>
    /// Whether the GenAI histograms the meter records (<c>gen_ai.client.token.usage</c>,
    /// <c>gen_ai.client.operation.duration</c>, <c>gen_ai.client.operation.time_to_first_chunk</c>) also carry
    /// <c>promptlint.prompt_id</c>, <c>promptlint.route</c>, <c>promptlint.tenant</c> and the custom dimensions. Off by
    /// default: they carry the GenAI semantic-convention attributes only, as <c>UseOpenTelemetry()</c> records them, and
    /// calls, cost and input and output tokens per prompt id, route and tenant come from the <c>promptlint.calls</c>,
    /// <c>promptlint.cost</c> and <c>promptlint.tokens</c> counters. Turn it on for per-prompt or per-tenant
    /// distributions (percentiles of tokens and latency); it costs the OpenTelemetry SDK a hash of those tags on every
    /// measurement, about a third more time per call. Binds from configuration as <c>AttributeGenAIHistograms</c>.
    /// </summary>
    public bool AttributeGenAIHistograms { get; set; }
}
