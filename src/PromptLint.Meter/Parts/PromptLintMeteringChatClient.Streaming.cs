using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace PromptLint.Meter;

/// <summary>Streaming: metered however the stream ends (<see cref="SettledStream"/>).</summary>
public sealed partial class PromptLintMeteringChatClient
{
    /// <inheritdoc />
    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        => SettledStream.ReadAsync<MeteredStream, MeteredStream.State>(new MeteredStream(this, messages, options), cancellationToken);

    /// <summary>One metered stream: the call's inputs; what it measures on the way is in <see cref="State"/>.</summary>
    private readonly struct MeteredStream : IStreamCall<MeteredStream.State>
    {
        private readonly PromptLintMeteringChatClient _client;
        private readonly IEnumerable<ChatMessage> _messages;
        private readonly ChatOptions? _options;

        public MeteredStream(PromptLintMeteringChatClient client, IEnumerable<ChatMessage> messages, ChatOptions? options)
        {
            _client = client;
            _messages = messages;
            _options = options;
        }

        public TimeProvider Clock => _client._clock;

        // At the first step the caller asks for, as the hand-over: the state a quotas part passed on is ambient then.
        public State Start() => new()
        {
            Call = Take(_messages, _options),
            List = _messages as IList<ChatMessage> ?? _messages.ToList(),
            Started = _client.Timestamp(),
            FirstChunk = -1,
        };

        public ValueTask BeginAsync(ref State state, CancellationToken cancellationToken) => default;

        public IAsyncEnumerator<ChatResponseUpdate> Open(ref State state, CancellationToken cancellationToken)
            => _client.InnerClient.GetStreamingResponseAsync(state.List, _options, cancellationToken).GetAsyncEnumerator(cancellationToken);

        public ValueTask<bool> MoveNextAsync(ref State state, IAsyncEnumerator<ChatResponseUpdate> enumerator) => enumerator.MoveNextAsync();

        // With a reservation held outside, a stream whose inner client ignores the token still lets the caller go at
        // the cancellation (and is charged then); the abandoned step is left to finish before the enumerator is disposed.
        public bool LetGo(ref State state) => state.Call is { Reserved: true };

        public bool OnChunk(ref State state, ChatResponseUpdate update)
        {
            if (state.FirstChunk < 0)
            {
                state.FirstChunk = _client.Seconds(state.Started);
            }

            state.ResponseModel ??= update.ModelId;
            return true;
        }

        public ValueTask SettleAsync(ref State state, InnerStream? stream, Exception? failure)
        {
            var seconds = _client.Seconds(state.Started);
            var measured = InnerStream.Measure(stream, _client._planner, state.List, _options, _client._planner.ModelOf(_options), state.Call?.Input, failure);
            state.Call?.Report(measured);
            _client.Record(_options, state.ResponseModel, measured, failure, seconds, state.FirstChunk >= 0 ? state.FirstChunk : null);
            return default;
        }

        /// <summary>What a metered stream measures on the way.</summary>
        internal struct State
        {
            public MeteredCall? Call;
            public IList<ChatMessage> List;
            public string? ResponseModel;
            public long Started;
            // Seconds to the first chunk; negative until there is one (not a nullable: 8 bytes less in every stream).
            public double FirstChunk;
        }
    }
}
