using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;

namespace PromptLint.Core.Engine;

/// <summary>
/// Time spent in each rule and front end, summed over a run, for <c>PROMPTLINT_TIMINGS=1</c>: a rule that is not linear
/// in the size of the prompt shows here first (PL0019 took 16.7 s of a 17 s check, issue 30). Off unless a host
/// switches it on; Core reads no environment variable itself. Thread-safe: files are checked in parallel.
/// </summary>
public static class RuleTimings
{
    private static readonly Dictionary<string, long> Ticks = new(StringComparer.Ordinal);
    private static readonly Dictionary<string, int> Calls = new(StringComparer.Ordinal);

    /// <summary>True while times are being collected.</summary>
    public static bool On { get; set; }

    /// <summary>Runs <paramref name="run"/> and adds its time under <paramref name="name"/> when on.</summary>
    internal static void Time<T>(string name, Action<T> run, T input)
    {
        if (!On)
        {
            run(input);
            return;
        }

        var start = Stopwatch.GetTimestamp();
        try
        {
            run(input);
        }
        finally
        {
            Add(name, Stopwatch.GetTimestamp() - start);
        }
    }

    /// <summary>Adds a measured time (in <see cref="Stopwatch"/> ticks) under <paramref name="name"/>.</summary>
    public static void Add(string name, long ticks)
    {
        lock (Ticks)
        {
            Ticks[name] = (Ticks.TryGetValue(name, out var t) ? t : 0) + ticks;
            Calls[name] = (Calls.TryGetValue(name, out var c) ? c : 0) + 1;
        }
    }

    /// <summary>One line per rule or phase, slowest first: "PL0019 12.3 ms in 4 prompts".</summary>
    public static IReadOnlyList<string> Lines()
    {
        lock (Ticks)
        {
            return Ticks.OrderByDescending(t => t.Value).ThenBy(t => t.Key, StringComparer.Ordinal)
                .Select(t => string.Format(CultureInfo.InvariantCulture, "{0} {1:0.0} ms in {2} call{3}", t.Key, t.Value * 1000.0 / Stopwatch.Frequency, Calls[t.Key], Calls[t.Key] == 1 ? string.Empty : "s"))
                .ToList();
        }
    }

    /// <summary>The time collected so far under each name, in <see cref="Stopwatch"/> ticks (a host subtracts two snapshots for one run).</summary>
    public static IReadOnlyDictionary<string, long> Snapshot()
    {
        lock (Ticks)
        {
            return new Dictionary<string, long>(Ticks, StringComparer.Ordinal);
        }
    }

    /// <summary>Forgets what was collected.</summary>
    public static void Reset()
    {
        lock (Ticks)
        {
            Ticks.Clear();
            Calls.Clear();
        }
    }
}
