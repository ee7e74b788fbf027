namespace PromptLint.Meter;

/// <summary>
/// Whether the meter records the OpenTelemetry GenAI histograms itself or leaves them to Microsoft.Extensions.AI's
/// <c>OpenTelemetryChatClient</c> (<c>UseOpenTelemetry()</c>), which records them under the same names on its own meter.
/// Whichever records them, the meter's calls, cost, rejections, quota counters and its attributed input and output
/// tokens (<c>promptlint.tokens</c>, types <c>input</c>/<c>output</c>) stay.
/// </summary>
public enum GenAIMetricsMode
{
    /// <summary>
    /// The meter records them unless an <c>OpenTelemetryChatClient</c> is inside it in the pipeline (found through
    /// <c>GetService</c> when the meter is built: <c>UsePromptLintMeter()</c> before <c>UseOpenTelemetry()</c> in the
    /// builder). Then that client records them. An <c>OpenTelemetryChatClient</c> outside the meter cannot be seen
    /// from inside: use <see cref="LeaveToOpenTelemetry"/> there.
    /// </summary>
    Auto,

    /// <summary>The meter records them whatever else is in the pipeline (as before this option existed).</summary>
    Record,

    /// <summary>The meter never records them, as <see cref="Auto"/> does when it finds an <c>OpenTelemetryChatClient</c>.</summary>
    LeaveToOpenTelemetry,
}
