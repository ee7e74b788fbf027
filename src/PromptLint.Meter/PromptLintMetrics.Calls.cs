namespace PromptLint.Meter;

/// <summary>
/// <c>promptlint.calls</c>: one per charged call (the calls whose tokens and cost are recorded), with the attribution and
/// the request model, whatever <see cref="PromptLintMeterOptions.GenAIMetrics"/> says. The GenAI histograms' counts
/// give calls per prompt id only while the meter records them; with <c>UseOpenTelemetry()</c> inside the meter (or
/// <see cref="GenAIMetricsMode.LeaveToOpenTelemetry"/>) they carry no prompt id, and no other instrument counted calls.
/// <c>promptlint traffic</c> reads calls per day per prompt id from this counter in every configuration. It is one of
/// the per-call counters <see cref="CallTotals"/> adds up and reports.
/// </summary>
public sealed partial class PromptLintMetrics
{
    private readonly CallTotals _totals;
}
