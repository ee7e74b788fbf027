using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading;
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
                    if (!await enumerator.MoveNextAsync().ConfigureAwait(false))
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
                if (enumerator is not null)
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
