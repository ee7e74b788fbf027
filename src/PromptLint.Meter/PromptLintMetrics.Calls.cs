namespace PromptLint.Meter;

/// <summary>
/// <c>promptlint.calls</c>: one per charged call (the calls whose tokens and cost are recorded), with the attribution and
/// the request model, whatever <see cref="PromptLintMeterOptions.GenAIMetrics"/> says. The GenAI histograms' counts
/// give calls per prompt id only when the meter records them with
/// <see cref="PromptLintMeterOptions.AttributeGenAIHistograms"/>; by default, and with <c>UseOpenTelemetry()</c>
/// recording them, they carry no prompt id. <c>promptlint traffic</c> reads calls per day per prompt id from this
/// counter in every configuration. It is one of the per-call counters <see cref="CallTotals"/> adds up and reports.
/// </summary>
public sealed partial class PromptLintMetrics
{
    private readonly CallTotals _totals;
}
