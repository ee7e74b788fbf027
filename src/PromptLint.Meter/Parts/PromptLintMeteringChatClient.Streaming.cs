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
        => SettledStream.ReadAsync<MeteredStream, bool>(new MeteredStream(this, messages, options), _clock, cancellationToken);

    /// <summary>One metered stream, held in the stream's state machine.</summary>
    private struct MeteredStream : IStreamCall<bool>
    {
        private readonly PromptLintMeteringChatClient _client;
        private readonly IEnumerable<ChatMessage> _messages;
        private readonly ChatOptions? _options;
        private MeteredCall? _state;
        private IList<ChatMessage> _list;
        private string _model;
        private string? _responseModel;
        private long _started;
        private double? _firstChunk;

        public MeteredStream(PromptLintMeteringChatClient client, IEnumerable<ChatMessage> messages, ChatOptions? options)
        {
            _client = client;
            _messages = messages;
            _options = options;
            _list = Array.Empty<ChatMessage>();
            _model = string.Empty;
        }

        // With a reservation held outside, a stream whose inner client ignores the token still lets the caller go at
        // the cancellation (and is charged then); the abandoned step is left to finish before the enumerator is disposed.
        public readonly bool LetGo => _state is { Reserved: true };

        public readonly bool Observes => true;

        // At the first step the caller asks for, as the hand-over: the state a quotas part passed on is ambient then.
        public ValueTask<bool> BeginAsync(CancellationToken cancellationToken)
        {
            _state = Take(_messages, _options);
            _list = _messages as IList<ChatMessage> ?? _messages.ToList();
            _model = _client._planner.ModelOf(_options);
            _started = _client.Timestamp();
            return new ValueTask<bool>(true);
        }

        public readonly IAsyncEnumerator<ChatResponseUpdate> Open(CancellationToken cancellationToken)
            => _client.InnerClient.GetStreamingResponseAsync(_list, _options, cancellationToken).GetAsyncEnumerator(cancellationToken);

        public readonly ValueTask<bool> MoveNextAsync(IAsyncEnumerator<ChatResponseUpdate> enumerator) => enumerator.MoveNextAsync();

        public void OnChunk(ChatResponseUpdate update)
        {
            _firstChunk ??= _client.Seconds(_started);
            _responseModel ??= update.ModelId;
        }

        public readonly ValueTask SettleAsync(bool begun, InnerStream? stream, Exception? failure)
        {
            var seconds = _client.Seconds(_started);
            var measured = InnerStream.Measure(stream, _client._planner, _list, _options, _model, _state?.Input, failure);
            _state?.Report(measured);
            _client.Record(_options, _responseModel, measured, failure, seconds, _firstChunk);
            return default;
        }
    }
}
