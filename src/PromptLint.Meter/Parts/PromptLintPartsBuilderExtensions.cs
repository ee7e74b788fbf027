using System;
using Microsoft.Extensions.AI;

namespace PromptLint.Meter;

/// <summary>
/// The meter's parts one by one, for pipelines that want only some of them or another order:
/// <c>builder.UsePromptLintBudgets(…).UsePromptLintQuotas(…).UsePromptLintMetering(…)</c> is what
/// <c>UsePromptLintMeter</c> composes. Each takes the logger, <see cref="Quotas.IQuotaStore"/> and
/// <see cref="TimeProvider"/> from the application's services when the options leave them unset, and owns (and
/// disposes) what it creates. Options are checked when the extension is called, not at the first call.
/// </summary>
public static class PromptLintPartsBuilderExtensions
{
    /// <summary>Adds the budgets part (input limit, output cap): <c>builder.UsePromptLintBudgets(o => o.MaxInputTokens = 8_000)</c>.</summary>
    public static ChatClientBuilder UsePromptLintBudgets(this ChatClientBuilder builder, Action<PromptLintMeterOptions>? configure = null)
    {
        var options = Configure(builder, configure);
        return builder.Use((inner, _) => new PromptLintBudgetChatClient(inner, options, metrics: null, catalog: null, planner: null));
    }

    /// <summary>Adds the quotas part (per-tenant quotas and rate limits): <c>builder.UsePromptLintQuotas(o => o.TenantTokenQuota = 200_000)</c>.</summary>
    public static ChatClientBuilder UsePromptLintQuotas(this ChatClientBuilder builder, Action<PromptLintMeterOptions>? configure = null)
    {
        var options = Configure(builder, configure);
        return builder.Use((inner, services) => new PromptLintQuotaChatClient(inner, options, metrics: null, catalog: null, services, planner: null));
    }

    /// <summary>Adds the metering part (tokens, cost, durations per prompt id, route and tenant): <c>builder.UsePromptLintMetering()</c>.</summary>
    public static ChatClientBuilder UsePromptLintMetering(this ChatClientBuilder builder, Action<PromptLintMeterOptions>? configure = null)
    {
        var options = Configure(builder, configure);
        return builder.Use((inner, services) => new PromptLintMeteringChatClient(inner, options, metrics: null, catalog: null, services, planner: null));
    }

    private static PromptLintMeterOptions Configure(ChatClientBuilder builder, Action<PromptLintMeterOptions>? configure)
    {
        if (builder is null)
        {
            throw new ArgumentNullException(nameof(builder));
        }

        var options = new PromptLintMeterOptions();
        configure?.Invoke(options);
        options.Validate();
        return options;
    }
}
