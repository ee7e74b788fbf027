using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

using PromptLint.Contracts.Pricing;

namespace PromptLint.Meter;

/// <summary>
/// The metering part: records tokens, list-price cost, durations and errors of every call that reaches the inner
/// client, attributed to prompt id, route, tenant and custom dimensions, on the meter's instruments. It never refuses,
/// changes or delays a call. When a quotas part outside it holds a reservation for the call, it reports the usage it
/// measured to that part (which settles with it) and lets a cancelled caller go at the cancellation.
/// </summary>
public sealed partial class PromptLintMeteringChatClient : DelegatingChatClient
{
    private readonly CallPlanner _planner;
    private readonly PromptLintMetrics _metrics;
    private readonly bool _ownsMetrics;
    private readonly TimeProvider _clock;
    private readonly bool _systemClock;

    // Off when UseOpenTelemetry()'s client records the GenAI histograms (GenAIMetricsMode): never counted twice. With
    // the attribution only when asked for (AttributeGenAIHistograms): the SDK hashes every tag of every measurement.
    private readonly GenAIRecording _genAi;

    /// <summary>
    /// Wraps <paramref name="innerClient"/>. Instruments passed in belong to the caller; otherwise this client creates
    /// them (named <see cref="PromptLintMeterOptions.MeterName"/>) and disposes them with itself. The clock comes from the
    /// options when they set one, else from <paramref name="services"/>, else the system clock.
    /// </summary>
    public PromptLintMeteringChatClient(IChatClient innerClient, PromptLintMeterOptions? options = null, PromptLintMetrics? metrics = null, ModelCatalog? catalog = null, IServiceProvider? services = null)
        : this(innerClient, Checked(options), metrics, catalog, services, planner: null)
    {
    }

    internal PromptLintMeteringChatClient(IChatClient innerClient, PromptLintMeterOptions options, PromptLintMetrics? metrics, ModelCatalog? catalog, IServiceProvider? services, CallPlanner? planner)
        : base(innerClient)
    {
        _planner = planner ?? new CallPlanner(options, catalog, innerClient);
        _clock = MeterServices.Clock(options, services);
        _systemClock = ReferenceEquals(_clock, TimeProvider.System);
        _ownsMetrics = metrics is null;
        _metrics = metrics ?? new PromptLintMetrics(options.MeterName, options.MaxDistinctValuesPerDimension, options.MaxAttributionSeries);
        var records = options.GenAIMetrics switch
        {
            GenAIMetricsMode.Record => true,
            GenAIMetricsMode.LeaveToOpenTelemetry => false,
            _ => innerClient.GetService(typeof(OpenTelemetryChatClient)) is null,
        };
        _genAi = !records ? GenAIRecording.Off : options.AttributeGenAIHistograms ? GenAIRecording.Attributed : GenAIRecording.Conventional;
    }

    /// <summary>The instruments this client records on.</summary>
    public PromptLintMetrics Metrics => _metrics;

    /// <summary>
    /// Whether this client records the GenAI histograms itself (false when it leaves them to an
    /// <c>OpenTelemetryChatClient</c>, see <see cref="PromptLintMeterOptions.GenAIMetrics"/>).
    /// </summary>
    public bool RecordsGenAIMetrics => _genAi != GenAIRecording.Off;

    internal InputCounter Counter => _planner.Counter;

    /// <inheritdoc />
    public override object? GetService(Type serviceType, object? serviceKey = null)
    {
        if (serviceType is null)
        {
            throw new ArgumentNullException(nameof(serviceType));
        }

        return serviceKey is null && serviceType == typeof(PromptLintMetrics) ? _metrics : base.GetService(serviceType, serviceKey);
    }

    /// <summary>Disposes the instruments when this client created them, then the inner client.</summary>
    protected override void Dispose(bool disposing)
    {
        if (disposing && _ownsMetrics)
        {
            _metrics.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <inheritdoc />
    public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var state = Take(messages, options);
        if (state is null && !_metrics.CallsEnabled)
        {
            // No one listens and no part outside waits for a report: nothing to measure, so nothing is timed or read.
            return base.GetResponseAsync(messages, options, cancellationToken);
        }

        var list = messages as IList<ChatMessage> ?? messages.ToList();

        // Nothing to report or let go of: no async state machine of our own, and a task that is already complete (a
        // cache, a test double) is recorded and handed back as it is.
        var started = Timestamp();
        Task<ChatResponse> task;
        try
        {
            task = base.GetResponseAsync(list, options, cancellationToken);
        }
        catch (Exception ex)
        {
            // Thrown before a task existed: nothing was sent, nothing billed.
            Record(options, null, null, ex, Seconds(started), null);
            return Task.FromException<ChatResponse>(ex);
        }

        if (task.Status == TaskStatus.RanToCompletion)
        {
            Completed(list, options, task.Result, started, state);
            return task;
        }

        return AwaitResponseAsync(task, list, options, started, state, cancellationToken);
    }

    private async Task<ChatResponse> AwaitResponseAsync(Task<ChatResponse> task, IList<ChatMessage> messages, ChatOptions? options, long started, MeteredCall? state, CancellationToken cancellationToken)
    {
        ChatResponse response;
        try
        {
            // With a reservation held outside, an inner client that ignores the token still lets the caller go, and the
            // call is charged then: the reservation is never held past the caller's cancellation.
            response = await (state is { Reserved: true } && cancellationToken.CanBeCanceled && !task.IsCompleted ? WhenCompletedOrCanceled(task, _clock, cancellationToken) : task).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            var model = _planner.ModelOf(options);
            var charged = _planner.Unfinished(messages, options, model, state?.Input, ex, streamed: null);
            state?.Report(charged);
            Record(options, null, charged, ex, Seconds(started), null);
            throw;
        }

        Completed(messages, options, response, started, state);
        return response;
    }

    private void Completed(IList<ChatMessage> messages, ChatOptions? options, ChatResponse response, long started, MeteredCall? state)
    {
        var seconds = Seconds(started);
        var usage = _planner.Measured(messages, options, _planner.ModelOf(options), response);
        state?.Report(usage);
        Record(options, response.ModelId, usage, null, seconds, null);
    }

    internal static Task<ChatResponse> WhenCompletedOrCanceled(Task<ChatResponse> task, TimeProvider clock, CancellationToken cancellationToken)
    {
        // An abandoned task's exception is observed, so it never surfaces as an unobserved task exception.
        _ = task.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return task.WaitAsync(Timeout.InfiniteTimeSpan, clock, cancellationToken);
    }

    // The state a quotas part outside passed on, taken by this call: it then expects this part's report.
    private static MeteredCall? Take(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        var state = MeteredCall.For(messages, options);
        if (state is not null)
        {
            state.Metered = true;
        }

        return state;
    }

    // Everything a call that reached the provider records, with its attribution and models bounded once.
    private void Record(ChatOptions? options, string? responseModel, Usage? usage, Exception? error, double seconds, double? firstChunk)
    {
        if (!_metrics.CallsEnabled)
        {
            return;
        }

        var attribution = _planner.Attribute(options);
        var model = _planner.ModelOf(options);

        // The response model's price (the snapshot that ran), else the request model's.
        var price = usage is null ? null
            : responseModel is null ? _planner.PriceOf(model)
            : _planner.PriceOf(responseModel) is { Info: not null } answered ? answered : _planner.PriceOf(model);
        var dims = _metrics.Bind(attribution, usage is { } spent ? PromptLintMetrics.Spend(spent, price) : 0);
        var requestModel = _metrics.BoundModel(model);
        var response = responseModel is null ? null : string.Equals(responseModel, model, StringComparison.Ordinal) ? requestModel : _metrics.BoundModel(responseModel);
        if (usage is { } measured)
        {
            var footprints = _planner.Options.StaticFootprints;
            if (attribution.PromptId is { } id && footprints.Count > 0 && footprints.TryGetValue(id, out var footprint))
            {
                _metrics.RecordDrift(dims, measured.Input - footprint);
            }
        }

        _metrics.RecordCall(dims, _planner.Endpoint, requestModel, response, usage.GetValueOrDefault(), usage is not null, price, error, seconds, firstChunk, _genAi);
    }

    private long Timestamp() => _systemClock ? System.Diagnostics.Stopwatch.GetTimestamp() : _clock.GetTimestamp();

    private double Seconds(long started)
        => _systemClock
            ? (System.Diagnostics.Stopwatch.GetTimestamp() - started) / (double)System.Diagnostics.Stopwatch.Frequency
            : _clock.GetElapsedTime(started).TotalSeconds;

    private static PromptLintMeterOptions Checked(PromptLintMeterOptions? options)
    {
        var checkedOptions = options ?? new PromptLintMeterOptions();
        checkedOptions.Validate();
        return checkedOptions;
    }
}
