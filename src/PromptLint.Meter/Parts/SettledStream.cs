using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace PromptLint.Meter;

/// <summary>
/// What a part does around a stream it reads for <see cref="SettledStream"/>: begin (e.g. reserve), hand the call on,
/// hand each step on, look at each chunk, and settle once with what the stream gave, however it ended.
/// Implemented by structs held in the stream's own state machine, so a call allocates nothing more than one iterator.
/// </summary>
/// <typeparam name="TBegun">What <see cref="BeginAsync"/> produced and <see cref="SettleAsync"/> settles.</typeparam>
internal interface IStreamCall<TBegun>
{
    /// <summary>
    /// Before anything is handed on, at the first step the caller asks for. A throw here ends the stream with nothing
    /// to settle (a refused call was never sent).
    /// </summary>
    ValueTask<TBegun> BeginAsync(CancellationToken cancellationToken);

    /// <summary>Hands the call on. A synchronous throw here is settled as any other failure.</summary>
    IAsyncEnumerator<ChatResponseUpdate> Open(CancellationToken cancellationToken);

    /// <summary>Starts the next step of the inner stream (with whatever must be ambient around it).</summary>
    ValueTask<bool> MoveNextAsync(IAsyncEnumerator<ChatResponseUpdate> enumerator);

    /// <summary>Whether this part lets a cancelled caller go while a step that ignores the token still runs.</summary>
    bool LetGo { get; }

    /// <summary>Whether the chunks are kept (usage, text) for <see cref="InnerStream.Measure"/>.</summary>
    bool Observes { get; }

    /// <summary>Sees each chunk before the caller does.</summary>
    void OnChunk(ChatResponseUpdate update);

    /// <summary>
    /// Called exactly once after <see cref="BeginAsync"/> succeeded, however the stream ended: finished, failed
    /// (<paramref name="failure"/>), cancelled, or left early by the caller; <paramref name="stream"/> is null when
    /// handing the call on threw.
    /// </summary>
    ValueTask SettleAsync(TBegun begun, InnerStream? stream, Exception? failure);
}

/// <summary>
/// Reads an inner stream for a part and settles exactly once, on completion, cancellation, a failure in the hand-over,
/// a step or the disposal, and when the caller stops reading early (the iterator's <c>finally</c> runs on dispose).
/// The one place this try/finally is written: the metering part and the quotas part both read streams through it.
/// </summary>
internal static class SettledStream
{
    public static async IAsyncEnumerable<ChatResponseUpdate> ReadAsync<TCall, TBegun>(TCall call, TimeProvider clock, [EnumeratorCancellation] CancellationToken cancellationToken)
        where TCall : struct, IStreamCall<TBegun>
    {
        var begun = await call.BeginAsync(cancellationToken).ConfigureAwait(false);
        InnerStream? stream = null;
        Exception? failure = null;

        // Everything from handing the call on is inside the try: inner clients (the OpenAI adapters, caching and
        // anonymous delegating clients) do work synchronously in GetStreamingResponseAsync or GetAsyncEnumerator, and a
        // throw there must be settled as any other failure is.
        try
        {
            try
            {
                stream = new InnerStream(call.Open(cancellationToken), clock, cancellationToken);
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
                    if (!await stream.StepAsync(call.MoveNextAsync(stream.Enumerator), call.LetGo).ConfigureAwait(false))
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

                call.OnChunk(update);
                if (call.Observes)
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
                await call.SettleAsync(begun, stream, failure).ConfigureAwait(false);
            }
        }
    }
}
