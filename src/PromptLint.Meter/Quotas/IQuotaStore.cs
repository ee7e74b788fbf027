using System;
using System.Threading;
using System.Threading.Tasks;

namespace PromptLint.Meter.Quotas;

/// <summary>
/// Where quota usage lives. A call reserves its worst case (input + output cap) before it is sent and settles with its
/// actual usage after, so concurrent calls cannot overspend. Implementations must make a reservation atomic: a
/// reservation is granted only when the window's usage after it is within the limit, whatever runs concurrently.
/// The meter bounds every call with <see cref="PromptLintMeterOptions.QuotaStoreTimeout"/> and passes a token that is
/// cancelled when it stops waiting; a store that ignores the token is still abandoned at the timeout.
/// </summary>
public interface IQuotaStore
{
    /// <summary>Reserves <paramref name="amount"/> in the window <paramref name="bucket"/> if usage stays within <paramref name="limit"/>.</summary>
    Task<QuotaReservation> ReserveAsync(string bucket, long amount, long limit, TimeSpan window, CancellationToken cancellationToken);

    /// <summary>
    /// Adjusts a granted reservation to what was used (0 releases it, for a call that failed): adds
    /// <c>actual - reservation.Amount</c> to the window, also past the limit, so a call that used more than it reserved
    /// blocks the tenant's next calls. A window that no longer exists is created with <see cref="QuotaReservation.Window"/>
    /// as its lifetime (a call admitted unchecked during an outage is charged this way, with an amount of 0).
    /// </summary>
    Task SettleAsync(QuotaReservation reservation, long actual, CancellationToken cancellationToken);

    /// <summary>Usage of the window <paramref name="bucket"/> now (0 when it has none), for <see cref="PromptLintChatClient.GetUsageAsync"/>.</summary>
    Task<long> GetUsedAsync(string bucket, CancellationToken cancellationToken);
}

/// <summary>The answer to a reservation.</summary>
public sealed class QuotaReservation
{
    /// <summary>Creates a reservation result.</summary>
    public QuotaReservation(string bucket, bool granted, long amount, long used)
        : this(bucket, granted, amount, used, TimeSpan.Zero)
    {
    }

    /// <summary>Creates a reservation result for a window of length <paramref name="window"/>.</summary>
    public QuotaReservation(string bucket, bool granted, long amount, long used, TimeSpan window)
    {
        Bucket = bucket;
        Granted = granted;
        Amount = amount;
        Used = used;
        Window = window;
    }

    /// <summary>The window's length, so a settlement can recreate a window that expired meanwhile (zero: unknown).</summary>
    public TimeSpan Window { get; }

    /// <summary>The window's key.</summary>
    public string Bucket { get; }

    /// <summary>True when the amount fit.</summary>
    public bool Granted { get; }

    /// <summary>Amount reserved (or asked for).</summary>
    public long Amount { get; }

    /// <summary>Usage of the window after the reservation (before it, when denied).</summary>
    public long Used { get; }
}

/// <summary>What to do when the quota store cannot be reached.</summary>
public enum QuotaStoreFailureMode
{
    /// <summary>
    /// Let the call through (default) within this instance's share of what was left of the limit
    /// (<see cref="PromptLintMeterOptions.QuotaStoreFallbackShare"/>, checked in a local window), count it in
    /// <c>promptlint.quota.unchecked</c> and <c>promptlint.quota.store_errors</c>, and charge its usage to the tenant's
    /// shared window when it settles (kept and retried until the store answers).
    /// </summary>
    FailOpen,
    /// <summary>Refuse the call with <see cref="QuotaStoreUnavailableException"/>, within the store timeout (at once while the breaker is open).</summary>
    FailClosed,
}
