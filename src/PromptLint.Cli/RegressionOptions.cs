using System.CommandLine;

using PromptLint.Contracts.Baseline;

namespace PromptLint.Cli;

/// <summary><c>--threshold</c> and <c>--min-tokens</c>: when a prompt's growth is a regression (the build's PromptLintRegressionThreshold and PromptLintRegressionMinTokens).</summary>
internal sealed class RegressionOptions
{
    public Option<double> Threshold { get; } = new("--threshold")
    {
        Description = "Regression threshold in percent (the build's PromptLintRegressionThreshold).",
        DefaultValueFactory = _ => RegressionPolicy.DefaultThresholdPercent,
    };

    public Option<int> MinTokens { get; } = new("--min-tokens")
    {
        Description = "Growth below this many tokens never regresses (the build's PromptLintRegressionMinTokens).",
        DefaultValueFactory = _ => RegressionPolicy.DefaultMinTokens,
    };

    /// <summary>The policy the options give.</summary>
    public RegressionPolicy Read(ParseResult result) => new(result.GetValue(Threshold), result.GetValue(MinTokens));
}
