using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace PromptLint.Meter;

/// <summary>Streaming: metered however the stream ends.</summary>
public sealed partial class PromptLintMeteringChatClient
{
    /// <inheritdoc />
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var state = Take(messages, options);
        var list = messages as IList<ChatMessage> ?? messages.ToList();
        var model = _planner.ModelOf(options);
        string? responseModel = null;
        var started = Timestamp();
        double? firstChunk = null;
        InnerStream? stream = null;
        Exception? failure = null;

        // With a reservation held outside, a stream whose inner client ignores the token still lets the caller go at
        // the cancellation (and is charged then); the abandoned step is left to finish before the enumerator is disposed.
        var letGo = state is { Reserved: true };

        // Everything from handing the call on is inside the try: inner clients (the OpenAI adapters, caching and
        // anonymous delegating clients) do work synchronously in GetStreamingResponseAsync or GetAsyncEnumerator, and a
        // throw there must be metered (and the reservation outside settled) as any other failure is.
        try
        {
            try
            {
                stream = new InnerStream(base.GetStreamingResponseAsync(list, options, cancellationToken).GetAsyncEnumerator(cancellationToken), _clock, cancellationToken);
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
                    if (!await stream.StepAsync(stream.Enumerator.MoveNextAsync(), letGo).ConfigureAwait(false))
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

                firstChunk ??= Seconds(started);
                responseModel ??= update.ModelId;
                stream.Observe(update);
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
                // Also when the caller stops reading early: what was streamed is metered (InnerStream.Measure).
                var seconds = Seconds(started);
                var measured = InnerStream.Measure(stream, _planner, list, options, model, state?.Input, failure);
                state?.Report(measured);
                Record(options, responseModel, measured, failure, seconds, firstChunk);
            }
        }
    }
}
