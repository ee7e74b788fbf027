using System;
using System.CommandLine;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace PromptLint.Cli;

/// <summary>
/// How every command runs its work: off the parsing thread, with the invocation's cancellation token (Ctrl+C cancels
/// it), so System.CommandLine can wait for the work to stop. A cancelled run ends with one line on standard error and
/// <see cref="ExitCodes.Cancelled"/>, never a stack trace.
/// </summary>
internal static class CommandAction
{
    /// <summary>Makes <paramref name="work"/> the action of <paramref name="command"/>.</summary>
    public static void Set(Command command, TextWriter error, Func<ParseResult, CancellationToken, int> work)
        => command.SetAction((result, cancellation) => Task.Run(() => Run(() => work(result, cancellation), error, cancellation), CancellationToken.None));

    /// <summary>Makes the asynchronous <paramref name="work"/> the action of <paramref name="command"/>.</summary>
    public static void Set(Command command, TextWriter error, Func<ParseResult, CancellationToken, Task<int>> work)
        => command.SetAction(async (result, cancellation) =>
        {
            try
            {
                return await work(result, cancellation).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                return Cancelled(error);
            }
        });

    private static int Run(Func<int> work, TextWriter error, CancellationToken cancellation)
    {
        try
        {
            cancellation.ThrowIfCancellationRequested();
            return work();
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            return Cancelled(error);
        }
    }

    private static int Cancelled(TextWriter error)
    {
        error.WriteLine("promptlint: cancelled");
        return ExitCodes.Cancelled;
    }
}
