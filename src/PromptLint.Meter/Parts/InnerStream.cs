using System;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace PromptLint.Meter;

/// <summary>
/// An inner stream as a part reads it: each step either awaited as it is, or, when the part may let a cancelled caller
/// go, awaited until it ends or the caller cancels; a step left running is remembered, and the inner enumerator is
/// disposed when it ends (disposing an enumerator while its step runs is not allowed).
/// </summary>
internal sealed class InnerStream
{
    private readonly TimeProvider _clock;
    private readonly CancellationToken _cancellationToken;
    private Task<bool>? _abandoned;

    public InnerStream(IAsyncEnumerator<ChatResponseUpdate> enumerator, TimeProvider clock, CancellationToken cancellationToken)
    {
        Enumerator = enumerator;
        _clock = clock;
        _cancellationToken = cancellationToken;
    }

    public IAsyncEnumerator<ChatResponseUpdate> Enumerator { get; }

    private UsageDetails? _usage;
    private StringBuilder? _text;

    /// <summary>Keeps what an update tells about usage: reported usage, and the text (for an estimate without it).</summary>
    public void Observe(ChatResponseUpdate update)
    {
        foreach (var content in update.Contents)
        {
            if (content is UsageContent usageContent)
            {
                _usage ??= new UsageDetails();
                _usage.Add(usageContent.Details);
            }
        }

        (_text ??= new StringBuilder()).Append(update.Text);
    }

    /// <summary>
    /// What the stream is charged, however it ended (also when the caller stopped reading early): usage the provider
    /// reported wins; else a finished or abandoned stream is counted from its text, and a failed one is charged by the
    /// policy of <see cref="CallPlanner.Unfinished"/> (labelled estimated either way); nothing when it never started.
    /// </summary>
    public static Usage? Measure(InnerStream? stream, CallPlanner planner, IList<ChatMessage> messages, ChatOptions? options, string model, int? input, Exception? failure)
    {
        if (stream is null)
        {
            return null;
        }

        if (stream._usage is { } usage)
        {
            return CallPlanner.FromDetails(usage);
        }

        var text = stream._text?.ToString() ?? string.Empty;
        return failure is null ? planner.Estimate(messages, options, text, model) : planner.Unfinished(messages, options, model, input, failure, text);
    }

    /// <summary>Awaits a step the part started; lets the caller go at its cancellation when <paramref name="letGo"/>.</summary>
    public ValueTask<bool> StepAsync(ValueTask<bool> move, bool letGo)
        => !letGo || !_cancellationToken.CanBeCanceled || move.IsCompleted ? move : new ValueTask<bool>(WaitAsync(move.AsTask()));

    private async Task<bool> WaitAsync(Task<bool> step)
    {
        _abandoned = step;
        var more = await step.WaitAsync(Timeout.InfiniteTimeSpan, _clock, _cancellationToken).ConfigureAwait(false);
        _abandoned = null;
        return more;
    }

    /// <summary>Disposes the inner enumerator now, or when a step left running ends.</summary>
    public static ValueTask DisposeAsync(InnerStream? stream)
    {
        if (stream is null)
        {
            return default;
        }

        if (stream._abandoned is { IsCompleted: false } abandoned)
        {
            _ = abandoned.ContinueWith(static (_, state) => ((IAsyncEnumerator<ChatResponseUpdate>)state!).DisposeAsync().AsTask(), stream.Enumerator, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            return default;
        }

        return stream.Enumerator.DisposeAsync();
    }
}
