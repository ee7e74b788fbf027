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
    /// A tenant's usage and limits in the current quota window, read from the quota store (within
    /// <see cref="PromptLintMeterOptions.QuotaStoreTimeout"/>): to show a tenant what is left, or to refuse work early.
    /// Throws <see cref="Quotas.QuotaStoreUnavailableException"/> when the store does not answer (a reading cannot fail
    /// open), <see cref="OperationCanceledException"/> when <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    public async Task<TenantUsage> GetUsageAsync(string tenant, CancellationToken cancellationToken = default)
    {
        if (tenant is null)
        {
            throw new ArgumentNullException(nameof(tenant));
        }

        var budget = Budget(new Attribution(null, null, tenant));
        var now = _clock.GetUtcNow();
        var start = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % _options.QuotaWindow.Ticks), TimeSpan.Zero);
        var window = start.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture);
        try
        {
            var tokens = _guard.GetUsedAsync("tokens:" + window + ":" + tenant, cancellationToken);
            var usd = _guard.GetUsedAsync("usd:" + window + ":" + tenant, cancellationToken);
            return new TenantUsage(tenant, await tokens.ConfigureAwait(false), budget.TokenQuota, await usd.ConfigureAwait(false) / 1_000_000m, budget.CostQuotaUsd, start, start + _options.QuotaWindow);
        }
        catch (Quotas.QuotaStoreFailure failure)
        {
            throw new Quotas.QuotaStoreUnavailableException(failure.InnerException ?? failure);
        }
    }

    /// <summary>
    /// Warms the quota store (connection, script load for <see cref="Quotas.RedisQuotaStore"/>) so the first burst after
    /// start is checked like any other: call it from the host at start-up (an <c>IHostedService</c>, or
    /// <c>ApplicationStarted</c>). Without it the first reservation runs the warm-up and the calls arriving meanwhile wait
    /// for it. Throws when the store cannot be reached within <see cref="PromptLintMeterOptions.QuotaStoreWarmUpTimeout"/>.
    /// </summary>
    public async Task WarmUpAsync(CancellationToken cancellationToken = default)
    {
        await _guard.WarmUpAsync(cancellationToken).ConfigureAwait(false);
        if (_store is Quotas.IQuotaStoreWarmUp && !_guard.IsCold && _guard.WarmUpFailed)
        {
            throw new Quotas.QuotaStoreUnavailableException(new TimeoutException("The quota store's warm-up failed or did not finish within PromptLintMeterOptions.QuotaStoreWarmUpTimeout."));
        }
    }

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

    // The call's budgets: the prompt's, else the route's, else the tenant's, else the defaults, field by field.
    private BudgetOptions Budget(Attribution attribution)
    {
        if (_options.PromptBudgets.Count == 0 && _options.RouteBudgets.Count == 0 && _options.TenantBudgets.Count == 0)
        {
            return _defaults;
        }

        BudgetOptions? Find(IDictionary<string, BudgetOptions> budgets, string? key)
            => key is not null && budgets.TryGetValue(key, out var budget) ? budget : null;

        var scoped = new[] { Find(_options.PromptBudgets, attribution.PromptId), Find(_options.RouteBudgets, attribution.Route), Find(_options.TenantBudgets, attribution.Tenant) };
        return new BudgetOptions
        {
            MaxInputTokens = scoped.Select(b => b?.MaxInputTokens).FirstOrDefault(v => v is not null) ?? _options.MaxInputTokens,
            MaxOutputTokens = scoped.Select(b => b?.MaxOutputTokens).FirstOrDefault(v => v is not null) ?? _options.MaxOutputTokens,
            TokenQuota = scoped.Select(b => b?.TokenQuota).FirstOrDefault(v => v is not null) ?? _options.TenantTokenQuota,
            CostQuotaUsd = scoped.Select(b => b?.CostQuotaUsd).FirstOrDefault(v => v is not null) ?? _options.TenantCostQuotaUsd,
        };
    }

    // Input tokens are counted only when a limit, quota or rate limit needs them (counting costs a tokenizer pass).
    private Call Prepare(IList<ChatMessage> messages, ChatOptions? options)
    {
        var attribution = Attribute(options);
        var model = options?.ModelId ?? _defaultModel;
        if (!_limits)
        {
            return new Call(attribution, model, options, messages, 0, null);
        }

        var budget = Budget(attribution);

        // Input is counted only when a limit, quota or rate limit needs it (counting costs a tokenizer pass).
        var reserve = attribution.Tenant is not null
            && (_options.TenantRequestsPerMinute is not null || _options.TenantTokensPerMinute is not null || budget.TokenQuota is not null || budget.CostQuotaUsd is not null);
        var input = budget.MaxInputTokens is not null || reserve ? _counter.Count(messages, options, model) : 0;
        if (budget.MaxInputTokens is { } limit && input > limit)
        {
            if (_options.TrimInput is { } trim)
            {
                messages = trim(messages, limit);
                input = _counter.Count(messages, options, model);
            }

            if (input > limit)
            {
                _metrics.RecordRejection(attribution, model, "input_budget");
                throw new PromptBudgetExceededException(attribution.PromptId, input, limit);
            }
        }

        if (budget.MaxOutputTokens is { } cap && (options?.MaxOutputTokens is null || options.MaxOutputTokens > cap))
        {
            // The caller's options are theirs: the cap goes on a copy.
            options = options?.Clone() ?? new ChatOptions();
            options.MaxOutputTokens = cap;
        }

        return new Call(attribution, model, options, messages, input, reserve ? budget : null);
    }

    // Prompt id, route and tenant from the call's options, else from the scope; the options are read in one pass.
    private Attribution Attribute(ChatOptions? options)
    {
        string? promptId = null, route = null, tenant = null;
        if (options?.AdditionalProperties is { Count: > 0 } properties)
        {
            if (properties.Count <= 8)
            {
                foreach (var pair in properties)
                {
                    // The three keys differ in length: one comparison per property, as the dictionary compares keys.
                    switch (pair.Key.Length)
                    {
                        case 20 when ReferenceEquals(pair.Key, PromptLintChatOptionsExtensions.PromptIdKey) || string.Equals(pair.Key, PromptLintChatOptionsExtensions.PromptIdKey, StringComparison.OrdinalIgnoreCase):
                            promptId = pair.Value?.ToString();
                            break;
                        case 16 when ReferenceEquals(pair.Key, PromptLintChatOptionsExtensions.RouteKey) || string.Equals(pair.Key, PromptLintChatOptionsExtensions.RouteKey, StringComparison.OrdinalIgnoreCase):
                            route = pair.Value?.ToString();
                            break;
                        case 17 when ReferenceEquals(pair.Key, PromptLintChatOptionsExtensions.TenantKey) || string.Equals(pair.Key, PromptLintChatOptionsExtensions.TenantKey, StringComparison.OrdinalIgnoreCase):
                            tenant = pair.Value?.ToString();
                            break;
                    }
                }
            }
            else
            {
                promptId = Get(options, PromptLintChatOptionsExtensions.PromptIdKey);
                route = Get(options, PromptLintChatOptionsExtensions.RouteKey);
                tenant = Get(options, PromptLintChatOptionsExtensions.TenantKey);
            }
        }

        if ((promptId is null || route is null || tenant is null) && PromptLintScope.Current is { } scope)
        {
            promptId ??= scope.PromptId;
            route ??= scope.Route;
            tenant ??= scope.Tenant;
        }

        return new Attribution(promptId, route, tenant, _dimensions.Length == 0 ? null : CustomDimensions(options));
    }

    private readonly struct Call
    {
        public Call(Attribution attribution, string model, ChatOptions? options, IList<ChatMessage> messages, int input, BudgetOptions? reserve)
        {
            Attribution = attribution;
            Model = model;
            Options = options;
            Messages = messages;
            Input = input;
            Reserve = reserve;
        }

        public Attribution Attribution { get; }

        public string Model { get; }

        public ChatOptions? Options { get; }

        public IList<ChatMessage> Messages { get; }

        public int Input { get; }

        public BudgetOptions? Reserve { get; }
    }

    // Rate limits first (nothing to undo), then quotas: the call's worst case (input + output cap) is reserved in the
    // tenant's window before the call is sent and settled with actual usage after.
    private async Task<Reservations?> ReserveAsync(Attribution attribution, int input, BudgetOptions? budget, string model, ChatOptions? options, CancellationToken cancellationToken)
    {
        if (budget is null || attribution.Tenant is not { } tenant)
        {
            return null;
        }

        var reservations = new Reservations();
        cancellationToken.ThrowIfCancellationRequested();

        var price = Price(model);
        var outputCap = OutputCap(model, options);
        var worst = input + (long)outputCap;
        var shared = _options.ShareRateLimitsThroughQuotaStore;
        if (!shared)
        {
            Limit(_requestLimiter, tenant, 1, attribution, model);
            Limit(_tokenLimiter, tenant, (int)Math.Min(worst, _options.TenantTokensPerMinute ?? int.MaxValue), attribution, model);
        }

        var now = _clock.GetUtcNow();
        var start = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % _options.QuotaWindow.Ticks), TimeSpan.Zero);
        var window = start.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var minuteStart = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMinute), TimeSpan.Zero);
        var minute = minuteStart.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture);

        // Unit and window come first and hold no ':', so any tenant string (even "usd:acme") names its own key.
        var buckets = new Bucket?[Reservations.Kinds];
        buckets[Reservations.TokenQuota] = budget.TokenQuota is { } tokens ? new Bucket("tokens:" + window + ":" + tenant, worst, tokens, "tokens", _options.QuotaWindow) : null;
        buckets[Reservations.CostQuota] = budget.CostQuotaUsd is { } usd && price is not null ? new Bucket("usd:" + window + ":" + tenant, MicroUsd(input, outputCap, 0, price), MicroUsd(usd), "USD", _options.QuotaWindow) : null;
        buckets[Reservations.RequestRate] = shared && _options.TenantRequestsPerMinute is { } rpm ? new Bucket("rpm:" + minute + ":" + tenant, 1, rpm, "requests", TimeSpan.FromMinutes(1)) : null;
        buckets[Reservations.TokenRate] = shared && _options.TenantTokensPerMinute is { } tpm ? new Bucket("tpm:" + minute + ":" + tenant, worst, tpm, "tokens", TimeSpan.FromMinutes(1)) : null;

        // All are asked at once, so a call waits at most one store timeout.
        var tasks = new Task<(Quotas.QuotaReservation? Answer, Exception? Error)>[Reservations.Kinds];
        for (var i = 0; i < tasks.Length; i++)
        {
            tasks[i] = Ask(buckets[i], cancellationToken);
        }

        var answers = new (Quotas.QuotaReservation? Answer, Exception? Error)[Reservations.Kinds];
        for (var i = 0; i < tasks.Length; i++)
        {
            answers[i] = await tasks[i].ConfigureAwait(false);
            reservations.Slots[i] = answers[i].Answer is { Granted: true } granted ? granted : null;
        }

        // Cancellation wins over every other outcome; then a store's "no" (rate limits first); then an unreachable store.
        if (answers.Select(a => a.Error).OfType<OperationCanceledException>().FirstOrDefault() is { } canceled)
        {
            await ReleaseAsync(reservations).ConfigureAwait(false);
            throw canceled;
        }

        foreach (var kind in new[] { Reservations.RequestRate, Reservations.TokenRate })
        {
            if (answers[kind].Answer is { Granted: false })
            {
                await ReleaseAsync(reservations).ConfigureAwait(false);
                _metrics.RecordRejection(attribution, model, "rate_limit");
                throw new Quotas.RateLimitExceededException(tenant, minuteStart.AddMinutes(1) - now);
            }
        }

        foreach (var kind in new[] { Reservations.TokenQuota, Reservations.CostQuota })
        {
            if (answers[kind].Answer is { Granted: false } answer)
            {
                var bucket = buckets[kind]!;
                await ReleaseAsync(reservations).ConfigureAwait(false);
                _metrics.RecordRejection(attribution, model, "quota");
                throw new Quotas.QuotaExceededException(tenant, bucket.Limit, answer.Used, bucket.Amount, start + _options.QuotaWindow, bucket.Unit);
            }
        }

        if (answers.Select(a => a.Error).FirstOrDefault(e => e is not null) is { } failure)
        {
            _metrics.RecordStoreError(attribution);
            if (_options.QuotaStoreFailure == Quotas.QuotaStoreFailureMode.FailClosed)
            {
                await ReleaseAsync(reservations).ConfigureAwait(false);
                _metrics.RecordRejection(attribution, model, "quota_store");
                throw new Quotas.QuotaStoreUnavailableException(failure.InnerException ?? failure);
            }

            // Admitted without the shared check, but never without a bound: each instance admits at most its share of
            // each limit in a local window of its own (QuotaStoreFallbackShare). Counted, and charged to the shared
            // window with what it used when it settles (retried until the store answers).
            for (var i = 0; i < answers.Length; i++)
            {
                if (answers[i].Error is not null)
                {
                    var bucket = buckets[i]!;
                    var local = await _fallback.ReserveAsync(bucket.Key, bucket.Amount, (long)Math.Floor(bucket.Limit * _options.QuotaStoreFallbackShare), bucket.Window, CancellationToken.None).ConfigureAwait(false);
                    if (!local.Granted)
                    {
                        await ReleaseAsync(reservations).ConfigureAwait(false);
                        _metrics.RecordRejection(attribution, model, i is Reservations.RequestRate or Reservations.TokenRate ? "rate_limit" : "quota");
                        throw i is Reservations.RequestRate or Reservations.TokenRate
                            ? new Quotas.RateLimitExceededException(tenant, minuteStart.AddMinutes(1) - now)
                            : new Quotas.QuotaExceededException(tenant, bucket.Limit, local.Used, bucket.Amount, start + _options.QuotaWindow, bucket.Unit);
                    }

                    reservations.Local[i] = local;
                    reservations.Slots[i] = new Quotas.QuotaReservation(bucket.Key, granted: true, amount: 0, used: 0, bucket.Window);
                }
            }

            _metrics.RecordUnchecked(attribution);
            _guard.NoteUnchecked();
        }

        return reservations;
    }

    private async Task<(Quotas.QuotaReservation? Answer, Exception? Error)> Ask(Bucket? bucket, CancellationToken cancellationToken)
    {
        if (bucket is null)
        {
            return (null, null);
        }

        try
        {
            return (await _guard.ReserveAsync(bucket.Key, bucket.Amount, bucket.Limit, bucket.Window, cancellationToken).ConfigureAwait(false), null);
        }
        catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested)
        {
            return (null, ex);
        }
        catch (Quotas.QuotaStoreFailure ex)
        {
            return (null, ex);
        }
    }

    private void Limit(PartitionedRateLimiter<string>? limiter, string tenant, int permits, Attribution attribution, string model)
    {
        if (limiter is null)
        {
            return;
        }

        using var lease = limiter.AttemptAcquire(tenant, permits);
        if (!lease.IsAcquired)
        {
            _metrics.RecordRejection(attribution, model, "rate_limit");
            var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : (TimeSpan?)null;
            throw new Quotas.RateLimitExceededException(tenant, retryAfter);
        }
    }

    private Task ReleaseAsync(Reservations reservations) => SettleAsync(reservations, null, string.Empty, default);

    // Usage null: the call failed, release everything it reserved. Charges what the provider reported, also past the
    // limit: the next calls of the tenant are refused until the window ends.
    private async Task SettleAsync(Reservations? reservations, Usage? usage, string model, Attribution attribution)
    {
        if (reservations is null || Array.TrueForAll(reservations.Slots, r => r is null) || !reservations.TryClaim())
        {
            return;
        }

        var price = Price(model);
        for (var kind = 0; kind < Reservations.Kinds; kind++)
        {
            if (reservations.Slots[kind] is not { } reservation)
            {
                continue;
            }

            var actual = usage is not { } u ? 0 : kind switch
            {
                Reservations.CostQuota => price is not null ? MicroUsd(u, price) : 0,
                Reservations.RequestRate => 1,
                _ => u.Input + u.Output,
            };

            if (reservations.Local[kind] is { } local)
            {
                await _fallback.SettleAsync(local, actual, CancellationToken.None).ConfigureAwait(false);
            }

            try
            {
                await _guard.SettleAsync(reservation, actual).ConfigureAwait(false);
            }
            catch (Quotas.QuotaStoreFailure)
            {
                // Retried when the store answers again, rather than leaving the window undercounted.
                _metrics.RecordStoreError(attribution);
                _guard.Defer(reservation, actual);
            }
        }
    }

    private sealed class Bucket
    {
        public Bucket(string key, long amount, long limit, string unit, TimeSpan window)
        {
            Window = window;
            Key = key;
            Amount = amount;
            Limit = limit;
            Unit = unit;
        }

        public string Key { get; }

        public long Amount { get; }

        public long Limit { get; }

        public string Unit { get; }

        public TimeSpan Window { get; }
    }

    // Money in a quota store is counted in millionths of a dollar, so stores only ever add integers.
    private static long MicroUsd(long input, long output, long cachedInput, ModelInfo price)
        => MicroUsd((input * price.Input + cachedInput * (price.CachedInput ?? price.Input) + output * price.Output) / 1_000_000m);

    // What a call cost: cached and cache-write tokens are part of the input, each at its own price where the model has one.
    private static long MicroUsd(Usage usage, ModelInfo price)
    {
        var cacheWrite = Math.Min(usage.CacheWrite, Math.Max(0, usage.Input - usage.CachedInput));
        var uncached = Math.Max(0, usage.Input - usage.CachedInput - cacheWrite);
        return MicroUsd(((uncached * price.Input) + (usage.CachedInput * (price.CachedInput ?? price.Input)) + (cacheWrite * (price.CacheWrite ?? price.Input)) + (usage.Output * price.Output)) / 1_000_000m);
    }

    private static long MicroUsd(decimal usd) => (long)Math.Ceiling(usd * 1_000_000m);

    // What a call holds in the store, by kind: quotas, and rate limits when they are shared through the store.
    private sealed class Reservations
    {
        public const int TokenQuota = 0;
        public const int CostQuota = 1;
        public const int RequestRate = 2;
        public const int TokenRate = 3;
        public const int Kinds = 4;

        private int _settled;

        public Quotas.QuotaReservation?[] Slots { get; } = new Quotas.QuotaReservation?[Kinds];

        // This instance's own windows, used while the store is unavailable (see QuotaStoreFallbackShare).
        public Quotas.QuotaReservation?[] Local { get; } = new Quotas.QuotaReservation?[Kinds];

        // Every path that ends a call settles; only the first one counts, so nothing is settled or released twice.
        public bool TryClaim() => Interlocked.Exchange(ref _settled, 1) == 0;
    }

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

        _metrics.RecordCall(dims, _endpoint, requestModel, response, usage.GetValueOrDefault(), usage is not null, price, error, seconds, firstChunk);
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

    // Only the names the options declare become tags: a caller cannot add dimensions the backend did not plan for.
    private IReadOnlyList<KeyValuePair<string, string>>? CustomDimensions(ChatOptions? options)
    {
        if (_dimensions.Length == 0 || options?.AdditionalProperties is not { } properties)
        {
            return null;
        }

        List<KeyValuePair<string, string>>? found = null;
        foreach (var name in _dimensions)
        {
            if (properties.TryGetValue(PromptLintChatOptionsExtensions.DimensionPrefix + name, out var value) && value?.ToString() is { } text)
            {
                (found ??= new List<KeyValuePair<string, string>>()).Add(new KeyValuePair<string, string>(name, text));
            }
        }

        return found;
    }

    private static string? Get(ChatOptions? options, string key)
        => options?.AdditionalProperties is { } properties && properties.TryGetValue(key, out var value) ? value?.ToString() : null;
}

/// <summary>Adds the meter to a chat client pipeline, in the style of <c>UseOpenTelemetry()</c>.</summary>
public static class PromptLintChatClientBuilderExtensions
{
    /// <summary><c>builder.UsePromptLintMeter(o => o.MaxOutputTokens = 1024)</c>.</summary>
    public static ChatClientBuilder UsePromptLintMeter(this ChatClientBuilder builder, Action<PromptLintMeterOptions>? configure = null)
    {
        if (builder is null)
        {
            throw new ArgumentNullException(nameof(builder));
        }

        var options = new PromptLintMeterOptions();
        configure?.Invoke(options);

        // Wrong options fail here, at start-up, not at the first call.
        options.Validate();

        // Logger, quota store and clock come from the application's services unless the options set them; each client
        // owns (and disposes) the instruments it creates. The options are shared and never changed here.
        return builder.Use((inner, services) => new PromptLintChatClient(inner, options, metrics: null, catalog: null, services));
    }
}
