namespace PromptLint.Cli;

/// <summary>The exit codes every command shares (docs/cli.md#exit-codes).</summary>
internal static class ExitCodes
{
    /// <summary>Nothing to report, or the work is done.</summary>
    public const int Ok = 0;

    /// <summary>A regression, a finding at error, more warnings than allowed, or over the monthly budget.</summary>
    public const int Regressed = 1;

    /// <summary>Bad input or usage: the parser's errors, unreadable files, paths that name nothing.</summary>
    public const int BadInput = 2;

    /// <summary>Interrupted (Ctrl+C): what shells report for SIGINT, and what System.CommandLine returns when an action does not stop in time.</summary>
    public const int Cancelled = 130;
}
