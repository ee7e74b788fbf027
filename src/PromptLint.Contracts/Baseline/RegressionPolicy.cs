using System;

namespace PromptLint.Contracts.Baseline;

/// <summary>When growth against the baseline is a regression: above a percentage and at least an absolute number of tokens.</summary>
public sealed class RegressionPolicy
{
    /// <summary>Default percentage threshold.</summary>
    public const double DefaultThresholdPercent = 5;

    /// <summary>Default absolute floor in tokens.</summary>
    public const int DefaultMinTokens = 20;

    /// <summary>Creates a policy.</summary>
    public RegressionPolicy(double thresholdPercent = DefaultThresholdPercent, int minTokens = DefaultMinTokens)
    {
        ThresholdPercent = Math.Max(0, thresholdPercent);
        MinTokens = Math.Max(0, minTokens);
    }

    /// <summary>Growth must exceed this percentage of the baseline.</summary>
    public double ThresholdPercent { get; }

    /// <summary>Growth must be at least this many tokens, so tiny prompts do not fail builds over a word.</summary>
    public int MinTokens { get; }

    /// <summary>Compares a current footprint with its accepted one.</summary>
    public FootprintChange Compare(int baselineTokens, int currentTokens)
    {
        var delta = currentTokens - baselineTokens;
        var percent = baselineTokens == 0 ? (delta > 0 ? double.PositiveInfinity : 0) : delta * 100.0 / baselineTokens;
        var regressed = delta > 0 && percent > ThresholdPercent && delta >= MinTokens;
        return new FootprintChange(baselineTokens, currentTokens, delta, percent, regressed);
    }
}

/// <summary>A footprint compared with its baseline.</summary>
public sealed class FootprintChange
{
    internal FootprintChange(int baseline, int current, int delta, double percent, bool isRegression)
    {
        Baseline = baseline;
        Current = current;
        Delta = delta;
        Percent = percent;
        IsRegression = isRegression;
    }

    /// <summary>Accepted tokens.</summary>
    public int Baseline { get; }

    /// <summary>Current tokens.</summary>
    public int Current { get; }

    /// <summary>Current minus accepted.</summary>
    public int Delta { get; }

    /// <summary>Delta as a percentage of the accepted tokens (infinite when the baseline was 0).</summary>
    public double Percent { get; }

    /// <summary>True when the growth passes both the percentage and the absolute floor.</summary>
    public bool IsRegression { get; }
}
