using System;
using System.Threading;
using System.Threading.Tasks;
using StackExchange.Redis;

namespace PromptLint.Meter.Quotas;

/// <summary>
/// A quota shared by every instance through Redis (or any Redis-protocol server such as Garnet): one Lua script checks
/// and reserves atomically on the server; a window's key expires with the window.
/// </summary>
public sealed class RedisQuotaStore : IQuotaStore
{
    // KEYS[1] bucket; ARGV amount, limit, window ms. Returns used after reserving, or -(used + 1) when it would not fit.
    private const string ReserveScript = @"
local used = tonumber(redis.call('GET', KEYS[1]) or '0')
local amount = tonumber(ARGV[1])
if used + amount > tonumber(ARGV[2]) then
  return -(used + 1)
end
local now = redis.call('INCRBY', KEYS[1], amount)
if now == amount then
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
end
return now";

    // Adjusts only a window that still exists: a settlement after expiry must not recreate the key without a TTL.
    private const string SettleScript = @"
if redis.call('EXISTS', KEYS[1]) == 1 then
  return redis.call('INCRBY', KEYS[1], ARGV[1])
end
return 0";

    private readonly IDatabase _database;
    private readonly string _prefix;

    /// <summary>Uses <paramref name="database"/>; keys start with <paramref name="prefix"/>.</summary>
    public RedisQuotaStore(IDatabase database, string prefix = "promptlint:quota:")
    {
        _database = database ?? throw new ArgumentNullException(nameof(database));
        _prefix = prefix;
    }

    /// <inheritdoc />
    public async Task<QuotaReservation> ReserveAsync(string bucket, long amount, long limit, TimeSpan window, CancellationToken cancellationToken)
    {
        var result = (long)await _database.ScriptEvaluateAsync(
            ReserveScript,
            new RedisKey[] { _prefix + bucket },
            new RedisValue[] { amount, limit, (long)Math.Ceiling(window.TotalMilliseconds) }).ConfigureAwait(false);
        return result < 0
            ? new QuotaReservation(bucket, granted: false, amount, -result - 1)
            : new QuotaReservation(bucket, granted: true, amount, result);
    }

    /// <inheritdoc />
    public Task SettleAsync(QuotaReservation reservation, long actual, CancellationToken cancellationToken)
        => reservation.Granted && actual != reservation.Amount
            ? _database.ScriptEvaluateAsync(SettleScript, new RedisKey[] { _prefix + reservation.Bucket }, new RedisValue[] { actual - reservation.Amount })
            : Task.CompletedTask;
}
