using System.Runtime.InteropServices;

namespace PromptLint.EndToEnd.Tests;

/// <summary>
/// Packs PromptLint.Tool's runtime-specific packages into the feed, with the commands the release workflow runs per
/// runtime identifier: <c>dotnet pack -r any</c> (framework-dependent, every platform) and <c>dotnet pack -r RID</c>
/// on the machine of that RID (native AOT does not cross-compile between operating systems).
/// </summary>
public static class ToolPackages
{
    /// <summary>The runtime identifiers PromptLint.Cli.csproj ships native builds for.</summary>
    public static readonly string[] NativeRuntimeIdentifiers = ["linux-x64", "linux-arm64", "osx-arm64", "win-x64"];

    /// <summary>The native package this machine builds, or null when PromptLint ships none for it.</summary>
    public static string? ThisMachine => NativeRuntimeIdentifiers.Contains(RuntimeInformation.RuntimeIdentifier) ? RuntimeInformation.RuntimeIdentifier : null;

    /// <summary>What <see cref="Pack"/> packs: the fallback and this machine's native build.</summary>
    public static IEnumerable<string> PackedRuntimeIdentifiers => ThisMachine is { } rid ? ["any", rid] : ["any"];

    // The native link on two busy cores took 4-5 minutes when measured; generous, never a wall-clock assertion.
    private static readonly TimeSpan NativeTimeout = TimeSpan.FromMinutes(30);

    public static void Pack(PackageFeed feed)
    {
        var project = Path.Combine(feed.RepoRoot, "src", "PromptLint.Cli", "PromptLint.Cli.csproj");
        if (OperatingSystem.IsLinux() && ThisMachine is not null)
        {
            // The C compiler and zlib the native link needs, installed when missing (as eng/install-mono.sh is).
            var prereqs = ProcessRunner.Run("bash", feed.RepoRoot, TimeSpan.FromMinutes(15), null, Path.Combine(feed.RepoRoot, "eng", "install-aot-prereqs.sh"));
            if (prereqs.ExitCode != 0)
            {
                throw new InvalidOperationException("eng/install-aot-prereqs.sh failed:\n" + prereqs);
            }
        }

        foreach (var rid in PackedRuntimeIdentifiers)
        {
            var pack = ProcessRunner.Run(
                "dotnet", feed.RepoRoot, NativeTimeout, null,
                "pack", project, "-c", "Release", "-r", rid, "-o", feed.FeedDirectory, $"-p:Version={feed.Version}", "-nologo", "-tl:off");
            var package = Path.Combine(feed.FeedDirectory, $"PromptLint.Tool.{rid}.{feed.Version}.nupkg");
            if (pack.ExitCode != 0 || !File.Exists(package))
            {
                throw new InvalidOperationException($"Packing PromptLint.Tool for {rid} failed:\n" + pack);
            }
        }
    }
}
