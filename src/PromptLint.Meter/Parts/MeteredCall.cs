using System.Threading;
using Microsoft.Extensions.AI;

namespace PromptLint.Meter;

/// <summary>
/// One call's state shared by the parts it passes through, ambient for the hand-over to the inner client only: the
/// budgets part leaves the input it counted (so nothing counts it twice), the quotas part marks that it holds a
/// reservation, and the metering part adds the usage it measured, with which the quotas part settles (once).
/// <para>
/// Ambient rather than in <c>ChatOptions.AdditionalProperties</c>: the caller's options are theirs and are often shared
/// between concurrent calls, so an entry there would need a copy of the options on every call; and provider adapters
/// that forward additional properties would put the state object on the wire. The ambient value is set only around
/// the synchronous hand-over (and each step of a stream) and restored at once, only when a part has something to pass
/// on; a call with no budget, quota or rate limit never touches it.
/// </para>
/// </summary>
internal sealed class MeteredCall
{
    private static readonly AsyncLocal<MeteredCall?> Ambient = new();

    // Until a part passes state on, no call can have any: metering skips the AsyncLocal read.
    private static volatile bool s_used;

    private readonly object _gate = new();
    private Usage _usage;
    private int _reports;
    private bool _closed;

    public MeteredCall(object messages, ChatOptions? options, int? input)
    {
        Messages = messages;
        Options = options;
        Input = input;
    }

    /// <summary>
    /// The state of the call being handed over now, when it is this call: the messages and options objects are the ones
    /// the part outside handed on (clients in between that pass them on unchanged, such as <c>UseOpenTelemetry()</c>,
    /// keep the state; one that makes calls of its own, such as a tool loop, or a call a tool makes, does not get it).
    /// </summary>
    public static MeteredCall? For(object messages, ChatOptions? options)
        => s_used && Ambient.Value is { } current && ReferenceEquals(current.Messages, messages) && ReferenceEquals(current.Options, options) ? current : null;

    /// <summary>The messages object handed on.</summary>
    public object Messages { get; }

    /// <summary>The options object handed on.</summary>
    public ChatOptions? Options { get; }

    /// <summary>Input tokens already counted for the messages and options handed on (null: not counted).</summary>
    public int? Input { get; set; }

    /// <summary>True while a quotas part holds a reservation for this call (then metering lets a cancelled caller go at once).</summary>
    public bool Reserved { get; set; }

    /// <summary>Set by a metering part that takes the call: it reports the usage (possibly none), and lets a cancelled caller go.</summary>
    public bool Metered { get; set; }

    /// <summary>The usage the metering part reported (summed, should a client in between send the same request twice).</summary>
    public Usage? Reported
    {
        get
        {
            lock (_gate)
            {
                return _reports == 0 ? null : _usage;
            }
        }
    }

    /// <summary>Makes this the ambient call; dispose the result to restore the previous one.</summary>
    public Handover Enter()
    {
        s_used = true;
        var previous = Ambient.Value;
        Ambient.Value = this;
        return new Handover(previous);
    }

    /// <summary>Adds what a metering part measured; ignored once the call is settled (a late, abandoned step).</summary>
    public void Report(Usage? usage)
    {
        if (usage is not { } measured)
        {
            return;
        }

        lock (_gate)
        {
            if (_closed)
            {
                return;
            }

            _usage = _reports++ == 0 ? measured : new Usage(
                _usage.Input + measured.Input,
                _usage.Output + measured.Output,
                _usage.CachedInput + measured.CachedInput,
                _usage.Reasoning + measured.Reasoning,
                _usage.Estimated || measured.Estimated,
                _usage.CacheWrite + measured.CacheWrite);
        }
    }

    /// <summary>Closes the call to further reports and returns what was reported.</summary>
    public Usage? Close()
    {
        lock (_gate)
        {
            _closed = true;
            return _reports == 0 ? null : _usage;
        }
    }

    /// <summary>Restores the ambient call that was current before <see cref="Enter"/>.</summary>
    public readonly struct Handover : System.IDisposable
    {
        private readonly MeteredCall? _previous;

        public Handover(MeteredCall? previous) => _previous = previous;

        public void Dispose() => Ambient.Value = _previous;
    }
}
