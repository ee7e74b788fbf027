using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace PromptLint.Meter.Quotas;

/// <summary>
/// The default store: one process. Use <c>RedisQuotaStore</c> (package PromptLint.Meter.Redis) when several instances share a quota.
/// A reservation and a settlement are O(1) amortised whatever the number of tenants: windows are found by key, and
/// ended windows are dropped from the front of an expiry queue (one per window length, so the queue is in expiry order)
/// a few at a time by the calls themselves, never by scanning. Memory holds the windows of the last two window lengths.
/// </summary>
public sealed class InMemoryQuotaStore : IQuotaStore
{
    // Each call drops up to this many ended windows: more than it can create (one per bucket), so the queues keep up.
    private const int DropsPerCall = 2;

    private readonly ConcurrentDictionary<string, Window> _buckets = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<long, ConcurrentQueue<Window>> _expiry = new();
    private readonly TimeProvider _clock;

    /// <summary>A store on the system clock.</summary>
    public InMemoryQuotaStore()
        : this(TimeProvider.System)
    {
    }

    /// <summary>A store whose windows end on <paramref name="clock"/>.</summary>
    public InMemoryQuotaStore(TimeProvider clock) => _clock = clock ?? throw new ArgumentNullException(nameof(clock));

    /// <summary>Windows held now (for tests of the memory bound).</summary>
    internal int Count => _buckets.Count;

    /// <inheritdoc />
    public Task<QuotaReservation> ReserveAsync(string bucket, long amount, long limit, TimeSpan window, CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow().UtcTicks;
        DropEnded(now);
        while (true)
        {
            var box = Find(bucket, window, now);
            lock (box)
            {
                if (box.Dropped)
                {
                    continue;
                }

                if (box.Value + amount > limit)
                {
                    return Task.FromResult(new QuotaReservation(bucket, granted: false, amount, box.Value, window));
                }

                box.Value += amount;
                return Task.FromResult(new QuotaReservation(bucket, granted: true, amount, box.Value, window));
            }
        }
    }

    /// <inheritdoc />
    public Task SettleAsync(QuotaReservation reservation, long actual, CancellationToken cancellationToken)
    {
        if (!reservation.Granted)
        {
            return Task.CompletedTask;
        }

        var now = _clock.GetUtcNow().UtcTicks;
        while (true)
        {
            // A window that expired or was never reserved in (a call admitted unchecked) is created, as RedisQuotaStore does.
            var box = reservation.Window > TimeSpan.Zero
                ? Find(reservation.Bucket, reservation.Window, now)
                : _buckets.TryGetValue(reservation.Bucket, out var existing) ? existing : null;
            if (box is null)
            {
                return Task.CompletedTask;
            }

            lock (box)
            {
                if (!box.Dropped)
                {
                    box.Value += actual - reservation.Amount;
                    return Task.CompletedTask;
                }
            }
        }
    }

    /// <inheritdoc />
    public Task<long> GetUsedAsync(string bucket, CancellationToken cancellationToken)
    {
        if (_buckets.TryGetValue(bucket, out var box))
        {
            lock (box)
            {
                return Task.FromResult(box.Dropped ? 0 : box.Value);
            }
        }

        return Task.FromResult(0L);
    }

    private Window Find(string bucket, TimeSpan window, long now)
    {
        if (_buckets.TryGetValue(bucket, out var found))
        {
            return found;
        }

        // Kept for two window lengths, as RedisQuotaStore's keys are: a call that settles late still finds its window.
        var created = new Window(bucket, now + window.Ticks + window.Ticks);
        var box = _buckets.GetOrAdd(bucket, created);
        if (ReferenceEquals(box, created))
        {
            _expiry.GetOrAdd(window.Ticks, static _ => new ConcurrentQueue<Window>()).Enqueue(created);
        }

        return box;
    }

    private void DropEnded(long now)
    {
        foreach (var pair in _expiry)
        {
            var queue = pair.Value;
            for (var i = 0; i < DropsPerCall && queue.TryPeek(out var head) && head.ExpiresAt <= now; i++)
            {
                if (!queue.TryDequeue(out var ended))
                {
                    break;
                }

                if (ended.ExpiresAt > now)
                {
                    // Another call dequeued the ended head first; this one is still live: back in the queue (late).
                    queue.Enqueue(ended);
                    break;
                }

                lock (ended)
                {
                    ended.Dropped = true;
                }

                ((ICollection<KeyValuePair<string, Window>>)_buckets).Remove(new KeyValuePair<string, Window>(ended.Key, ended));
            }
        }
    }

    private sealed class Window
    {
        public Window(string key, long expiresAt)
        {
            Key = key;
            ExpiresAt = expiresAt;
        }

        public string Key { get; }

        public long ExpiresAt { get; }

        public long Value;

        public bool Dropped;
    }
}
