using System;
using System.Threading;
using System.Threading.Tasks;
using StackExchange.Redis;

namespace PromptLint.Meter.Quotas;

/// <summary>
/// A quota shared by every instance through Redis (or any Redis-protocol server such as Garnet); a window's key expires
/// with the window. The reservation is correct even where a server does not run a script as one atomic step (Garnet
/// without <c>--lua-transaction-mode</c>): it adds first with one atomic <c>INCRBY</c> and takes the amount back when the
/// total is over the limit, so concurrent calls can never both fit where only one does. Near the limit a call that
/// would fit may then be refused while another call's amount is being taken back; never the other way round.
/// </summary>
public sealed class RedisQuotaStore : IQuotaStore, IQuotaStoreWarmUp
{
    // KEYS[1] bucket; ARGV amount, limit, window ms. Returns used after reserving, or -(used + 1) when it would not fit.
    private const string ReserveScript = @"
redis.call('SET', KEYS[1], 0, 'PX', ARGV[3], 'NX')
local amount = tonumber(ARGV[1])
local now = redis.call('INCRBY', KEYS[1], amount)
if redis.call('PTTL', KEYS[1]) == -1 then
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
end
if now > tonumber(ARGV[2]) then
  redis.call('DECRBY', KEYS[1], amount)
  return -(now - amount + 1)
end
return now";

    // KEYS[1] bucket; ARGV delta, window ms (0: adjust only a window that still exists). Never leaves a key without a TTL.
    private const string SettleScript = @"
if ARGV[2] == '0' and redis.call('EXISTS', KEYS[1]) == 0 then
  return 0
end
local now = redis.call('INCRBY', KEYS[1], ARGV[1])
if redis.call('PTTL', KEYS[1]) == -1 then
  if ARGV[2] == '0' then
    redis.call('DEL', KEYS[1])
  else
    redis.call('PEXPIRE', KEYS[1], ARGV[2])
  end
end
return now";

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
        cancellationToken.ThrowIfCancellationRequested();
        var result = (long)await _database.ScriptEvaluateAsync(
            ReserveScript,
            new RedisKey[] { _prefix + bucket },
            new RedisValue[] { amount, limit, Milliseconds(window) }).ConfigureAwait(false);
        return result < 0
            ? new QuotaReservation(bucket, granted: false, amount, -result - 1, window)
            : new QuotaReservation(bucket, granted: true, amount, result, window);
    }

    /// <inheritdoc />
    public Task SettleAsync(QuotaReservation reservation, long actual, CancellationToken cancellationToken)
        => reservation.Granted && actual != reservation.Amount
            ? _database.ScriptEvaluateAsync(SettleScript, new RedisKey[] { _prefix + reservation.Bucket }, new RedisValue[] { actual - reservation.Amount, Milliseconds(reservation.Window) })
            : Task.CompletedTask;

    /// <summary>
    /// A round trip, then both scripts loaded on every connected primary (SCRIPT LOAD: compiled on the server, hashes known
    /// to the client), so the first burst of reservations neither sends nor compiles script text. Creates no key.
    /// </summary>
    public async Task WarmUpAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await _database.PingAsync().ConfigureAwait(false);
        foreach (var server in _database.Multiplexer.GetServers())
        {
            if (server.IsConnected && !server.IsReplica)
            {
                await server.ScriptLoadAsync(ReserveScript).ConfigureAwait(false);
                await server.ScriptLoadAsync(SettleScript).ConfigureAwait(false);
            }
        }
    }

    /// <inheritdoc />
    public async Task<long> GetUsedAsync(string bucket, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var value = await _database.StringGetAsync(_prefix + bucket).ConfigureAwait(false);
        return value.IsNull ? 0 : (long)value;
    }

    private static long Milliseconds(TimeSpan window) => (long)Math.Ceiling(window.TotalMilliseconds);
}
