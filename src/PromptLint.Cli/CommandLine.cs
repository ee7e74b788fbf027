using System.CommandLine;
using System.IO;
using System.Threading;
using PromptLint.Cli.Check;
using PromptLint.Cli.Commands;
using PromptLint.Cli.Traffic;

namespace PromptLint.Cli;

/// <summary>The <c>promptlint</c> command line: one command per file (count, merge, diff, check, init, traffic), parsed here.</summary>
internal static class CommandLine
{
    /// <summary>
    /// Parses and runs. A usage error (an unknown option, a value the parser or a validator rejects) is one line per
    /// problem on standard error and exit code 2, like bad input; <paramref name="cancellation"/> (and Ctrl+C) stops
    /// the work with exit code 130.
    /// </summary>
    public static int Run(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr, string? currentDirectory = null, CancellationToken cancellation = default)
    {
        Timings.Mark("main", stderr);
        var root = Build(stdin, stdout, stderr, currentDirectory ?? Directory.GetCurrentDirectory());
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                stderr.WriteLine("promptlint: " + error.Message);
            }

            stderr.WriteLine("Run 'promptlint --help' for usage.");
            return ExitCodes.BadInput;
        }

        Timings.Mark("parsed", stderr);
        var exit = parsed.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr }, cancellation).GetAwaiter().GetResult();
        Timings.Mark("done", stderr);
        return exit;
    }

    private static RootCommand Build(TextReader stdin, TextWriter stdout, TextWriter stderr, string cwd) => new("PromptLint: the token footprint of your prompts.")
    {
        CountCommand.Create(stdin, stdout, stderr),
        MergeCommand.Create(stdout, stderr),
        DiffCommand.Create(stdout, stderr),
        CheckCommand.Create(stdin, stdout, stderr, cwd),
        InitCommand.Create(stdout, stderr, cwd),
        TrafficCommand.Create(stdout, stderr, cwd),
    };
}
