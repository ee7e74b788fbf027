using System.Collections.Generic;

namespace PromptLint.Cli.Check;

/// <summary>What <c>promptlint check</c> was asked to do.</summary>
internal sealed class CheckOptions
{
    public List<string> Paths { get; set; } = new();

    public string Format { get; set; } = "pretty";

    public string? Kind { get; set; }

    public string? StdinFileName { get; set; }

    public string? Model { get; set; }

    public double? Threshold { get; set; }

    public int? MinTokens { get; set; }

    public string? BaselinePath { get; set; }

    public string? ModelDataPath { get; set; }

    public int MaxWarnings { get; set; } = -1;

    /// <summary>--traffic: calls per day per prompt id (the build's PromptLintTrafficFile).</summary>
    public string? TrafficPath { get; set; }

    /// <summary>--monthly-budget: USD a month the cost change may add (the build's PromptLintMonthlyBudget).</summary>
    public string? MonthlyBudget { get; set; }

    public List<string> Severities { get; set; } = new();

    public bool Fix { get; set; }

    public bool DryRun { get; set; }

    public bool UpdateBaseline { get; set; }

    public string? OutputPath { get; set; }

    public string CurrentDirectory { get; set; } = System.IO.Directory.GetCurrentDirectory();

    /// <summary>Stops the run between files (Ctrl+C, or a host that gives up).</summary>
    public System.Threading.CancellationToken Cancellation { get; set; }
}
