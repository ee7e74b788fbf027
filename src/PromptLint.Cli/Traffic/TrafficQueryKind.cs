using System;

namespace PromptLint.Cli.Traffic;

/// <summary>The three questions <c>promptlint traffic</c> asks, in the order it asks them and reads saved answers.</summary>
internal enum TrafficQueryKind
{
    /// <summary>Charged calls per prompt id over the window (required).</summary>
    Calls,

    /// <summary>Input tokens per prompt id over the window.</summary>
    Input,

    /// <summary>Output tokens per prompt id over the window.</summary>
    Output,
}

internal static class TrafficQueryKinds
{
    /// <summary>All kinds, in order.</summary>
    public static readonly TrafficQueryKind[] All = { TrafficQueryKind.Calls, TrafficQueryKind.Input, TrafficQueryKind.Output };

    /// <summary>The name a query file and <c>--from-response NAME=FILE</c> use: <c>calls</c>, <c>input</c>, <c>output</c>.</summary>
    public static string Name(this TrafficQueryKind kind) => kind switch
    {
        TrafficQueryKind.Calls => "calls",
        TrafficQueryKind.Input => "input",
        _ => "output",
    };

    /// <summary>The kind a name stands for; null for any other text (ordinal: names are lower case).</summary>
    public static TrafficQueryKind? Parse(string name)
    {
        foreach (var kind in All)
        {
            if (string.Equals(kind.Name(), name, StringComparison.Ordinal))
            {
                return kind;
            }
        }

        return null;
    }
}
