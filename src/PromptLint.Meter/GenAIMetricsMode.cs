namespace PromptLint.Meter;

/// <summary>
/// Whether the meter records the OpenTelemetry GenAI histograms itself or leaves them to Microsoft.Extensions.AI's
/// <c>OpenTelemetryChatClient</c> (<c>UseOpenTelemetry()</c>), which records them under the same names on its own meter.
/// Whichever records them, the meter's cost, rejections, quota counters and its attributed token totals stay.
/// </summary>
public enum GenAIMetricsMode
{
    /// <summary>
    /// The meter records them unless an <c>OpenTelemetryChatClient</c> is inside it in the pipeline (found through
    /// <c>GetService</c> when the meter is built: <c>UsePromptLintMeter()</c> before <c>UseOpenTelemetry()</c> in the
    /// builder). Then that client records them, and the meter records the input and output tokens it would have put on
    /// <c>gen_ai.client.token.usage</c> as <c>promptlint.tokens</c> with <c>promptlint.token.type</c> <c>input</c>/<c>output</c>,
    /// so tokens per prompt id, route and tenant stay. An <c>OpenTelemetryChatClient</c> outside the meter cannot be seen
    /// from inside: use <see cref="LeaveToOpenTelemetry"/> there.
    /// </summary>
    Auto,

    /// <summary>The meter records them whatever else is in the pipeline (as before this option existed).</summary>
    Record,

    /// <summary>
    /// The meter never records them, and records its attributed input and output tokens as <c>promptlint.tokens</c>
    /// (types <c>input</c>/<c>output</c>), as <see cref="Auto"/> does when it finds an <c>OpenTelemetryChatClient</c>.
    /// </summary>
    LeaveToOpenTelemetry,
}
