using System;
using System.Diagnostics;
using System.IO;

namespace PromptLint.Cli;

/// <summary>
/// With <c>PROMPTLINT_TIMINGS=1</c>, writes to standard error how many milliseconds after the process started each
/// phase ended (runtime start-up included), for the start-up measurements in bench/README.md, then the time each rule
/// and front end took in all. Off otherwise.
/// </summary>
internal static class Timings
{
    private static readonly bool On = Environment.GetEnvironmentVariable("PROMPTLINT_TIMINGS") == "1";

    public static void Mark(string phase, TextWriter error)
    {
        if (On)
        {
            PromptLint.Core.Engine.RuleTimings.On = true;
            var since = DateTime.Now - Process.GetCurrentProcess().StartTime;
            error.WriteLine($"promptlint timings: {phase} at {since.TotalMilliseconds:0} ms");
        }
    }

    /// <summary>The time each rule and front end took over the run, slowest first.</summary>
    public static void Rules(TextWriter error)
    {
        if (On)
        {
            foreach (var line in PromptLint.Core.Engine.RuleTimings.Lines())
            {
                error.WriteLine($"promptlint timings: {line}");
            }
        }
    }
}
