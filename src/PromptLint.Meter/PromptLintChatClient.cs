using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

using PromptLint.Contracts.Pricing;

namespace PromptLint.Meter;

/// <summary>
/// The meter in one client, as <c>UsePromptLintMeter</c> builds it: the three parts in their documented order,
/// budgets (<see cref="PromptLintBudgetChatClient"/>) outside quotas (<see cref="PromptLintQuotaChatClient"/>) outside
/// metering (<see cref="PromptLintMeteringChatClient"/>), sharing one set of options, one input counter and one set of
/// instruments. Budgets come first so a call over its input limit is refused before anything is reserved and a quota
/// reserves the capped output; metering comes last so it records what was actually sent and never a refused call. What
/// the caller sees is the inner client's result or exception, or a refusal.
/// </summary>
public sealed class PromptLintChatClient : DelegatingChatClient
{
    private readonly PromptLintMeteringChatClient _metering;
    private readonly PromptLintQuotaChatClient _quotas;

    /// <summary>Wraps <paramref name="innerClient"/>.</summary>
    public PromptLintChatClient(IChatClient innerClient, PromptLintMeterOptions? options = null, PromptLintMetrics? metrics = null, ModelCatalog? catalog = null)
        : this(innerClient, options, metrics, catalog, services: null)
    {
    }

    /// <summary>
    /// Wraps <paramref name="innerClient"/>; what the options leave unset (logger, quota store, clock) comes from
    /// <paramref name="services"/> when they have it, as <c>UsePromptLintMeter</c> does. The options are not changed.
    /// Instruments passed in belong to the caller; otherwise the metering part creates them and disposes them with itself.
    /// </summary>
    public PromptLintChatClient(IChatClient innerClient, PromptLintMeterOptions? options, PromptLintMetrics? metrics, ModelCatalog? catalog, IServiceProvider? services)
        : this(Parts.Compose(innerClient, options, metrics, catalog, services))
    {
    }

    private PromptLintChatClient(Parts parts)
        : base(parts.Outer)
    {
        _metering = parts.Metering;
        _quotas = parts.Quotas;
    }

    /// <summary>
    /// Whether this client records the GenAI histograms itself (false when it leaves them to an
    /// <c>OpenTelemetryChatClient</c>, see <see cref="PromptLintMeterOptions.GenAIMetrics"/>).
    /// </summary>
    public bool RecordsGenAIMetrics => _metering.RecordsGenAIMetrics;

    /// <summary>The instruments, for <see cref="PromptLintMetrics.RecordOutcome"/>.</summary>
    public PromptLintMetrics Metrics => _metering.Metrics;

    /// <summary>The input counter (for tests of its memory bound).</summary>
    internal InputCounter Counter => _metering.Counter;

    /// <inheritdoc cref="PromptLintQuotaChatClient.GetUsageAsync"/>
    public Task<TenantUsage> GetUsageAsync(string tenant, CancellationToken cancellationToken = default) => _quotas.GetUsageAsync(tenant, cancellationToken);

    /// <inheritdoc cref="PromptLintQuotaChatClient.WarmUpAsync"/>
    public Task WarmUpAsync(CancellationToken cancellationToken = default) => _quotas.WarmUpAsync(cancellationToken);

    private sealed class Parts
    {
        private Parts(IChatClient outer, PromptLintQuotaChatClient quotas, PromptLintMeteringChatClient metering)
        {
            Outer = outer;
            Quotas = quotas;
            Metering = metering;
        }

        public IChatClient Outer { get; }

        public PromptLintQuotaChatClient Quotas { get; }

        public PromptLintMeteringChatClient Metering { get; }

        public static Parts Compose(IChatClient innerClient, PromptLintMeterOptions? options, PromptLintMetrics? metrics, ModelCatalog? catalog, IServiceProvider? services)
        {
            if (innerClient is null)
            {
                throw new ArgumentNullException(nameof(innerClient));
            }

            options ??= new PromptLintMeterOptions();
            options.Validate();

            // One planner: input counted once (budgets hand it on), prices looked up once, one attribution rule.
            var planner = new CallPlanner(options, catalog, innerClient);
            var metering = new PromptLintMeteringChatClient(innerClient, options, metrics, catalog, services, planner);
            var quotas = new PromptLintQuotaChatClient(metering, options, metrics ?? metering.Metrics, catalog, services, planner);

            // With no input limit or output cap anywhere, the budgets part would only pass calls on: left out.
            IChatClient outer = planner.HasBudgets ? new PromptLintBudgetChatClient(quotas, options, metrics ?? metering.Metrics, catalog, planner) : quotas;
            return new Parts(outer, quotas, metering);
        }
    }
}
