using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace PromptLint.Meter.Quotas;

/// <summary>
/// Every call the meter makes to an <see cref="IQuotaStore"/> goes through here: a short timeout linked to the caller's
/// token (the store is not trusted to honour the token: StackExchange.Redis ignores it), and a circuit breaker that
/// stops waiting on a dead store for a cool-down, then lets one probe through and closes again when it answers.
/// </summary>
internal sealed class QuotaStoreGuard
{
    private readonly IQuotaStore _store;
    private readonly TimeSpan _timeout;
    private readonly int _failuresBeforeOpening;
    private readonly TimeSpan _cooldown;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;

    private int _consecutiveFailures;

    // 1 while the breaker is open, since the timestamp _openedAt (TimeProvider.GetTimestamp: monotonic, so a wall-clock
    // jump neither ends nor prolongs a cool-down).
    private int _open;
    private long _openedAt;

    // 1 while the single probe of a half-open breaker is in flight.
    private int _probing;

    // 1 from the first failure of an outage until the store answers again, so an outage is logged once.
    private int _inOutage;
    private long _outageStarted;
    private long _uncheckedInOutage;

    // Cold: the store has a warm-up that has not failed, and has answered fewer than _warmUpAnswers times since.
    private readonly IQuotaStoreWarmUp? _warmUp;
    private readonly TimeSpan _warmUpTimeout;
    private readonly int _warmUpAnswers;
    private Task? _warming;
    private int _answers;
    private volatile bool _cold;

    public QuotaStoreGuard(IQuotaStore store, TimeSpan timeout, int failuresBeforeOpening, TimeSpan cooldown, TimeProvider clock, ILogger? logger)
        : this(store, timeout, failuresBeforeOpening, cooldown, clock, logger, timeout, 0)
    {
    }

    public QuotaStoreGuard(IQuotaStore store, TimeSpan timeout, int failuresBeforeOpening, TimeSpan cooldown, TimeProvider clock, ILogger? logger, TimeSpan warmUpTimeout, int warmUpAnswers)
    {
        _store = store;
        _warmUp = store as IQuotaStoreWarmUp;
        _warmUpTimeout = warmUpTimeout > timeout ? warmUpTimeout : timeout;
        _warmUpAnswers = warmUpAnswers;
        _cold = _warmUp is not null;
        _timeout = timeout;
        _failuresBeforeOpening = failuresBeforeOpening;
        _cooldown = cooldown;
        _clock = clock;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>True while a store with a warm-up is still cold (waits are bounded by the warm-up timeout).</summary>
    public bool IsCold => _cold;

    /// <summary>True when the store's warm-up threw or timed out.</summary>
    public bool WarmUpFailed { get; private set; }

    // The wait for one store call: longer while the store is cold.
    private TimeSpan Timeout => _cold ? _warmUpTimeout : _timeout;

    /// <summary>
    /// Runs the store's warm-up once (later callers share it) and waits for it within the warm-up timeout and
    /// <paramref name="cancellationToken"/>. A warm-up that fails ends the cold period: the store is down, not cold.
    /// </summary>
    public Task WarmUpAsync(CancellationToken cancellationToken)
    {
        if (_warmUp is null)
        {
            return Task.CompletedTask;
        }

        var warming = Volatile.Read(ref _warming);
        if (warming is null)
        {
            var done = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            warming = Interlocked.CompareExchange(ref _warming, done.Task, null) ?? done.Task;
            if (ReferenceEquals(warming, done.Task))
            {
                _ = RunWarmUpAsync().ContinueWith(_ => done.TrySetResult(true), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
        }

        return warming.IsCompleted ? Task.CompletedTask : warming.WaitAsync(System.Threading.Timeout.InfiniteTimeSpan, _clock, cancellationToken);
    }

    private async Task RunWarmUpAsync()
    {
        using var timeout = new CancellationTokenSource();
        try
        {
            await _warmUp!.WarmUpAsync(timeout.Token).WaitAsync(_warmUpTimeout, _clock, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            timeout.Cancel();
            WarmUpFailed = true;
            _cold = false;
            _logger.LogWarning(ex, "PromptLint quota store warm-up failed; calls wait the store timeout ({Timeout}) from now on.", _timeout);
        }
    }

    /// <summary>True while the breaker is open (calls do not reach the store).</summary>
    public bool IsOpen => Volatile.Read(ref _open) == 1;

    /// <summary>
    /// The store's answer within the timeout. Throws <see cref="OperationCanceledException"/> when the caller cancels (also
    /// while waiting on the store), and <see cref="QuotaStoreFailure"/> when the store failed, timed out or the breaker is open.
    /// </summary>
    public async Task<QuotaReservation> ReserveAsync(string bucket, long amount, long limit, TimeSpan window, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_cold)
        {
            await WarmUpAsync(cancellationToken).ConfigureAwait(false);
        }

        var probe = Enter();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task<QuotaReservation> task;
        try
        {
            task = _store.ReserveAsync(bucket, amount, limit, window, linked.Token);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw Failed(probe, ex);
        }

        try
        {
            var reservation = await task.WaitAsync(Timeout, _clock, cancellationToken).ConfigureAwait(false);
            Succeeded(probe);
            if (_cold && Interlocked.Increment(ref _answers) >= _warmUpAnswers)
            {
                _cold = false;
            }

            return reservation;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The caller gave up: not the store's fault. A reservation that still lands is released.
            EndProbe(probe);
            linked.Cancel();
            ReleaseIfGrantedLater(task);
            throw;
        }
        catch (Exception ex)
        {
            linked.Cancel();
            ReleaseIfGrantedLater(task);
            throw Failed(probe, ex);
        }
    }

    /// <summary>Adjusts a reservation within the timeout (never the caller's token: a finished call must still settle).</summary>
    public async Task SettleAsync(QuotaReservation reservation, long actual)
    {
        var probe = Enter();
        using var timeout = new CancellationTokenSource();
        try
        {
            await _store.SettleAsync(reservation, actual, timeout.Token).WaitAsync(Timeout, _clock, CancellationToken.None).ConfigureAwait(false);
            Succeeded(probe);
        }
        catch (Exception ex)
        {
            timeout.Cancel();
            throw Failed(probe, ex);
        }
    }

    /// <summary>A window's usage within the timeout and the caller's token.</summary>
    public async Task<long> GetUsedAsync(string bucket, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var probe = Enter();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            var used = await _store.GetUsedAsync(bucket, linked.Token).WaitAsync(_timeout, _clock, cancellationToken).ConfigureAwait(false);
            Succeeded(probe);
            return used;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            EndProbe(probe);
            linked.Cancel();
            throw;
        }
        catch (Exception ex)
        {
            linked.Cancel();
            throw Failed(probe, ex);
        }
    }

    /// <summary>
    /// Keeps a settlement the store could not take (failed, timed out, breaker open) to retry it when the store answers
    /// again, so an outage does not leave the window undercounted. At most <see cref="MaxPending"/> are kept.
    /// </summary>
    public void Defer(QuotaReservation reservation, long actual)
    {
        if (Interlocked.Increment(ref _pendingCount) > MaxPending)
        {
            Interlocked.Decrement(ref _pendingCount);
            Interlocked.Increment(ref _droppedSettlements);
            return;
        }

        _pending.Enqueue((reservation, actual));
    }

    /// <summary>Settlements waiting for the store.</summary>
    public int Pending => Volatile.Read(ref _pendingCount);

    internal const int MaxPending = 100_000;

    private readonly System.Collections.Concurrent.ConcurrentQueue<(QuotaReservation Reservation, long Actual)> _pending = new();
    private int _pendingCount;
    private int _draining;
    private long _droppedSettlements;

    // One drain at a time, started by an answer from the store; it stops at the first failure and waits for the next answer.
    private async Task DrainAsync()
    {
        var retried = 0;
        try
        {
            while (_pending.TryDequeue(out var item))
            {
                Interlocked.Decrement(ref _pendingCount);
                try
                {
                    using var timeout = new CancellationTokenSource();
                    await _store.SettleAsync(item.Reservation, item.Actual, timeout.Token).WaitAsync(Timeout, _clock, CancellationToken.None).ConfigureAwait(false);
                    retried++;
                }
                catch (Exception)
                {
                    Defer(item.Reservation, item.Actual);
                    break;
                }
            }
        }
        finally
        {
            Volatile.Write(ref _draining, 0);
            if (retried > 0)
            {
                _logger.LogInformation("PromptLint quota store took {Count} settlement(s) it had missed; {Dropped} were dropped over the bound meanwhile.", retried, Interlocked.Exchange(ref _droppedSettlements, 0));
            }
        }
    }

    private void DrainIfPending()
    {
        if (Volatile.Read(ref _pendingCount) > 0 && Interlocked.CompareExchange(ref _draining, 1, 0) == 0)
        {
            _ = Task.Run(DrainAsync);
        }
    }

    /// <summary>A call admitted without a quota check during the current outage, for the recovery log line.</summary>
    public void NoteUnchecked() => Interlocked.Increment(ref _uncheckedInOutage);

    // Returns whether this call is the half-open breaker's probe; throws when the breaker is open.
    private bool Enter()
    {
        if (Volatile.Read(ref _open) == 0)
        {
            return false;
        }

        if (_clock.GetElapsedTime(Interlocked.Read(ref _openedAt)) >= _cooldown && Interlocked.CompareExchange(ref _probing, 1, 0) == 0)
        {
            return true;
        }

        throw new QuotaStoreFailure(null, breakerOpen: true);
    }

    private void EndProbe(bool probe)
    {
        if (probe)
        {
            Volatile.Write(ref _probing, 0);
        }
    }

    private void Succeeded(bool probe)
    {
        DrainIfPending();
        Volatile.Write(ref _consecutiveFailures, 0);
        Volatile.Write(ref _open, 0);

        EndProbe(probe);
        if (Interlocked.Exchange(ref _inOutage, 0) == 1)
        {
            var lasted = _clock.GetElapsedTime(Interlocked.Read(ref _outageStarted));
            _logger.LogInformation(
                "PromptLint quota store answers again after {Duration}; {Unchecked} call(s) were admitted without a quota check meanwhile.",
                lasted,
                Interlocked.Exchange(ref _uncheckedInOutage, 0));
        }
    }

    private QuotaStoreFailure Failed(bool probe, Exception error)
    {
        var now = _clock.GetTimestamp();
        if (Interlocked.CompareExchange(ref _inOutage, 1, 0) == 0)
        {
            Interlocked.Exchange(ref _outageStarted, now);
            Interlocked.Exchange(ref _uncheckedInOutage, 0);
            _logger.LogWarning(
                error,
                "PromptLint quota store did not answer within {Timeout}; quota checks are skipped or refused (as QuotaStoreFailure says) until it does. Logged once per outage; see promptlint.quota.store_errors and promptlint.quota.unchecked.",
                _timeout);
        }

        if (probe || Interlocked.Increment(ref _consecutiveFailures) >= _failuresBeforeOpening)
        {
            Interlocked.Exchange(ref _openedAt, now);
            Volatile.Write(ref _open, 1);
        }

        EndProbe(probe);
        return new QuotaStoreFailure(error is TimeoutException ? new TimeoutException($"The quota store did not answer within {_timeout.TotalMilliseconds:0} ms.", error) : error, breakerOpen: false);
    }

    // A reservation the caller stopped waiting for may still be made on the server: give it back when it is.
    private void ReleaseIfGrantedLater(Task<QuotaReservation> task)
        => task.ContinueWith(
            async t =>
            {
                if (t.Status == TaskStatus.RanToCompletion && t.Result.Granted)
                {
                    try
                    {
                        await _store.SettleAsync(t.Result, 0, CancellationToken.None).WaitAsync(_timeout, _clock, CancellationToken.None).ConfigureAwait(false);
                    }
                    catch (Exception)
                    {
                        // The window expires with the reservation in it: usage over-counted, never under-counted.
                    }
                }
                else
                {
                    _ = t.Exception;
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
}

/// <summary>The store did not answer in time, failed, or the breaker is open; the inner exception says which.</summary>
internal sealed class QuotaStoreFailure : Exception
{
    public QuotaStoreFailure(Exception? inner, bool breakerOpen)
        : base(breakerOpen ? "The quota store circuit is open after repeated failures; the store is not called until the cool-down ends." : "The quota store failed or did not answer in time.", inner)
    {
        BreakerOpen = breakerOpen;
    }

    public bool BreakerOpen { get; }
}
