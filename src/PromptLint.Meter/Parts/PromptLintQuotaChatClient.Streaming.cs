using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace PromptLint.Meter;

/// <summary>Streaming: settled once however the stream ends (<see cref="SettledStream"/>).</summary>
public sealed partial class PromptLintQuotaChatClient
{
    private IAsyncEnumerable<ChatResponseUpdate> ReservedStreamAsync(IList<ChatMessage> messages, MeteredCall? handed, ChatOptions? options, Attribution attribution, BudgetOptions budget, CancellationToken cancellationToken)
        => SettledStream.ReadAsync<ReservedStream, Reservations?>(new ReservedStream(this, messages, handed, options, attribution, budget), _clock, cancellationToken);

    /// <summary>One reserved stream, held in the stream's state machine.</summary>
    private struct ReservedStream : IStreamCall<Reservations?>
    {
        private readonly PromptLintQuotaChatClient _client;
        private readonly IList<ChatMessage> _messages;
        private readonly MeteredCall? _handed;
        private readonly ChatOptions? _options;
        private readonly Attribution _attribution;
        private readonly BudgetOptions _budget;
        private MeteredCall? _state;
        private string _model;

        public ReservedStream(PromptLintQuotaChatClient client, IList<ChatMessage> messages, MeteredCall? handed, ChatOptions? options, Attribution attribution, BudgetOptions budget)
        {
            _client = client;
            _messages = messages;
            _handed = handed;
            _options = options;
            _attribution = attribution;
            _budget = budget;
            _model = string.Empty;
        }

        // The metering part inside, when there is one, lets a cancelled caller go itself (and charges the call).
        public readonly bool LetGo => !State.Metered;

        // Measured here only when no metering part inside took the call (it reports what it measured instead).
        public readonly bool Observes => !State.Metered;

        private readonly MeteredCall State => _state!;

        public ValueTask<Reservations?> BeginAsync(CancellationToken cancellationToken)
        {
            _model = _client._planner.ModelOf(_options);
            _state = _client.Begin(_messages, _handed, _options, _model);
            return new ValueTask<Reservations?>(_client.ReserveAsync(_attribution, _state.Input!.Value, _budget, _model, _options, cancellationToken));
        }

        public readonly IAsyncEnumerator<ChatResponseUpdate> Open(CancellationToken cancellationToken)
        {
            // Reserved by now (BeginAsync finished): the parts inside let a cancelled caller go at once.
            State.Reserved = true;
            using (State.Enter())
            {
                return _client.InnerClient.GetStreamingResponseAsync(_messages, _options, cancellationToken).GetAsyncEnumerator(cancellationToken);
            }
        }

        public readonly ValueTask<bool> MoveNextAsync(IAsyncEnumerator<ChatResponseUpdate> enumerator)
        {
            using (State.Enter())
            {
                return enumerator.MoveNextAsync();
            }
        }

        public readonly void OnChunk(ChatResponseUpdate update)
        {
        }

        // The metering part's report when it took the call; else by the same policy: reported usage, else the text
        // (finished or abandoned), else CallPlanner.Unfinished.
        public readonly ValueTask SettleAsync(Reservations? begun, InnerStream? stream, Exception? failure)
        {
            var measured = State.Metered ? State.Close() : InnerStream.Measure(stream, _client._planner, _messages, _options, _model, State.Input, failure);
            return new ValueTask(_client.SettleAsync(begun, measured, _model, _attribution));
        }
    }
}
