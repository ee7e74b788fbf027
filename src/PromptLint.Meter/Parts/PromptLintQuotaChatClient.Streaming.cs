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
        => SettledStream.ReadAsync<ReservedStream, ReservedStream.State>(new ReservedStream(this, messages, handed, options, attribution, budget), cancellationToken);

    /// <summary>One reserved stream: the call's inputs; the call state handed on, the model and the reservations in <see cref="State"/>.</summary>
    private readonly struct ReservedStream : IStreamCall<ReservedStream.State>
    {
        private readonly PromptLintQuotaChatClient _client;
        private readonly IList<ChatMessage> _messages;
        private readonly MeteredCall? _handed;
        private readonly ChatOptions? _options;
        private readonly Attribution _attribution;
        private readonly BudgetOptions _budget;

        public ReservedStream(PromptLintQuotaChatClient client, IList<ChatMessage> messages, MeteredCall? handed, ChatOptions? options, Attribution attribution, BudgetOptions budget)
        {
            _client = client;
            _messages = messages;
            _handed = handed;
            _options = options;
            _attribution = attribution;
            _budget = budget;
        }

        public TimeProvider Clock => _client._clock;

        public State Start()
        {
            var model = _client._planner.ModelOf(_options);
            return new State { Model = model, Call = _client.Begin(_messages, _handed, _options, model), Reservations = new Reservations() };
        }

        public ValueTask BeginAsync(ref State state, CancellationToken cancellationToken)
            => new(_client.ReserveAsync(state.Reservations, _attribution, state.Call.Input!.Value, _budget, state.Model, _options, cancellationToken));

        public IAsyncEnumerator<ChatResponseUpdate> Open(ref State state, CancellationToken cancellationToken)
        {
            // Reserved by now (BeginAsync finished): the parts inside let a cancelled caller go at once.
            state.Call.Reserved = true;
            using (state.Call.Enter())
            {
                return _client.InnerClient.GetStreamingResponseAsync(_messages, _options, cancellationToken).GetAsyncEnumerator(cancellationToken);
            }
        }

        public ValueTask<bool> MoveNextAsync(ref State state, IAsyncEnumerator<ChatResponseUpdate> enumerator)
        {
            using (state.Call.Enter())
            {
                return enumerator.MoveNextAsync();
            }
        }

        // The metering part inside, when there is one, lets a cancelled caller go itself (and charges the call).
        public bool LetGo(ref State state) => !state.Call.Metered;

        // Measured here only when no metering part inside took the call (it reports what it measured instead).
        public bool OnChunk(ref State state, ChatResponseUpdate update) => !state.Call.Metered;

        // The metering part's report when it took the call; else by the same policy: reported usage, else the text
        // (finished or abandoned), else CallPlanner.Unfinished.
        public ValueTask SettleAsync(ref State state, InnerStream? stream, Exception? failure)
        {
            var measured = state.Call.Metered ? state.Call.Close() : InnerStream.Measure(stream, _client._planner, _messages, _options, state.Model, state.Call.Input, failure);
            return new ValueTask(_client.SettleAsync(state.Reservations, measured, state.Model, _attribution));
        }

        /// <summary>The call state handed on, the model, and what is reserved (filled by the reservation).</summary>
        internal struct State
        {
            public MeteredCall Call;
            public string Model;
            public Reservations Reservations;
        }
    }
}
