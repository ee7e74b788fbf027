using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

namespace PromptLint.Meter.Quotas;

/// <summary>The default store: one process. Use <see cref="RedisQuotaStore"/> when several instances share a quota.</summary>
public sealed class InMemoryQuotaStore : IQuotaStore
{
    private readonly ConcurrentDictionary<string, StrongBox> _buckets = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public Task<QuotaReservation> ReserveAsync(string bucket, long amount, long limit, TimeSpan window, CancellationToken cancellationToken)
    {
        // Windows that have ended are dropped now and then, so a long-lived process does not keep every window it saw.
        if (_buckets.Count > 1024)
        {
            var now = DateTime.UtcNow;
            foreach (var pair in _buckets)
            {
                if (pair.Value.ExpiresAt < now)
                {
                    _buckets.TryRemove(pair.Key, out _);
                }
            }
        }

        var box = _buckets.GetOrAdd(bucket, _ => new StrongBox { ExpiresAt = DateTime.UtcNow + window + window });
        lock (box)
        {
            if (box.Value + amount > limit)
            {
                return Task.FromResult(new QuotaReservation(bucket, granted: false, amount, box.Value));
            }

            box.Value += amount;
            return Task.FromResult(new QuotaReservation(bucket, granted: true, amount, box.Value));
        }
    }

    /// <inheritdoc />
    public Task SettleAsync(QuotaReservation reservation, long actual, CancellationToken cancellationToken)
    {
        if (reservation.Granted && _buckets.TryGetValue(reservation.Bucket, out var box))
        {
            lock (box)
            {
                box.Value += actual - reservation.Amount;
            }
        }

        return Task.CompletedTask;
    }

    private sealed class StrongBox
    {
        public long Value;

        public DateTime ExpiresAt;
    }
}
