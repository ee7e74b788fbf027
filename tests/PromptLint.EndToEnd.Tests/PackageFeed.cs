namespace PromptLint.EndToEnd.Tests;

/// <summary>
/// Packs the real PromptLint package once per test run into a temporary folder feed, under a version no other run
/// uses, so NuGet's global cache can never hand a consumer a stale copy. The cached copy is removed afterwards.
/// </summary>
public sealed class PackageFeed : IDisposable
{
    public PackageFeed()
    {
        RepoRoot = FindRepoRoot();
        Root = Directory.CreateTempSubdirectory("promptlint-e2e-").FullName;
        FeedDirectory = Path.Combine(Root, "feed");
        // The version this commit packs as (git tags), made unique to this run.
        Version = $"{RepositoryVersion.Core}-e2e.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";

        var pack = ProcessRunner.Dotnet(
            RepoRoot,
            "pack", Path.Combine(RepoRoot, "src", "PromptLint.Package", "PromptLint.Package.csproj"),
            "-c", "Release", "-o", FeedDirectory, $"-p:Version={Version}", "-nologo", "-tl:off",
            // Precompiled copies for this machine's platform only: the consumers build here (ReadyToRunTests).
            "-p:PromptLintReadyToRunRuntimes=host");
        if (pack.ExitCode != 0 || !File.Exists(PackagePath))
        {
            throw new InvalidOperationException("Packing PromptLint failed:\n" + pack);
        }

        var packTool = ProcessRunner.Dotnet(
            RepoRoot,
            "pack", Path.Combine(RepoRoot, "src", "PromptLint.Cli", "PromptLint.Cli.csproj"),
            "-c", "Release", "-o", FeedDirectory, $"-p:Version={Version}", "-nologo", "-tl:off");
        if (packTool.ExitCode != 0)
        {
            throw new InvalidOperationException("Packing PromptLint.Tool failed:\n" + packTool);
        }

        // PromptLint.Tool is a pointer to one package per runtime identifier (ToolPackageRuntimeIdentifiers): the
        // framework-dependent fallback and, as users on this platform get it, the native AOT build of this machine.
        ToolPackages.Pack(this);
    }

    /// <summary>This machine's portable runtime identifier, as the SDK names it (NETCoreSdkPortableRuntimeIdentifier).</summary>
    public static string HostRuntime =>
        (OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : "linux") + "-" +
        System.Runtime.InteropServices.RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant();

    public string RepoRoot { get; }

    public string Root { get; }

    public string FeedDirectory { get; }

    public string Version { get; }

    public string PackagePath => Path.Combine(FeedDirectory, $"PromptLint.{Version}.nupkg");

    public Consumer NewConsumer(string name = "Consumer") => new(this, Path.Combine(Root, name + "-" + Guid.NewGuid().ToString("N")[..8]), name);

    public void Dispose()
    {
        ProcessRunner.Dotnet(Root, "build-server", "shutdown");
        var cached = Path.Combine(
            Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages"),
            "promptlint",
            Version.ToLowerInvariant());
        TryDelete(cached);
        TryDelete(Path.Combine(Path.GetDirectoryName(cached)!, "..", "promptlint.tool", Version.ToLowerInvariant()));
        foreach (var rid in ToolPackages.PackedRuntimeIdentifiers)
        {
            TryDelete(Path.Combine(Path.GetDirectoryName(cached)!, "..", "promptlint.tool." + rid, Version.ToLowerInvariant()));
        }

        TryDelete(Root);
    }

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    public static string FindRepoRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "PromptLint.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("PromptLint.sln not found above " + AppContext.BaseDirectory);
    }
}

[CollectionDefinition(Name)]
public sealed class PackageCollection : ICollectionFixture<PackageFeed>
{
    public const string Name = "packed PromptLint";

    /// <summary>
    /// The trait of tests that pack, install or build consumers: <c>eng/test.sh</c> runs them as a second step, after
    /// the fast tests (<c>--filter Category!=EndToEnd</c>, then <c>Category=EndToEnd</c>).
    /// </summary>
    public const string Category = "EndToEnd";
}
