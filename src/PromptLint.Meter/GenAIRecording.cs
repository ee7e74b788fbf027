namespace PromptLint.Meter;

/// <summary>How a metering part records the OpenTelemetry GenAI histograms, decided once when it is built.</summary>
internal enum GenAIRecording
{
    /// <summary>Not at all: an <c>OpenTelemetryChatClient</c> records them (<see cref="GenAIMetricsMode"/>).</summary>
    Off,

    /// <summary>
    /// With the GenAI semantic-convention attributes only, as <c>UseOpenTelemetry()</c> records them (the default): the
    /// per-prompt, route and tenant totals come from the <c>promptlint.*</c> counters.
    /// </summary>
    Conventional,

    /// <summary>
    /// With prompt id, route, tenant and custom dimensions as well (<see cref="PromptLintMeterOptions.AttributeGenAIHistograms"/>):
    /// per-prompt and per-tenant token and latency distributions, at the OpenTelemetry SDK's cost of hashing those tags
    /// on every measurement.
    /// </summary>
    Attributed,
}
