using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace PromptLint.Meter;

/// <summary>Streaming: settled once however the stream ends.</summary>
public sealed partial class PromptLintQuotaChatClient
{
    private async IAsyncEnumerable<ChatResponseUpdate> ReservedStreamAsync(IList<ChatMessage> messages, MeteredCall? handed, ChatOptions? options, Attribution attribution, BudgetOptions budget, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var model = _planner.ModelOf(options);
        var state = Begin(messages, handed, options, model);
        var reservations = await ReserveAsync(attribution, state.Input!.Value, budget, model, options, cancellationToken).ConfigureAwait(false);
        state.Reserved = true;

        // Measured here only when no metering part inside took the call (it reports what it measured instead).
        InnerStream? stream = null;
        Exception? failure = null;

        // Everything from handing the call on is inside the try: a synchronous throw there settles as any failure does.
        try
        {
            try
            {
                using (state.Enter())
                {
                    stream = new InnerStream(base.GetStreamingResponseAsync(messages, options, cancellationToken).GetAsyncEnumerator(cancellationToken), _clock, cancellationToken);
                }
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
                    ValueTask<bool> move;
                    using (state.Enter())
                    {
                        move = stream.Enumerator.MoveNextAsync();
                    }

                    // The metering part inside, when there is one, lets a cancelled caller go itself (and charges the call).
                    if (!await stream.StepAsync(move, letGo: !state.Metered).ConfigureAwait(false))
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

                if (!state.Metered)
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
                // Also when the caller stops reading early. The metering part's report when it took the call; else by
                // the same policy: reported usage, else the text (finished or abandoned), else CallPlanner.Unfinished.
                var measured = state.Metered ? state.Close() : InnerStream.Measure(stream, _planner, messages, options, model, state.Input, failure);
                await SettleAsync(reservations, measured, model, attribution).ConfigureAwait(false);
            }
        }
    }
}
