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
                return Task.FromResult(new QuotaReservation(bucket, granted: false, amount, box.Value, window));
            }

            box.Value += amount;
            return Task.FromResult(new QuotaReservation(bucket, granted: true, amount, box.Value, window));
        }
    }

    /// <inheritdoc />
    public Task SettleAsync(QuotaReservation reservation, long actual, CancellationToken cancellationToken)
    {
        if (!reservation.Granted)
        {
            return Task.CompletedTask;
        }

        // A window that expired or was never reserved in (a call admitted unchecked) is created, as RedisQuotaStore does.
        var box = reservation.Window > TimeSpan.Zero
            ? _buckets.GetOrAdd(reservation.Bucket, _ => new StrongBox { ExpiresAt = DateTime.UtcNow + reservation.Window + reservation.Window })
            : _buckets.TryGetValue(reservation.Bucket, out var existing) ? existing : null;
        if (box is not null)
        {
            lock (box)
            {
                box.Value += actual - reservation.Amount;
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<long> GetUsedAsync(string bucket, CancellationToken cancellationToken)
    {
        if (_buckets.TryGetValue(bucket, out var box))
        {
            lock (box)
            {
                return Task.FromResult(box.Value);
            }
        }

        return Task.FromResult(0L);
    }

    private sealed class StrongBox
    {
        public long Value;

        public DateTime ExpiresAt;
    }
}
