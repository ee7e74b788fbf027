using System;
using System.Threading;
using System.Threading.Tasks;

namespace PromptLint.Meter.Quotas;

/// <summary>
/// Where quota usage lives. A call reserves its worst case (input + output cap) before it is sent and settles with its
/// actual usage after, so concurrent calls cannot overspend. Implementations must make a reservation atomic.
/// </summary>
public interface IQuotaStore
{
    /// <summary>Reserves <paramref name="amount"/> in the window <paramref name="bucket"/> if usage stays within <paramref name="limit"/>.</summary>
    Task<QuotaReservation> ReserveAsync(string bucket, long amount, long limit, TimeSpan window, CancellationToken cancellationToken);

    /// <summary>Adjusts a granted reservation to what was used (0 releases it, for a call that failed).</summary>
    Task SettleAsync(QuotaReservation reservation, long actual, CancellationToken cancellationToken);
}

/// <summary>The answer to a reservation.</summary>
public sealed class QuotaReservation
{
    /// <summary>Creates a reservation result.</summary>
    public QuotaReservation(string bucket, bool granted, long amount, long used)
    {
        Bucket = bucket;
        Granted = granted;
        Amount = amount;
        Used = used;
    }

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
    /// <summary>Let the call through (default), count it in <c>promptlint.quota.store_errors</c>.</summary>
    FailOpen,
    /// <summary>Refuse the call with <see cref="QuotaStoreUnavailableException"/>.</summary>
    FailClosed,
}
