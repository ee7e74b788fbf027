using System;
using Microsoft.Extensions.Logging;

namespace PromptLint.Meter;

/// <summary>
/// What a part takes from the application's services when the options leave it unset: the clock, the quota store and
/// the logger. The options object is read, never changed.
/// </summary>
internal static class MeterServices
{
    public static TimeProvider Clock(PromptLintMeterOptions options, IServiceProvider? services)
        => options.TimeProviderSet ? options.TimeProvider : services?.GetService(typeof(TimeProvider)) as TimeProvider ?? options.TimeProvider;

    public static Quotas.IQuotaStore Store(PromptLintMeterOptions options, IServiceProvider? services)
        => options.QuotaStoreSet ? options.QuotaStore : services?.GetService(typeof(Quotas.IQuotaStore)) as Quotas.IQuotaStore ?? options.DefaultQuotaStore();

    public static ILogger? Logger(PromptLintMeterOptions options, IServiceProvider? services)
        => options.Logger ?? (services?.GetService(typeof(ILoggerFactory)) as ILoggerFactory)?.CreateLogger("PromptLint.Meter");

    /// <summary>
    /// The instruments a part outside the metering part records refusals and store errors on: the metering part's when
    /// it is inside (so one meter holds every instrument), else a set of its own, which the part then owns.
    /// </summary>
    public static PromptLintMetrics Metrics(Microsoft.Extensions.AI.IChatClient innerClient, PromptLintMeterOptions options, PromptLintMetrics? given, out bool owned)
    {
        owned = false;
        if (given is not null)
        {
            return given;
        }

        if (innerClient.GetService(typeof(PromptLintMetrics)) is PromptLintMetrics inside)
        {
            return inside;
        }

        owned = true;
        return new PromptLintMetrics(options.MeterName, options.MaxDistinctValuesPerDimension, options.MaxAttributionSeries);
    }
}
