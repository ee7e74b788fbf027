using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using PromptLint.Core.Pricing;
using PromptLint.Core.Tokenizers;
using System.Threading.RateLimiting;

namespace PromptLint.Meter;

/// <summary>
/// Meters every call through the pipeline — tokens, cost, outcome — attributed to prompt id, route and tenant, and
/// enforces the configured budgets before the call (input size, output cap). Counting uses the same tokenizer
/// registry as the build, prices the same catalog. What the caller sees is the inner client's result or exception.
/// </summary>
public sealed partial class PromptLintChatClient : DelegatingChatClient
{
    private readonly PromptLintMeterOptions _options;
    private readonly PromptLintMetrics _metrics;
    private readonly ModelCatalog _catalog;
    private readonly string _defaultModel;
    private readonly BudgetOptions _defaults;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, PriceEntry> _prices = new(StringComparer.OrdinalIgnoreCase);
    private readonly string[] _dimensions;
    private readonly bool _limits;
    private readonly bool _systemClock;
    private PriceEntry? _lastPrice;
    private readonly Endpoint _endpoint;
    private readonly PartitionedRateLimiter<string>? _requestLimiter;
    private readonly PartitionedRateLimiter<string>? _tokenLimiter;
    private readonly Quotas.QuotaStoreGuard _guard;
    private readonly InputCounter _counter = new();
    private readonly Quotas.InMemoryQuotaStore _fallback;
    private readonly bool _ownsMetrics;

    // False when UseOpenTelemetry()'s client records the GenAI histograms (GenAIMetricsMode): never counted twice.
    private readonly bool _genAi;

    private readonly TimeProvider _clock;
    private readonly Quotas.IQuotaStore _store;

    /// <summary>Wraps <paramref name="innerClient"/>.</summary>
    public PromptLintChatClient(IChatClient innerClient, PromptLintMeterOptions? options = null, PromptLintMetrics? metrics = null, ModelCatalog? catalog = null)
        : this(innerClient, options, metrics, catalog, services: null)
    {
    }

    /// <summary>
    /// Wraps <paramref name="innerClient"/>; what the options leave unset (logger, quota store, clock) comes from
    /// <paramref name="services"/> when they have it, as <c>UsePromptLintMeter</c> does. The options are not changed.
    /// </summary>
    public PromptLintChatClient(IChatClient innerClient, PromptLintMeterOptions? options, PromptLintMetrics? metrics, ModelCatalog? catalog, IServiceProvider? services)
        : base(innerClient)
    {
        _options = options ?? new PromptLintMeterOptions();
        _clock = _options.TimeProviderSet ? _options.TimeProvider : services?.GetService(typeof(TimeProvider)) as TimeProvider ?? _options.TimeProvider;
        _store = _options.QuotaStoreSet ? _options.QuotaStore : services?.GetService(typeof(Quotas.IQuotaStore)) as Quotas.IQuotaStore ?? _options.DefaultQuotaStore();
        var logger = _options.Logger
            ?? (services?.GetService(typeof(Microsoft.Extensions.Logging.ILoggerFactory)) as Microsoft.Extensions.Logging.ILoggerFactory)?.CreateLogger("PromptLint.Meter");
        _ownsMetrics = metrics is null;
        _metrics = metrics ?? new PromptLintMetrics(_options.MeterName, _options.MaxDistinctValuesPerDimension, _options.MaxAttributionSeries);
        _catalog = catalog ?? ModelCatalog.Shipped;

        // The inner client knows its model and provider (GetChatClient("gpt-4o-mini").AsIChatClient()).
        var metadata = innerClient.GetService(typeof(ChatClientMetadata)) as ChatClientMetadata;
        _defaultModel = _options.DefaultModel ?? metadata?.DefaultModelId ?? TokenizerRegistry.DefaultModel;
        _endpoint = new Endpoint(metadata?.ProviderName ?? _options.ProviderName, metadata?.ProviderUri);
        _genAi = _options.GenAIMetrics switch
        {
            GenAIMetricsMode.Record => true,
            GenAIMetricsMode.LeaveToOpenTelemetry => false,
            _ => innerClient.GetService(typeof(OpenTelemetryChatClient)) is null,
        };
        _options.Validate();
        _guard = new Quotas.QuotaStoreGuard(_store, _options.QuotaStoreTimeout, _options.QuotaStoreFailuresBeforeBreaking, _options.QuotaStoreCooldown, _clock, logger, _options.QuotaStoreWarmUpTimeout, _options.QuotaStoreWarmUpAnswers);
        _fallback = new Quotas.InMemoryQuotaStore(_clock);
        _defaults = new BudgetOptions { MaxInputTokens = _options.MaxInputTokens, MaxOutputTokens = _options.MaxOutputTokens, TokenQuota = _options.TenantTokenQuota, CostQuotaUsd = _options.TenantCostQuotaUsd };
        _dimensions = _options.Dimensions.OrderBy(n => n, StringComparer.Ordinal).ToArray();
        _systemClock = ReferenceEquals(_clock, TimeProvider.System);

        // With no budget, limit or quota anywhere, a call needs no budget resolution, counting or reservation.
        _limits = _options.MaxInputTokens is not null || _options.MaxOutputTokens is not null || _options.TenantTokenQuota is not null || _options.TenantCostQuotaUsd is not null
            || _options.TenantRequestsPerMinute is not null || _options.TenantTokensPerMinute is not null
            || _options.PromptBudgets.Count > 0 || _options.RouteBudgets.Count > 0 || _options.TenantBudgets.Count > 0;
        if (_options.TenantRequestsPerMinute is { } requests)
        {
            _requestLimiter = PartitionedRateLimiter.Create<string, string>(tenant => RateLimitPartition.GetFixedWindowLimiter(tenant, _ =>
                new FixedWindowRateLimiterOptions { PermitLimit = requests, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        }

        if (_options.TenantTokensPerMinute is { } tokens)
        {
            _tokenLimiter = PartitionedRateLimiter.Create<string, string>(tenant => RateLimitPartition.GetTokenBucketLimiter(tenant, _ =>
                new TokenBucketRateLimiterOptions { TokenLimit = tokens, TokensPerPeriod = tokens, ReplenishmentPeriod = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        }
    }

    /// <summary>
    /// Releases the rate limiters and, when this client created its instruments (no <see cref="PromptLintMetrics"/> was
    /// passed in), the meter; then the inner client. Instruments passed in, as <c>UsePromptLintMeter</c> does once for
    /// every client it builds, belong to the caller.
    /// </summary>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _requestLimiter?.Dispose();
            _tokenLimiter?.Dispose();
            if (_ownsMetrics)
            {
                _metrics.Dispose();
            }
        }

        base.Dispose(disposing);
    }

    /// <summary>
    /// Whether this client records the GenAI histograms itself (false when it leaves them to an
    /// <c>OpenTelemetryChatClient</c>, see <see cref="PromptLintMeterOptions.GenAIMetrics"/>).
    /// </summary>
    public bool RecordsGenAIMetrics => _genAi;

    /// <summary>The input counter (for tests of its memory bound).</summary>
    internal InputCounter Counter => _counter;

    /// <inheritdoc />
    public override object? GetService(Type serviceType, object? serviceKey = null)
    {
        if (serviceType is null)
        {
            throw new ArgumentNullException(nameof(serviceType));
        }

        if (serviceKey is null)
        {
            if (serviceType == typeof(PromptLintMetrics))
            {
                return _metrics;
            }

            if (serviceType == typeof(Quotas.IQuotaStore))
            {
                return _store;
            }
        }

        return base.GetService(serviceType, serviceKey);
    }

    /// <summary>The instruments, for <see cref="PromptLintMetrics.RecordOutcome"/>.</summary>
    public PromptLintMetrics Metrics => _metrics;

    /// <inheritdoc />
    public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        Call call;
        try
        {
            call = Prepare(messages as IList<ChatMessage> ?? messages.ToList(), options);
        }
        catch (Exception ex)
        {
            // As an async method would: a refusal is the returned task's exception, not thrown from the call.
            return Task.FromException<ChatResponse>(ex);
        }

        if (call.Reserve is not null)
        {
            return ReservedResponseAsync(call, cancellationToken);
        }

        // Nothing to reserve or settle: no async state machine of our own, and a task that is already complete (a
        // cache, a test double) is recorded and handed back as it is.
        var started = Timestamp();
        Task<ChatResponse> task;
        try
        {
            task = base.GetResponseAsync(call.Messages, call.Options, cancellationToken);
        }
        catch (Exception ex)
        {
            // Thrown before a task existed: nothing was sent, nothing billed.
            RecordCall(call, null, null, ex, Seconds(started), null);
            return Task.FromException<ChatResponse>(ex);
        }

        if (task.Status == TaskStatus.RanToCompletion)
        {
            Completed(call, task.Result, started);
            return task;
        }

        return AwaitResponseAsync(task, call, started);
    }

    private async Task<ChatResponse> AwaitResponseAsync(Task<ChatResponse> task, Call call, long started)
    {
        ChatResponse response;
        try
        {
            response = await task.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            RecordCall(call, null, Unfinished(call, ex, streamed: null), ex, Seconds(started), null);
            throw;
        }

        Completed(call, response, started);
        return response;
    }

    private void Completed(in Call call, ChatResponse response, long started)
    {
        var seconds = Seconds(started);
        RecordCall(call, response.ModelId, Measured(call, response), null, seconds, null);
    }

    // A background response still running (a continuation token and no usage) is charged nothing yet: the poll that
    // finishes it reports the usage of the whole run, so estimating the start as well would count the input twice.
    private Usage? Measured(in Call call, ChatResponse response)
        => response.Usage is { } details ? FromDetails(details)
            : response.ContinuationToken is not null ? null
            : Estimate(call.Messages, call.Options, response.Text, call.Model);

    private async Task<ChatResponse> ReservedResponseAsync(Call call, CancellationToken cancellationToken)
    {
        var reservations = await ReserveAsync(call.Attribution, call.Input, call.Reserve, call.Model, call.Options, cancellationToken).ConfigureAwait(false);
        ChatResponse response;
        var started = Timestamp();
        Task<ChatResponse>? task = null;
        try
        {
            task = base.GetResponseAsync(call.Messages, call.Options, cancellationToken);

            // An inner client that ignores the token still lets the caller go, and the call is settled then: the
            // reservation is never held past the caller's cancellation.
            response = await (cancellationToken.CanBeCanceled && !task.IsCompleted ? WhenCompletedOrCanceled(task, cancellationToken) : task).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // Thrown synchronously, before a task existed: nothing was sent, the reservation is released.
            var charged = task is null ? null : Unfinished(call, ex, streamed: null);
            RecordCall(call, null, charged, ex, Seconds(started), null);
            await SettleAsync(reservations, charged, call.Model, call.Attribution).ConfigureAwait(false);
            throw;
        }

        var seconds = Seconds(started);
        var usage = Measured(call, response);
        await SettleAsync(reservations, usage, call.Model, call.Attribution).ConfigureAwait(false);
        RecordCall(call, response.ModelId, usage, null, seconds, null);
        return response;
    }

    private Task<ChatResponse> WhenCompletedOrCanceled(Task<ChatResponse> task, CancellationToken cancellationToken)
    {
        // An abandoned task's exception is observed, so it never surfaces as an unobserved task exception.
        _ = task.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return task.WaitAsync(Timeout.InfiniteTimeSpan, _clock, cancellationToken);
    }

    /// <summary>
    /// What a call that failed after it was handed to the provider is charged, by one policy for every path: nothing when
    /// the provider refused it (an HTTP error status) or it failed before anything was sent; otherwise (cancelled, timed
    /// out, connection broken) the input it sent and, as output, the tokens of the text streamed so far, or the output cap
    /// when nothing came back (a non-streaming call is generated in full whether or not anyone waits for it). Estimated.
    /// </summary>
    private Usage? Unfinished(in Call call, Exception error, string? streamed)
    {
        if (streamed is not { Length: > 0 } && !CallFailure.MayHaveBilled(error))
        {
            return null;
        }

        var input = call.Reserve is not null ? call.Input : _counter.Count(call.Messages, call.Options, call.Model);
        var output = streamed is null ? OutputCap(call.Model, call.Options) : _counter.CountText(streamed, call.Model);
        return new Usage(input, output, 0, 0, estimated: true);
    }

    private long OutputCap(string model, ChatOptions? options) => options?.MaxOutputTokens ?? Price(model)?.MaxOutputTokens ?? 4096;

    // Everything a call that reached the provider records, with its attribution and models bounded once.
    private void RecordCall(in Call call, string? responseModel, Usage? usage, Exception? error, double seconds, double? firstChunk)
    {
        if (!_metrics.CallsEnabled)
        {
            return;
        }

        var model = call.Model;
        var dims = _metrics.Bind(call.Attribution);
        var requestModel = _metrics.BoundModel(model);
        var response = responseModel is null ? null : string.Equals(responseModel, model, StringComparison.Ordinal) ? requestModel : _metrics.BoundModel(responseModel);
        PriceEntry? price = null;
        if (usage is { } measured)
        {
            if (call.Attribution.PromptId is { } id && _options.StaticFootprints.Count > 0 && _options.StaticFootprints.TryGetValue(id, out var footprint))
            {
                _metrics.RecordDrift(dims, measured.Input - footprint);
            }

            // The response model's price (the snapshot that ran), else the request model's.
            price = responseModel is null ? PriceOf(model) : PriceOf(responseModel) is { Info: not null } answered ? answered : PriceOf(model);
        }

        _metrics.RecordCall(dims, _endpoint, requestModel, response, usage.GetValueOrDefault(), usage is not null, price, error, seconds, firstChunk, _genAi);
    }

    // PromptLintMeterOptions.Models, matched as the catalog matches (provider prefix dropped, longest id prefix wins).
    private ModelInfo? FindOverride(string model)
    {
        if (_options.Models.Count == 0)
        {
            return null;
        }

        var bare = model.Trim().Substring(model.Trim().LastIndexOf('/') + 1).ToLowerInvariant();
        ModelInfo? best = null;
        foreach (var candidate in _options.Models)
        {
            if (bare.StartsWith(candidate.Id.ToLowerInvariant(), StringComparison.Ordinal) && (best is null || candidate.Id.Length > best.Id.Length))
            {
                best = candidate;
            }
        }

        return best;
    }

    private long Timestamp() => _systemClock ? System.Diagnostics.Stopwatch.GetTimestamp() : _clock.GetTimestamp();

    private double Seconds(long started)
        => _systemClock
            ? (System.Diagnostics.Stopwatch.GetTimestamp() - started) / (double)System.Diagnostics.Stopwatch.Frequency
            : _clock.GetElapsedTime(started).TotalSeconds;

    private ModelInfo? Price(string? model) => model is null ? null : PriceOf(model).Info;

    private PriceEntry PriceOf(string model)
    {
        // Most calls name the model the previous call named.
        var last = _lastPrice;
        if (last is not null && string.Equals(last.Model, model, StringComparison.OrdinalIgnoreCase))
        {
            return last;
        }

        if (!_prices.TryGetValue(model, out var entry))
        {
            // Model ids come from callers and responses: remembered for a few hundred, then forgotten, never without bound.
            if (_prices.Count >= 256)
            {
                _prices.Clear();
            }

            entry = _prices[model] = new PriceEntry(model, FindOverride(model) ?? _catalog.Find(model));
        }

        _lastPrice = entry;
        return entry;
    }

    // Cache writes have no field of their own; Anthropic's adapter reports them among AdditionalCounts.
    private static Usage FromDetails(UsageDetails details)
        => new(
            details.InputTokenCount ?? 0,
            details.OutputTokenCount ?? 0,
            details.CachedInputTokenCount ?? 0,
            details.ReasoningTokenCount ?? 0,
            estimated: false,
            cacheWrite: details.AdditionalCounts?.Where(c => c.Key.IndexOf("cache_creation", StringComparison.OrdinalIgnoreCase) >= 0 || c.Key.IndexOf("CacheCreation", StringComparison.OrdinalIgnoreCase) >= 0 || c.Key.IndexOf("cache_write", StringComparison.OrdinalIgnoreCase) >= 0).Sum(c => c.Value) ?? 0);

    private Usage Estimate(IList<ChatMessage> messages, ChatOptions? options, string output, string model)
        => new(_counter.Count(messages, options, model), _counter.CountText(output, model), 0, 0, estimated: true);
}
