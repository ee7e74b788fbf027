using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

using PromptLint.Contracts.Pricing;

namespace PromptLint.Meter;

/// <summary>Quotas and shared rate limits: reserve the worst case before the call, settle after, through the store guard.</summary>
public sealed partial class PromptLintQuotaChatClient
{
    // Rate limits first (nothing to undo), then quotas: the call's worst case (input + output cap) is reserved in the
    // tenant's window before the call is sent and settled with actual usage after. Into the caller's (empty)
    // reservations, so a stream can keep them in its own state without awaiting a result.
    private async Task<Reservations?> ReserveAsync(Reservations reservations, Attribution attribution, int input, BudgetOptions? budget, string model, ChatOptions? options, CancellationToken cancellationToken)
    {
        if (budget is null || attribution.Tenant is not { } tenant)
        {
            return null;
        }

        cancellationToken.ThrowIfCancellationRequested();

        var price = _planner.Price(model);
        var outputCap = _planner.OutputCap(model, options);
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
            if (answers[i].Answer is { } answer)
            {
                _known.Note(answer);
            }
        }

        // Cancellation wins over every other outcome; then a store's "no" (rate limits first); then an unreachable store.
        if (FirstError(answers, canceledOnly: true) is OperationCanceledException canceled)
        {
            await ReleaseAsync(reservations).ConfigureAwait(false);
            throw canceled;
        }

        for (var kind = Reservations.RequestRate; kind <= Reservations.TokenRate; kind++)
        {
            if (answers[kind].Answer is { Granted: false })
            {
                await ReleaseAsync(reservations).ConfigureAwait(false);
                _metrics.RecordRejection(attribution, model, "rate_limit");
                throw new Quotas.RateLimitExceededException(tenant, minuteStart.AddMinutes(1) - now);
            }
        }

        for (var kind = Reservations.TokenQuota; kind <= Reservations.CostQuota; kind++)
        {
            if (answers[kind].Answer is { Granted: false } answer)
            {
                var bucket = buckets[kind]!;
                await ReleaseAsync(reservations).ConfigureAwait(false);
                _metrics.RecordRejection(attribution, model, "quota");
                throw new Quotas.QuotaExceededException(tenant, bucket.Limit, answer.Used, bucket.Amount, start + _options.QuotaWindow, bucket.Unit);
            }
        }

        if (FirstError(answers, canceledOnly: false) is { } failure)
        {
            _metrics.RecordStoreError(attribution);
            if (_options.QuotaStoreFailure == Quotas.QuotaStoreFailureMode.FailClosed)
            {
                await ReleaseAsync(reservations).ConfigureAwait(false);
                _metrics.RecordRejection(attribution, model, "quota_store");
                throw new Quotas.QuotaStoreUnavailableException(failure.InnerException ?? failure);
            }

            // Admitted without the shared check, but never without a bound: each instance admits at most its share of
            // what the store last said was left of each limit, in a local window of its own (QuotaStoreFallbackShare).
            // Counted, and charged to the shared window with what it used when it settles (retried until the store answers).
            for (var i = 0; i < answers.Length; i++)
            {
                if (answers[i].Error is not null)
                {
                    var bucket = buckets[i]!;
                    var local = await _fallback.ReserveAsync(bucket.Key, bucket.Amount, _known.FallbackLimit(bucket.Key, bucket.Limit, _options.QuotaStoreFallbackShare), bucket.Window, CancellationToken.None).ConfigureAwait(false);
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

    private static Exception? FirstError((Quotas.QuotaReservation? Answer, Exception? Error)[] answers, bool canceledOnly)
    {
        foreach (var answer in answers)
        {
            if (answer.Error is { } error && (!canceledOnly || error is OperationCanceledException))
            {
                return error;
            }
        }

        return null;
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
        if (reservations is null || reservations.Empty || !reservations.TryClaim())
        {
            return;
        }

        var price = _planner.Price(model);
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

        public bool Empty => Slots[0] is null && Slots[1] is null && Slots[2] is null && Slots[3] is null;

        // Every path that ends a call settles; only the first one counts, so nothing is settled or released twice.
        public bool TryClaim() => Interlocked.Exchange(ref _settled, 1) == 0;
    }
}
