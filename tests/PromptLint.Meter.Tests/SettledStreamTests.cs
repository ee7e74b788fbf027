using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace PromptLint.Meter.Tests;

/// <summary>
/// The one stream reader the metering and quotas parts share (issue 28 item 3): whichever way a stream ends, the part
/// settles exactly once, with the failure that ended it; a refusal in the begin step settles nothing.
/// </summary>
public sealed class SettledStreamTests
{
    [Fact]
    public async Task StreamReadToTheEnd_SettlesOnceWithoutFailure_AfterSeeingEveryChunk()
    {
        var log = new Log();

        var texts = await SettledStream.ReadAsync<Part, int>(new Part(log, Chunks(3)), CancellationToken.None).Select(u => u.Text).ToListAsync();

        Assert.Equal(new[] { "0", "1", "2" }, texts);
        Assert.Equal(3, log.Chunks);
        var settled = Assert.Single(log.Settlements);
        Assert.Null(settled.Failure);
        Assert.True(settled.Opened);

        // The part's state is kept once and passed by reference: what it counted per chunk reaches the settlement.
        Assert.Equal(3, settled.ChunksInState);
    }

    [Fact]
    public async Task ConsumerThatBreaksAfterOneChunk_SettlesOnce_WhenTheEnumeratorIsDisposed()
    {
        var log = new Log();

        await foreach (var _ in SettledStream.ReadAsync<Part, int>(new Part(log, Chunks(5)), CancellationToken.None))
        {
            break;
        }

        Assert.Equal(1, log.Chunks);
        Assert.Null(Assert.Single(log.Settlements).Failure);
    }

    [Fact]
    public async Task InnerClientThatThrowsWhileHandingOn_SettlesOnceWithTheFailure_AndNoStream()
    {
        var log = new Log();
        var part = new Part(log, _ => throw new InvalidOperationException("serialising the tools failed"));

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => SettledStream.ReadAsync<Part, int>(part, CancellationToken.None).ToListAsync().AsTask());

        var settled = Assert.Single(log.Settlements);
        Assert.Same(thrown, settled.Failure);
        Assert.False(settled.Opened);
    }

    [Fact]
    public async Task StreamThatBreaksMidway_SettlesOnceWithTheFailure()
    {
        var log = new Log();

        await Assert.ThrowsAsync<IOException>(() => SettledStream.ReadAsync<Part, int>(new Part(log, Chunks(2, thenFail: true)), CancellationToken.None).ToListAsync().AsTask());

        Assert.Equal(2, log.Chunks);
        Assert.IsType<IOException>(Assert.Single(log.Settlements).Failure);
    }

    [Fact]
    public async Task CallerThatCancels_SettlesOnceWithTheCancellation()
    {
        var log = new Log();
        using var cancel = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in SettledStream.ReadAsync<Part, int>(new Part(log, Chunks(5)), cancel.Token))
            {
                await cancel.CancelAsync();
            }
        });

        Assert.IsAssignableFrom<OperationCanceledException>(Assert.Single(log.Settlements).Failure);
    }

    [Fact]
    public async Task RefusalInTheBeginStep_SettlesNothing_AndNothingIsHandedOn()
    {
        var log = new Log();
        var part = new Part(log, Chunks(1)) { Refuse = true };

        await Assert.ThrowsAsync<InvalidOperationException>(() => SettledStream.ReadAsync<Part, int>(part, CancellationToken.None).ToListAsync().AsTask());

        Assert.Empty(log.Settlements);
        Assert.Equal(0, log.Opened);
    }

    private static Func<CancellationToken, IAsyncEnumerable<ChatResponseUpdate>> Chunks(int count, bool thenFail = false)
        => cancellationToken => Stream(count, thenFail, cancellationToken);

    private static async IAsyncEnumerable<ChatResponseUpdate> Stream(int count, bool thenFail, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var i = 0; i < count; i++)
        {
            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
            yield return new ChatResponseUpdate(ChatRole.Assistant, i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (thenFail)
        {
            throw new IOException("connection reset");
        }
    }

    private sealed class Log
    {
        public int Opened { get; set; }

        public int Chunks { get; set; }

        public List<(Exception? Failure, bool Opened, int ChunksInState)> Settlements { get; } = new();
    }

    private readonly struct Part(Log log, Func<CancellationToken, IAsyncEnumerable<ChatResponseUpdate>> open) : IStreamCall<int>
    {
        public bool Refuse { get; init; }

        public TimeProvider Clock => TimeProvider.System;

        public int Start() => 0;

        public ValueTask BeginAsync(ref int state, CancellationToken cancellationToken)
            => Refuse ? ValueTask.FromException(new InvalidOperationException("quota exceeded")) : default;

        public IAsyncEnumerator<ChatResponseUpdate> Open(ref int state, CancellationToken cancellationToken)
        {
            log.Opened++;
            return open(cancellationToken).GetAsyncEnumerator(cancellationToken);
        }

        public ValueTask<bool> MoveNextAsync(ref int state, IAsyncEnumerator<ChatResponseUpdate> enumerator) => enumerator.MoveNextAsync();

        public bool LetGo(ref int state) => false;

        public bool OnChunk(ref int state, ChatResponseUpdate update)
        {
            log.Chunks++;
            state++;
            return true;
        }

        public ValueTask SettleAsync(ref int state, InnerStream? stream, Exception? failure)
        {
            log.Settlements.Add((failure, stream is not null, state));
            return default;
        }
    }
}
