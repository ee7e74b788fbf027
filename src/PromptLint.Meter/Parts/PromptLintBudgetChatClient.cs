using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

using PromptLint.Contracts.Pricing;

namespace PromptLint.Meter;

/// <summary>
/// The budgets part: before a call is sent, refuses input over its limit (<see cref="PromptBudgetExceededException"/>,
/// after <see cref="PromptLintMeterOptions.TrimInput"/> had its chance) and sets or lowers the output cap, by the
/// prompt's, route's, tenant's or default budget. Refusals are counted on <c>promptlint.rejections</c>. The input it
/// counted is handed to the parts inside it, so a quotas part does not count it again.
/// </summary>
public sealed class PromptLintBudgetChatClient : DelegatingChatClient
{
    private readonly CallPlanner _planner;
    private readonly PromptLintMetrics _metrics;
    private readonly bool _ownsMetrics;

    /// <summary>
    /// Wraps <paramref name="innerClient"/>. Refusals are recorded on <paramref name="metrics"/>, else on the metering
    /// part's instruments when one is inside, else on instruments this client creates and disposes.
    /// </summary>
    public PromptLintBudgetChatClient(IChatClient innerClient, PromptLintMeterOptions? options = null, PromptLintMetrics? metrics = null, ModelCatalog? catalog = null)
        : this(innerClient, Checked(options), metrics, catalog, planner: null)
    {
    }

    internal PromptLintBudgetChatClient(IChatClient innerClient, PromptLintMeterOptions options, PromptLintMetrics? metrics, ModelCatalog? catalog, CallPlanner? planner)
        : base(innerClient)
    {
        _planner = planner ?? new CallPlanner(options, catalog, innerClient);
        _metrics = MeterServices.Metrics(innerClient, options, metrics, out _ownsMetrics);

        // Only a quotas part inside needs the counted input (to reserve without counting again): with none, handing it
        // on would cost an ambient value per call for nothing.
        _handOn = innerClient.GetService(typeof(PromptLintQuotaChatClient)) is not null;
    }

    private readonly bool _handOn;

    /// <inheritdoc />
    public override object? GetService(Type serviceType, object? serviceKey = null)
    {
        if (serviceType is null)
        {
            throw new ArgumentNullException(nameof(serviceType));
        }

        return serviceKey is null && serviceType == typeof(PromptLintMetrics) && _ownsMetrics ? _metrics : base.GetService(serviceType, serviceKey);
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
        if (!_planner.HasBudgets)
        {
            return base.GetResponseAsync(messages, options, cancellationToken);
        }

        MeteredCall? state;
        IList<ChatMessage> list;
        try
        {
            (list, options, state) = Apply(messages, options);
        }
        catch (Exception ex)
        {
            // As an async method would: a refusal is the returned task's exception, not thrown from the call.
            return Task.FromException<ChatResponse>(ex);
        }

        if (state is null)
        {
            return base.GetResponseAsync(list, options, cancellationToken);
        }

        using (state.Enter())
        {
            return base.GetResponseAsync(list, options, cancellationToken);
        }
    }

    /// <inheritdoc />
    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        => _planner.HasBudgets ? StreamAsync(messages, options, cancellationToken) : base.GetStreamingResponseAsync(messages, options, cancellationToken);

    private async IAsyncEnumerable<ChatResponseUpdate> StreamAsync(IEnumerable<ChatMessage> messages, ChatOptions? options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var (list, effective, state) = Apply(messages, options);
        IAsyncEnumerator<ChatResponseUpdate> enumerator;
        using (state?.Enter())
        {
            enumerator = base.GetStreamingResponseAsync(list, effective, cancellationToken).GetAsyncEnumerator(cancellationToken);
        }

        try
        {
            while (true)
            {
                bool more;

                // The parts inside read the state when their stream starts, at the first step.
                using (state?.Enter())
                {
                    more = await enumerator.MoveNextAsync().ConfigureAwait(false);
                }

                if (!more)
                {
                    break;
                }

                yield return enumerator.Current;
            }
        }
        finally
        {
            await enumerator.DisposeAsync().ConfigureAwait(false);
        }
    }

    // The call's messages and options after its budget (trimmed, output capped on a copy of the caller's options), and
    // the state that hands the counted input on; throws PromptBudgetExceededException when the input stays over its limit.
    private (IList<ChatMessage> Messages, ChatOptions? Options, MeteredCall? State) Apply(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        var list = messages as IList<ChatMessage> ?? messages.ToList();
        var attribution = _planner.Attribute(options);
        var model = _planner.ModelOf(options);
        var budget = _planner.Budget(attribution);
        int? input = null;
        if (budget.MaxInputTokens is { } limit)
        {
            var counted = _planner.Counter.Count(list, options, model);
            if (counted > limit && _planner.Options.TrimInput is { } trim)
            {
                list = trim(list, limit);
                counted = _planner.Counter.Count(list, options, model);
            }

            if (counted > limit)
            {
                _metrics.RecordRejection(attribution, model, "input_budget");
                throw new PromptBudgetExceededException(attribution.PromptId, counted, limit);
            }

            input = counted;
        }

        if (budget.MaxOutputTokens is { } cap && (options?.MaxOutputTokens is null || options.MaxOutputTokens > cap))
        {
            // The caller's options are theirs: the cap goes on a copy. The output cap does not change the input count.
            options = options?.Clone() ?? new ChatOptions();
            options.MaxOutputTokens = cap;
        }

        return (list, options, input is null || !_handOn ? null : new MeteredCall(list, options, input));
    }

    private static PromptLintMeterOptions Checked(PromptLintMeterOptions? options)
    {
        var checkedOptions = options ?? new PromptLintMeterOptions();
        checkedOptions.Validate();
        return checkedOptions;
    }
}
