using System.Collections.Generic;
using PromptLint.Contracts.Baseline;
using PromptLint.Core.FrontEnds;

namespace PromptLint.Cli.Check;

/// <summary>
/// What <c>promptlint check</c> was asked to do, as parsed: the command line's parser and validators have turned the
/// options into these values (a bad one is a usage error before any file is read), so the run checks none again.
/// </summary>
internal sealed class CheckOptions
{
    /// <summary>Files, folders and globs; empty: the current folder; only <c>-</c>: one prompt from standard input.</summary>
    public List<string> Paths { get; set; } = new();

    public CheckFormat Format { get; set; } = CheckFormat.Pretty;

    /// <summary>--kind: the format of standard input or of the files named; null: told by name and content.</summary>
    public PromptFileKind? Kind { get; set; }

    public string? StdinFileName { get; set; }

    public string? Model { get; set; }

    /// <summary>--threshold and --min-tokens: each project's policy, unless its .editorconfig says otherwise.</summary>
    public RegressionPolicy Policy { get; set; } = new();

    public string? BaselinePath { get; set; }

    public string? ModelDataPath { get; set; }

    public int MaxWarnings { get; set; } = -1;

    /// <summary>--traffic: calls per day per prompt id (the build's PromptLintTrafficFile).</summary>
    public string? TrafficPath { get; set; }

    /// <summary>--monthly-budget: USD a month the cost change may add (the build's PromptLintMonthlyBudget).</summary>
    public decimal? MonthlyBudget { get; set; }

    /// <summary>--severity, read.</summary>
    public SeverityPolicy Severity { get; set; } = SeverityPolicy.Defaults;

    public bool Fix { get; set; }

    public bool DryRun { get; set; }

    public bool UpdateBaseline { get; set; }

    public string? OutputPath { get; set; }

    public string CurrentDirectory { get; set; } = System.IO.Directory.GetCurrentDirectory();

    /// <summary>Stops the run between files and before anything is written (Ctrl+C, or a host that gives up).</summary>
    public System.Threading.CancellationToken Cancellation { get; set; }

    /// <summary>True when the one path is <c>-</c>: one prompt from standard input.</summary>
    public bool ReadsStdin => Paths.Count == 1 && Paths[0] == "-";
}
