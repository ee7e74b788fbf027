using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

using PromptLint.Contracts.Pricing;

namespace PromptLint.Meter;

/// <summary>
/// The quotas part: per-tenant rate limits and quotas. Before a call with a tenant is sent it reserves the call's worst
/// case (input plus output cap) in the tenant's windows, through the quota store's timeout and circuit breaker; after
/// the call it settles the reservation once, with the usage the metering part inside measured (or, with none inside,
/// by the same policy), and releases it when the call failed before anything was billed. Refusals throw
/// <see cref="Quotas.QuotaExceededException"/>, <see cref="Quotas.RateLimitExceededException"/> or
/// <see cref="Quotas.QuotaStoreUnavailableException"/> and are counted on <c>promptlint.rejections</c>.
/// </summary>
public sealed partial class PromptLintQuotaChatClient : DelegatingChatClient
{
    private readonly CallPlanner _planner;
    private readonly PromptLintMeterOptions _options;
    private readonly PromptLintMetrics _metrics;
    private readonly bool _ownsMetrics;
    private readonly TimeProvider _clock;
    private readonly Quotas.IQuotaStore _store;
    private readonly Quotas.QuotaStoreGuard _guard;
    private readonly Quotas.InMemoryQuotaStore _fallback;
    private readonly LastKnownUsage _known = new();
    private readonly PartitionedRateLimiter<string>? _requestLimiter;
    private readonly PartitionedRateLimiter<string>? _tokenLimiter;

    /// <summary>
    /// Wraps <paramref name="innerClient"/>. What the options leave unset (logger, quota store, clock) comes from
    /// <paramref name="services"/> when they have it. Refusals and store errors are recorded on <paramref name="metrics"/>,
    /// else on the metering part's instruments when one is inside, else on instruments this client creates and disposes.
    /// </summary>
    public PromptLintQuotaChatClient(IChatClient innerClient, PromptLintMeterOptions? options = null, PromptLintMetrics? metrics = null, ModelCatalog? catalog = null, IServiceProvider? services = null)
        : this(innerClient, Checked(options), metrics, catalog, services, planner: null)
    {
    }

    internal PromptLintQuotaChatClient(IChatClient innerClient, PromptLintMeterOptions options, PromptLintMetrics? metrics, ModelCatalog? catalog, IServiceProvider? services, CallPlanner? planner)
        : base(innerClient)
    {
        _options = options;
        _planner = planner ?? new CallPlanner(options, catalog, innerClient);
        _metrics = MeterServices.Metrics(innerClient, options, metrics, out _ownsMetrics);
        _clock = MeterServices.Clock(options, services);
        _store = MeterServices.Store(options, services);
        _guard = new Quotas.QuotaStoreGuard(_store, options.QuotaStoreTimeout, options.QuotaStoreFailuresBeforeBreaking, options.QuotaStoreCooldown, _clock, MeterServices.Logger(options, services), options.QuotaStoreWarmUpTimeout, options.QuotaStoreWarmUpAnswers);
        _fallback = new Quotas.InMemoryQuotaStore(_clock);
        if (options.TenantRequestsPerMinute is { } requests)
        {
            _requestLimiter = PartitionedRateLimiter.Create<string, string>(tenant => RateLimitPartition.GetFixedWindowLimiter(tenant, _ =>
                new FixedWindowRateLimiterOptions { PermitLimit = requests, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        }

        if (options.TenantTokensPerMinute is { } tokens)
        {
            _tokenLimiter = PartitionedRateLimiter.Create<string, string>(tenant => RateLimitPartition.GetTokenBucketLimiter(tenant, _ =>
                new TokenBucketRateLimiterOptions { TokenLimit = tokens, TokensPerPeriod = tokens, ReplenishmentPeriod = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        }
    }

    /// <inheritdoc />
    public override object? GetService(Type serviceType, object? serviceKey = null)
    {
        if (serviceType is null)
        {
            throw new ArgumentNullException(nameof(serviceType));
        }

        if (serviceKey is null)
        {
            if (serviceType == typeof(Quotas.IQuotaStore))
            {
                return _store;
            }

            if (serviceType == typeof(PromptLintMetrics) && _ownsMetrics)
            {
                return _metrics;
            }
        }

        return base.GetService(serviceType, serviceKey);
    }

    /// <summary>Releases the rate limiters and the instruments this client created, then the inner client.</summary>
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

        var budget = _planner.Budget(new Attribution(null, null, tenant));
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
    /// Warms the quota store (connection, script load for <c>RedisQuotaStore</c> (package PromptLint.Meter.Redis)) so the first burst after
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

    /// <inheritdoc />
    public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (!_planner.HasQuotas)
        {
            return base.GetResponseAsync(messages, options, cancellationToken);
        }

        var attribution = _planner.Attribute(options);
        var budget = _planner.Budget(attribution);
        return NeedsReservation(attribution, budget)
            ? ReservedResponseAsync(messages as IList<ChatMessage> ?? messages.ToList(), MeteredCall.For(messages, options), options, attribution, budget, cancellationToken)
            : base.GetResponseAsync(messages, options, cancellationToken);
    }

    /// <inheritdoc />
    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (!_planner.HasQuotas)
        {
            return base.GetStreamingResponseAsync(messages, options, cancellationToken);
        }

        var attribution = _planner.Attribute(options);
        var budget = _planner.Budget(attribution);
        return NeedsReservation(attribution, budget)
            ? ReservedStreamAsync(messages as IList<ChatMessage> ?? messages.ToList(), MeteredCall.For(messages, options), options, attribution, budget, cancellationToken)
            : base.GetStreamingResponseAsync(messages, options, cancellationToken);
    }

    // Quotas and rate limits apply to calls with a tenant only.
    private bool NeedsReservation(Attribution attribution, BudgetOptions budget)
        => attribution.Tenant is not null
            && (_options.TenantRequestsPerMinute is not null || _options.TenantTokensPerMinute is not null || budget.TokenQuota is not null || budget.CostQuotaUsd is not null);

    // The state handed on to the parts inside: the budgets part's (with the input it counted), else a new one.
    private MeteredCall Begin(IList<ChatMessage> messages, MeteredCall? handed, ChatOptions? options, string model)
    {
        var state = handed ?? new MeteredCall(messages, options, input: null);
        state.Input ??= _planner.Counter.Count(messages, options, model);
        return state;
    }

    private async Task<ChatResponse> ReservedResponseAsync(IList<ChatMessage> messages, MeteredCall? handed, ChatOptions? options, Attribution attribution, BudgetOptions budget, CancellationToken cancellationToken)
    {
        var model = _planner.ModelOf(options);
        var state = Begin(messages, handed, options, model);
        var reservations = await ReserveAsync(new Reservations(), attribution, state.Input!.Value, budget, model, options, cancellationToken).ConfigureAwait(false);
        state.Reserved = true;
        ChatResponse response;
        Task<ChatResponse>? task = null;
        try
        {
            using (state.Enter())
            {
                task = base.GetResponseAsync(messages, options, cancellationToken);
            }

            // An inner client that ignores the token still lets the caller go (the metering part inside does it when
            // there is one, and charges the call then): the reservation is never held past the caller's cancellation.
            var letGo = cancellationToken.CanBeCanceled && !task.IsCompleted && !state.Metered;
            response = await (letGo ? PromptLintMeteringChatClient.WhenCompletedOrCanceled(task, _clock, cancellationToken) : task).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // Thrown synchronously, before a task existed: nothing was sent, the reservation is released.
            var charged = task is null ? null : state.Metered ? state.Close() : _planner.Unfinished(messages, options, model, state.Input, ex, streamed: null);
            await SettleAsync(reservations, charged, model, attribution).ConfigureAwait(false);
            throw;
        }

        var usage = state.Metered ? state.Close() : _planner.Measured(messages, options, model, response);
        await SettleAsync(reservations, usage, model, attribution).ConfigureAwait(false);
        return response;
    }

    private static PromptLintMeterOptions Checked(PromptLintMeterOptions? options)
    {
        var checkedOptions = options ?? new PromptLintMeterOptions();
        checkedOptions.Validate();
        return checkedOptions;
    }
}
