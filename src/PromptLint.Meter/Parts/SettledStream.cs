using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace PromptLint.Meter;

/// <summary>
/// What a part does around a stream it reads for <see cref="SettledStream"/>: start, begin (e.g. reserve), hand the call
/// on, hand each step on, look at each chunk, and settle once with what the stream gave, however it ended.
/// <para>
/// Implemented by a readonly struct that carries the call's inputs; what changes during the call is a
/// <typeparamref name="TState"/> the reader keeps once in its state machine and passes by reference. So a stream read
/// through it allocates one iterator, as a hand-written iterator would (the compiler keeps two copies of an iterator's
/// parameters, one of its locals).
/// </para>
/// </summary>
/// <typeparam name="TState">The call's changing state (the start time, the model, the ambient call state, what was reserved).</typeparam>
internal interface IStreamCall<TState>
{
    /// <summary>The clock the part lets a cancelled caller go by.</summary>
    TimeProvider Clock { get; }

    /// <summary>At the first step the caller asks for: the state, as the hand-over sees it.</summary>
    TState Start();

    /// <summary>
    /// Before anything is handed on (a reservation, into an object the state already holds: no result is awaited, so the
    /// reader keeps no awaiter for one). A throw here ends the stream with nothing to settle (a refused call was never sent).
    /// </summary>
    ValueTask BeginAsync(ref TState state, CancellationToken cancellationToken);

    /// <summary>Hands the call on. A synchronous throw here is settled as any other failure.</summary>
    IAsyncEnumerator<ChatResponseUpdate> Open(ref TState state, CancellationToken cancellationToken);

    /// <summary>Starts the next step of the inner stream (with whatever must be ambient around it).</summary>
    ValueTask<bool> MoveNextAsync(ref TState state, IAsyncEnumerator<ChatResponseUpdate> enumerator);

    /// <summary>Whether this part lets a cancelled caller go while a step that ignores the token still runs.</summary>
    bool LetGo(ref TState state);

    /// <summary>Sees each chunk before the caller does; true to keep it (usage, text) for <see cref="InnerStream.Measure"/>.</summary>
    bool OnChunk(ref TState state, ChatResponseUpdate update);

    /// <summary>
    /// Called exactly once after <see cref="BeginAsync"/> succeeded, however the stream ended: finished, failed
    /// (<paramref name="failure"/>), cancelled, or left early by the caller; <paramref name="stream"/> is null when
    /// handing the call on threw.
    /// </summary>
    ValueTask SettleAsync(ref TState state, InnerStream? stream, Exception? failure);
}

/// <summary>
/// Reads an inner stream for a part and settles exactly once, on completion, cancellation, a failure in the hand-over,
/// a step or the disposal, and when the caller stops reading early (the iterator's <c>finally</c> runs on dispose).
/// The one place this try/finally is written: the metering part and the quotas part both read streams through it.
/// </summary>
internal static class SettledStream
{
    public static async IAsyncEnumerable<ChatResponseUpdate> ReadAsync<TCall, TState>(TCall call, [EnumeratorCancellation] CancellationToken cancellationToken)
        where TCall : struct, IStreamCall<TState>
    {
        var state = call.Start();
        await call.BeginAsync(ref state, cancellationToken).ConfigureAwait(false);
        InnerStream? stream = null;
        Exception? failure = null;

        // Everything from handing the call on is inside the try: inner clients (the OpenAI adapters, caching and
        // anonymous delegating clients) do work synchronously in GetStreamingResponseAsync or GetAsyncEnumerator, and a
        // throw there must be settled as any other failure is.
        try
        {
            try
            {
                stream = new InnerStream(call.Open(ref state, cancellationToken), call.Clock, cancellationToken);
            }
            catch (Exception ex)
            {
                failure = ex;
                throw;
            }

            while (true)
            {
                ChatResponseUpdate update;
                try
                {
                    if (!await stream.StepAsync(call.MoveNextAsync(ref state, stream.Enumerator), call.LetGo(ref state)).ConfigureAwait(false))
                    {
                        break;
                    }

                    update = stream.Enumerator.Current;
                }
                catch (Exception ex)
                {
                    failure = ex;
                    throw;
                }

                if (call.OnChunk(ref state, update))
                {
                    stream.Observe(update);
                }

                yield return update;
            }
        }
        finally
        {
            try
            {
                await InnerStream.DisposeAsync(stream).ConfigureAwait(false);
            }
            catch (Exception ex) when (failure is null)
            {
                failure = ex;
                throw;
            }
            finally
            {
                // Also when the caller stops reading early: what was streamed is measured (InnerStream.Measure).
                await call.SettleAsync(ref state, stream, failure).ConfigureAwait(false);
            }
        }
    }
}
