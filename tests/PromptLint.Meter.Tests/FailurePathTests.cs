using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using OpenAI;
using PromptLint.Meter.Quotas;

namespace PromptLint.Meter.Tests;

/// <summary>
/// Issue 34, items 2 and 3: every way a call can fail, through the real OpenAI adapter over a loopback server. Each
/// reservation is settled exactly once (none leaked, none settled twice); a failure the provider may have billed
/// (cancelled, timed out, connection dropped) is charged the input sent plus the streamed output (or the output cap
/// when a non-streaming call returned nothing), labelled estimated; a provider refusal or a call never sent is released.
/// </summary>
public sealed class FailurePathTests : IDisposable
{
    private const int Cap = 300;
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);

    private readonly RecordedOpenAiServer _server = new();
    private readonly string _meterName = "PromptLint.Failures." + Guid.NewGuid().ToString("N");
    private readonly PromptLintMetrics _metrics;
    private readonly MetricCollector<long> _usage;
    private readonly MetricCollector<double> _duration;
    private readonly LedgerStore _store = new(new InMemoryQuotaStore());
    private readonly PromptLintChatClient _meter;

    public FailurePathTests()
    {
        _metrics = new PromptLintMetrics(_meterName);
        _usage = new MetricCollector<long>(null, _meterName, "gen_ai.client.token.usage");
        _duration = new MetricCollector<double>(null, _meterName, "gen_ai.client.operation.duration");

        // No retries in the OpenAI pipeline: each call is one request, so the server sees what the meter sent.
        var openAi = new OpenAIClient(new ApiKeyCredential("test-key"), new OpenAIClientOptions { Endpoint = _server.Endpoint, RetryPolicy = new ClientRetryPolicy(0) });
        _meter = new PromptLintChatClient(
            openAi.GetChatClient("gpt-4o").AsIChatClient(),
            new PromptLintMeterOptions { TenantTokenQuota = 50_000, MaxOutputTokens = Cap, QuotaStore = _store },
            _metrics);
    }

    public void Dispose()
    {
        _meter.Dispose();
        _usage.Dispose();
        _duration.Dispose();
        _metrics.Dispose();
        _server.Dispose();
    }

    private static ChatOptions Acme => new ChatOptions().ForTenant("acme");

    private async Task<long> UsedAsync() => (await _meter.GetUsageAsync("acme")).TokensUsed;

    private long Recorded(string type) => _usage.GetMeasurementSnapshot().Where(m => (string?)m.Tags["gen_ai.token.type"] == type).Sum(m => m.Value);

    private object? ErrorType => Assert.Single(_duration.GetMeasurementSnapshot()).Tags.TryGetValue("error.type", out var type) ? type : null;

    private async Task ReadAllAsync(IEnumerable<ChatMessage> messages, CancellationToken cancellationToken = default)
    {
        await foreach (var _ in _meter.GetStreamingResponseAsync(messages, Acme, cancellationToken))
        {
        }
    }

    // A tool result the adapter cannot serialise: the OpenAI adapter throws while building the request, synchronously.
    private static List<ChatMessage> CyclicToolResult()
    {
        var node = new Node();
        node.Next = node;
        return new List<ChatMessage>
        {
            new(ChatRole.User, "Where is my parcel?"),
            new(ChatRole.Assistant, new List<AIContent> { new FunctionCallContent("call_1", "track", new Dictionary<string, object?> { ["id"] = "42" }) }),
            new(ChatRole.Tool, new List<AIContent> { new FunctionResultContent("call_1", node) }),
        };
    }

    [Fact]
    public async Task StreamThrowingSynchronouslyInTheAdapter_ReleasesTheReservation_AndRecordsAnErrorDuration()
    {
        // Regression: GetStreamingResponseAsync(...).GetAsyncEnumerator ran outside the try, so the reservation stayed
        // held until the window ended and no duration was recorded.
        await Assert.ThrowsAnyAsync<JsonException>(() => ReadAllAsync(CyclicToolResult()));

        _store.AssertEverySettledOnce();
        Assert.Equal(0, await UsedAsync());
        Assert.Equal(typeof(JsonException).FullName, ErrorType);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task NonStreamingAdapterSerialisationFailure_ReleasesTheReservation()
    {
        await Assert.ThrowsAnyAsync<JsonException>(() => _meter.GetResponseAsync(CyclicToolResult(), Acme));

        _store.AssertEverySettledOnce();
        Assert.Equal(0, await UsedAsync());
        Assert.Empty(_usage.GetMeasurementSnapshot());
    }

    [Theory]
    [InlineData(false, 429)]
    [InlineData(true, 429)]
    [InlineData(false, 500)]
    [InlineData(true, 503)]
    public async Task ProviderAnswersWithAnErrorStatus_IsReleased_AndErrorTypeIsTheStatusCode(bool streaming, int status)
    {
        _server.Behaviour = ServerBehaviour.Status;
        _server.FailureStatus = status;

        await Assert.ThrowsAnyAsync<ClientResultException>(() => streaming ? ReadAllAsync(new[] { new ChatMessage(ChatRole.User, "Where is my parcel?") }) : _meter.GetResponseAsync("Where is my parcel?", Acme));

        _store.AssertEverySettledOnce();
        Assert.Equal(0, await UsedAsync());
        Assert.Equal(status.ToString(System.Globalization.CultureInfo.InvariantCulture), ErrorType);
    }

    [Fact]
    public async Task ConnectionDroppedAfterThreeChunks_ChargesTheInputAndTheStreamedText_AsEstimated()
    {
        _server.Behaviour = ServerBehaviour.BreakAfterChunks;
        _server.ChunksBeforeFailure = 3;

        var error = await Assert.ThrowsAnyAsync<Exception>(() => ReadAllAsync(new[] { new ChatMessage(ChatRole.User, "Where is my parcel?") }));

        _store.AssertEverySettledOnce();
        Assert.True(Recorded("input") > 0);
        Assert.Equal(3, Recorded("output")); // "Ships tomorrow." in o200k_base
        Assert.Equal(Recorded("input") + Recorded("output"), await UsedAsync());
        Assert.All(_usage.GetMeasurementSnapshot(), m => Assert.Equal(true, m.Tags["promptlint.estimated"]));
        Assert.Equal(error.GetType().FullName, ErrorType);
    }

    [Fact]
    public async Task CallerCancelsAStreamMidway_ChargesTheInputAndTheStreamedText_AsEstimated()
    {
        _server.Behaviour = ServerBehaviour.StallAfterChunks;
        _server.ChunksBeforeFailure = 3;
        using var cancel = new CancellationTokenSource(HangGuard);
        var text = string.Empty;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var update in _meter.GetStreamingResponseAsync("Where is my parcel?", Acme, cancel.Token))
            {
                text += update.Text;
                if (text.EndsWith("tomorrow.", StringComparison.Ordinal))
                {
                    cancel.Cancel();
                }
            }
        });

        _store.AssertEverySettledOnce();
        Assert.True(Recorded("input") > 0);
        Assert.Equal(3, Recorded("output"));
        Assert.Equal(Recorded("input") + Recorded("output"), await UsedAsync());
        Assert.All(_usage.GetMeasurementSnapshot(), m => Assert.Equal(true, m.Tags["promptlint.estimated"]));
    }

    [Fact]
    public async Task ConsumerStopsReadingEarly_ChargesTheInputAndTheStreamedText_AsEstimated()
    {
        _server.Behaviour = ServerBehaviour.StallAfterChunks;
        _server.ChunksBeforeFailure = 3;

        await foreach (var update in _meter.GetStreamingResponseAsync("Where is my parcel?", Acme).WithCancellation(new CancellationTokenSource(HangGuard).Token))
        {
            if (update.Text == "tomorrow.")
            {
                break;
            }
        }

        _store.AssertEverySettledOnce();
        Assert.Equal(3, Recorded("output"));
        Assert.Equal(Recorded("input") + Recorded("output"), await UsedAsync());
        Assert.Null(ErrorType);
    }

    [Fact]
    public async Task CallerCancelsANonStreamingCallWhileTheProviderGenerates_ChargesTheInputAndTheOutputCap_AsEstimated()
    {
        // Regression: the whole reservation was released, although the provider bills a generation nobody waited for.
        _server.Behaviour = ServerBehaviour.Hang;
        using var cancel = new CancellationTokenSource();

        var call = _meter.GetResponseAsync("Where is my parcel?", Acme, cancel.Token);
        await WaitUntilAsync(() => _server.Requests.Count == 1);
        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(HangGuard));
        _store.AssertEverySettledOnce();
        Assert.True(Recorded("input") > 0);
        Assert.Equal(Cap, Recorded("output"));
        Assert.Equal(Recorded("input") + Cap, await UsedAsync());
        Assert.All(_usage.GetMeasurementSnapshot(), m => Assert.Equal(true, m.Tags["promptlint.estimated"]));
    }

    [Fact]
    public async Task InnerClientThatNeverReturns_CallerCancels_IsSettledAtTheCancellation()
    {
        var hanging = new HangingChatClient();
        using var meter = new PromptLintChatClient(hanging, new PromptLintMeterOptions { TenantTokenQuota = 50_000, MaxOutputTokens = Cap, QuotaStore = _store }, _metrics);
        using var cancel = new CancellationTokenSource();

        var call = meter.GetResponseAsync("Where is my parcel?", Acme, cancel.Token);
        await hanging.Called.Task.WaitAsync(HangGuard);
        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(HangGuard));
        _store.AssertEverySettledOnce();
        Assert.Equal(Recorded("input") + Cap, (await meter.GetUsageAsync("acme")).TokensUsed);
        Assert.Equal(typeof(TaskCanceledException).FullName, ErrorType);
    }

    [Fact]
    public async Task InnerStreamThatNeverReturns_CallerCancels_IsSettledAtTheCancellation_WithTheStreamedText()
    {
        var hanging = new HangingChatClient();
        using var meter = new PromptLintChatClient(hanging, new PromptLintMeterOptions { TenantTokenQuota = 50_000, MaxOutputTokens = Cap, QuotaStore = _store }, _metrics);
        using var cancel = new CancellationTokenSource();

        var reading = Task.Run(async () =>
        {
            await foreach (var update in meter.GetStreamingResponseAsync("Where is my parcel?", Acme, cancel.Token))
            {
                cancel.Cancel();
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading.WaitAsync(HangGuard));
        _store.AssertEverySettledOnce();
        Assert.Equal(3, Recorded("output")); // "Ships tomorrow."
        Assert.Equal(Recorded("input") + 3, (await meter.GetUsageAsync("acme")).TokensUsed);
        hanging.Release.TrySetResult();
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        // Bounded in count; the guard only stops a hang.
        for (var i = 0; i < 600 && !condition(); i++)
        {
            await Task.Delay(100);
        }

        Assert.True(condition());
    }

    private sealed class Node
    {
        public Node? Next { get; set; }
    }

    private sealed class HangingChatClient : IChatClient
    {
        public TaskCompletionSource Called { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            Called.TrySetResult();
            return new TaskCompletionSource<ChatResponse>().Task; // ignores the token
        }

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        // One chunk, then a step that ignores the token and never ends (until the test releases it).
        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            yield return new ChatResponseUpdate(ChatRole.Assistant, "Ships tomorrow.");
            await Release.Task;
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }

    /// <summary>A store that remembers every granted reservation and how often each was settled.</summary>
    internal sealed class LedgerStore(IQuotaStore inner) : IQuotaStore
    {
        private readonly List<(QuotaReservation Reservation, int Settled)> _ledger = new();

        public async Task<QuotaReservation> ReserveAsync(string bucket, long amount, long limit, TimeSpan window, CancellationToken cancellationToken)
        {
            var reservation = await inner.ReserveAsync(bucket, amount, limit, window, cancellationToken);
            if (reservation.Granted)
            {
                lock (_ledger)
                {
                    _ledger.Add((reservation, 0));
                }
            }

            return reservation;
        }

        public Task SettleAsync(QuotaReservation reservation, long actual, CancellationToken cancellationToken)
        {
            lock (_ledger)
            {
                var i = _ledger.FindIndex(e => ReferenceEquals(e.Reservation, reservation));
                if (i >= 0)
                {
                    _ledger[i] = (reservation, _ledger[i].Settled + 1);
                }
            }

            return inner.SettleAsync(reservation, actual, cancellationToken);
        }

        public Task<long> GetUsedAsync(string bucket, CancellationToken cancellationToken) => inner.GetUsedAsync(bucket, cancellationToken);

        public void AssertEverySettledOnce()
        {
            lock (_ledger)
            {
                Assert.NotEmpty(_ledger);
                Assert.All(_ledger, e => Assert.Equal(1, e.Settled));
            }
        }
    }
}
