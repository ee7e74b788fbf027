using PromptLint.Core.FrontEnds;

namespace PromptLint.Cli.Check;

/// <summary>
/// What can be wrong with <c>promptlint check</c>'s options on their own, said once: the command line's validators
/// report it as a usage error (exit code 2), and the runner asks again for hosts that build <see cref="CheckOptions"/> in code.
/// </summary>
internal static class CheckOptionProblems
{
    /// <summary>A <c>--kind</c> value that names no prompt file kind, or null.</summary>
    public static string? Kind(string? kind)
        => kind is not null && PromptFileKinds.Parse(kind) is null ? $"--kind '{kind}' is not one of prompty, sk-yaml, skprompt, github, text, tools" : null;

    /// <summary><c>--dry-run</c> without <c>--fix</c>, or null.</summary>
    public static string? DryRun(bool dryRun, bool fix) => dryRun && !fix ? "--dry-run goes with --fix" : null;

    /// <summary>The first problem of <paramref name="options"/> (besides <c>--severity</c>, which <see cref="SeverityPolicy"/> reads), or null.</summary>
    public static string? Of(CheckOptions options) => Kind(options.Kind) ?? DryRun(options.DryRun, options.Fix);
}
