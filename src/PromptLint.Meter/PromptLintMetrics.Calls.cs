using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;

namespace PromptLint.Meter;

/// <summary>
/// <c>promptlint.calls</c>: one per charged call (the calls whose tokens and cost are recorded), with the attribution and
/// the request model, whatever <see cref="PromptLintMeterOptions.GenAIMetrics"/> says. The GenAI histograms' counts
/// give calls per prompt id only while the meter records them; with <c>UseOpenTelemetry()</c> inside the meter (or
/// <see cref="GenAIMetricsMode.LeaveToOpenTelemetry"/>) they carry no prompt id, and no other instrument counted calls.
/// <c>promptlint traffic</c> reads calls per day per prompt id from this counter in every configuration.
/// </summary>
public sealed partial class PromptLintMetrics
{
    private readonly Counter<long> _calls;

    private static Counter<long> CreateCallCounter(System.Diagnostics.Metrics.Meter meter)
        => meter.CreateCounter<long>("promptlint.calls", "{call}", "Charged calls (successes, and failures the provider may have billed), per prompt id, route, tenant and request model.");

    // The tags are the attribution and the request model, as for the cost counter.
    private void RecordCharged(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (_calls.Enabled)
        {
            Add(_calls, 1, tags);
        }
    }
}
