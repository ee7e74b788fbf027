using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace PromptLint.Meter;

/// <summary>Streaming: metered and settled however the stream ends.</summary>
public sealed partial class PromptLintChatClient
{
    /// <inheritdoc />
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var call = Prepare(messages as IList<ChatMessage> ?? messages.ToList(), options);
        var (attribution, model, effective, list) = (call.Attribution, call.Model, call.Options, call.Messages);
        var reservations = call.Reserve is null ? null : await ReserveAsync(attribution, call.Input, call.Reserve, model, effective, cancellationToken).ConfigureAwait(false);
        UsageDetails? usage = null;
        string? responseModel = null;
        var text = new StringBuilder();
        var started = Timestamp();
        double? firstChunk = null;
        IAsyncEnumerator<ChatResponseUpdate>? enumerator = null;
        Exception? failure = null;

        // A reserved stream whose inner client ignores the token still lets the caller go at the cancellation (and is
        // settled then); the abandoned step is left to finish on its own before the inner enumerator is disposed.
        var letGo = reservations is not null && cancellationToken.CanBeCanceled;
        Task<bool>? abandoned = null;

        // Everything from handing the call on is inside the try: inner clients (the OpenAI adapters, caching and
        // anonymous delegating clients) do work synchronously in GetStreamingResponseAsync or GetAsyncEnumerator, and a
        // throw there must settle the reservation as any other failure does.
        try
        {
            try
            {
                enumerator = base.GetStreamingResponseAsync(list, effective, cancellationToken).GetAsyncEnumerator(cancellationToken);
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
                    var move = enumerator.MoveNextAsync();
                    bool more;
                    if (letGo && !move.IsCompleted)
                    {
                        var step = move.AsTask();
                        abandoned = step;
                        more = await step.WaitAsync(System.Threading.Timeout.InfiniteTimeSpan, _clock, cancellationToken).ConfigureAwait(false);
                        abandoned = null;
                    }
                    else
                    {
                        more = await move.ConfigureAwait(false);
                    }

                    if (!more)
                    {
                        break;
                    }

                    update = enumerator.Current;
                }
                catch (Exception ex)
                {
                    failure = ex;
                    throw;
                }

                firstChunk ??= Seconds(started);
                responseModel ??= update.ModelId;
                foreach (var content in update.Contents)
                {
                    if (content is UsageContent usageContent)
                    {
                        usage ??= new UsageDetails();
                        usage.Add(usageContent.Details);
                    }
                }

                text.Append(update.Text);
                yield return update;
            }
        }
        finally
        {
            try
            {
                if (abandoned is { IsCompleted: false } && enumerator is not null)
                {
                    // Disposing an enumerator while its step runs is not allowed: dispose it when the step ends.
                    var inner = enumerator;
                    _ = abandoned.ContinueWith(static (_, state) => ((IAsyncEnumerator<ChatResponseUpdate>)state!).DisposeAsync().AsTask(), inner, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                }
                else if (enumerator is not null)
                {
                    await enumerator.DisposeAsync().ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (failure is null)
            {
                failure = ex;
                throw;
            }
            finally
            {
                // Also when the caller stops reading early: what was streamed is metered and the reservation settled.
                // Usage the provider reported wins; else a finished or abandoned stream is counted from its text, and a
                // failed one is charged by the policy of Unfinished (labelled estimated either way).
                var seconds = Seconds(started);
                Usage? measured = usage is not null ? FromDetails(usage)
                    : failure is null ? Estimate(list, effective, text.ToString(), model)
                    : enumerator is null ? null
                    : Unfinished(call, failure, text.ToString());
                await SettleAsync(reservations, measured, model, attribution).ConfigureAwait(false);
                RecordCall(call, responseModel, measured, failure, seconds, firstChunk);
            }
        }
    }
}
