using System;
using System.Globalization;

namespace PromptLint.Cli.Traffic;

/// <summary>
/// A window or time-out as PromQL writes durations: a whole number and one unit (<c>s</c>, <c>m</c>, <c>h</c>,
/// <c>d</c>, <c>w</c>), such as <c>7d</c>. It goes into the query as written, so the query and the days the calls are
/// divided by always agree.
/// </summary>
internal readonly struct TrafficDuration
{
    // Ten years: more than any metrics store keeps, small enough that the TimeSpan never overflows.
    private const long MaxSeconds = 10L * 366 * 24 * 3600;

    private TrafficDuration(long amount, char unit, long seconds)
    {
        Amount = amount;
        Unit = unit;
        Seconds = seconds;
    }

    public long Amount { get; }

    public char Unit { get; }

    public long Seconds { get; }

    public TimeSpan Span => TimeSpan.FromSeconds(Seconds);

    public decimal Days => Seconds / 86_400m;

    /// <summary>The PromQL form: <c>7d</c>.</summary>
    public override string ToString() => Amount.ToString(CultureInfo.InvariantCulture) + Unit;

    /// <summary>Parses <c>7d</c>, <c>24h</c>, <c>90m</c>, <c>2w</c>, <c>30s</c>; null with a problem otherwise.</summary>
    public static TrafficDuration? Parse(string? text, string what, out string? problem)
    {
        problem = null;
        var trimmed = (text ?? string.Empty).Trim();
        if (trimmed.Length >= 2
            && long.TryParse(trimmed.Substring(0, trimmed.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var amount)
            && amount > 0
            && UnitSeconds(trimmed[trimmed.Length - 1]) is { } unit
            && amount <= MaxSeconds / unit)
        {
            return new TrafficDuration(amount, trimmed[trimmed.Length - 1], amount * unit);
        }

        problem = $"{what} '{text}' is not a duration: write a whole number and one unit, s, m, h, d or w (7d, 24h, 90m), up to ten years.";
        return null;
    }

    private static long? UnitSeconds(char unit) => unit switch
    {
        's' => 1,
        'm' => 60,
        'h' => 3600,
        'd' => 86_400,
        'w' => 7 * 86_400,
        _ => null,
    };
}
