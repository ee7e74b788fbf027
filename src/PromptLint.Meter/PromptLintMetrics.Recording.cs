using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace PromptLint.Meter;

/// <summary>Recording one measurement so that nothing a listener does reaches the caller.</summary>
public sealed partial class PromptLintMetrics
{
    // Each measurement on its own: a listener that throws loses that measurement for the listeners the runtime calls
    // after it (System.Diagnostics.Metrics does not catch), but never the caller's result or the other measurements.
    private static void Add<T>(Counter<T> counter, T value, in TagList tags)
        where T : struct
    {
        try
        {
            counter.Add(value, tags);
        }
        catch (Exception)
        {
            // Metrics are an observer: a listener or exporter that throws must not change what the caller sees.
        }
    }

    private static void Add<T>(Counter<T> counter, T value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        where T : struct
    {
        try
        {
            counter.Add(value, tags);
        }
        catch (Exception)
        {
            // As above.
        }
    }

    private static void Record<T>(Histogram<T> histogram, T value, in TagList tags)
        where T : struct
    {
        try
        {
            histogram.Record(value, tags);
        }
        catch (Exception)
        {
            // As above.
        }
    }

    private static void Record<T>(Histogram<T> histogram, T value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        where T : struct
    {
        try
        {
            histogram.Record(value, tags);
        }
        catch (Exception)
        {
            // As above.
        }
    }
}
