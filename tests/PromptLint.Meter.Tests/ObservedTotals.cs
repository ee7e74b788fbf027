using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace PromptLint.Meter.Tests;

/// <summary>
/// The per-call counters (<c>promptlint.calls</c>, <c>promptlint.cost</c>, <c>promptlint.unpriced_calls</c>,
/// <c>promptlint.tokens</c>) are observable: the meter adds them up per series and a reader collects them. This reads
/// them as a reader does, once: one measurement per series, its total so far.
/// </summary>
internal static class ObservedTotals
{
    public static IReadOnlyList<CollectedMeasurement<T>> Totals<T>(this MetricCollector<T> collector)
        where T : struct
    {
        collector.Clear();
        collector.RecordObservableInstruments();
        return collector.GetMeasurementSnapshot();
    }
}
