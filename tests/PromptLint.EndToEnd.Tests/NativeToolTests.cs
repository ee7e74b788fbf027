using System.Runtime.InteropServices;

namespace PromptLint.EndToEnd.Tests;

/// <summary>
/// PromptLint.Tool installed the way a user installs it: on a platform PromptLint ships a native build for, the .NET
/// SDK picks the native AOT package (no runtime, no JIT at start-up), and it answers exactly as the framework-dependent
/// fallback package does. The feed (packed once for the collection by <see cref="PackageFeed"/>) holds the pointer
/// package, the 'any' package and this machine's native package.
/// </summary>
[Collection(PackageCollection.Name)]
[Trait("Category", PackageCollection.Category)]
public sealed class NativeToolTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);
    private readonly PackageFeed _feed;

    public NativeToolTests(PackageFeed feed) => _feed = feed;

    [Fact]
    public void ToolInstall_OnAPlatformWithANativePackage_InstallsTheNativeBinary()
    {
        var promptlint = Install("PromptLint.Tool");
        var binary = new FileInfo(promptlint).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? promptlint;
        var folder = Path.GetDirectoryName(binary)!;

        if (ToolPackages.ThisMachine is null)
        {
            // No native package for this platform: the SDK falls back to the framework-dependent one.
            Assert.True(File.Exists(Path.Combine(folder, "promptlint.dll")), $"expected the framework-dependent fallback in {folder}");
            return;
        }

        Assert.Contains(Path.DirectorySeparatorChar + ToolPackages.ThisMachine + Path.DirectorySeparatorChar, binary);
        Assert.False(File.Exists(Path.Combine(folder, "promptlint.dll")), $"a managed entry assembly sits beside the native tool in {folder}");
        Assert.Empty(Directory.GetFiles(folder, "*.dll"));
        Assert.True(IsNativeExecutable(binary), $"{binary} is not a native executable of this platform");

        var version = ProcessRunner.Run(promptlint, _feed.Root, Timeout, null, "--version");
        Assert.True(version.ExitCode == 0, version.ToString());
    }

    [Theory]
    [InlineData("json")]
    [InlineData("sarif")]
    [InlineData("markdown")]
    public void NativeTool_Check_GivesTheFrameworkDependentToolsOutput(string format)
    {
        var native = Install("PromptLint.Tool");
        var fallback = Install("PromptLint.Tool.any");
        var sample = CopyHelpdeskSample();

        var fromNative = ProcessRunner.Run(native, sample, Timeout, null, "check", ".", "--format", format);
        var fromFallback = ProcessRunner.Run(fallback, sample, Timeout, null, "check", ".", "--format", format);

        Assert.True(fromFallback.ExitCode is 0 or 1, fromFallback.ToString());
        Assert.Contains("PL0011", fromFallback.Output); // the sample's deliberate findings are there to compare
        Assert.Equal(fromFallback.ExitCode, fromNative.ExitCode);
        Assert.Equal(fromFallback.Output, fromNative.Output);
    }

    private string Install(string package)
    {
        var tools = Path.Combine(_feed.Root, "tools-" + Guid.NewGuid().ToString("N")[..6]);
        var install = ProcessRunner.Dotnet(_feed.Root, "tool", "install", package, "--tool-path", tools, "--version", _feed.Version, "--add-source", _feed.FeedDirectory);
        Assert.True(install.ExitCode == 0, install.ToString());
        return Path.Combine(tools, OperatingSystem.IsWindows() ? "promptlint.exe" : "promptlint");
    }

    // The repository's Helpdesk sample (Prompty, GitHub Models, Semantic Kernel, Markdown, a tool list, its baseline
    // and .editorconfig), copied so that nothing the tools do can touch the repository.
    private string CopyHelpdeskSample()
    {
        var source = Path.Combine(_feed.RepoRoot, "prompts-samples", "Contoso.Helpdesk");
        var target = Path.Combine(_feed.Root, "helpdesk-" + Guid.NewGuid().ToString("N")[..6]);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (relative.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            {
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(target, relative))!);
            File.Copy(file, Path.Combine(target, relative));
        }

        return target;
    }

    // ELF on Linux, Mach-O (64-bit) on macOS, PE on Windows: read from the file's first bytes.
    private static bool IsNativeExecutable(string path)
    {
        var head = new byte[4];
        using (var stream = File.OpenRead(path))
        {
            if (stream.Read(head, 0, 4) < 4)
            {
                return false;
            }
        }

        if (OperatingSystem.IsLinux())
        {
            return head is [0x7F, (byte)'E', (byte)'L', (byte)'F'];
        }

        if (OperatingSystem.IsMacOS())
        {
            return head is [0xCF, 0xFA, 0xED, 0xFE];
        }

        return RuntimeInformation.IsOSPlatform(OSPlatform.Windows) && head is [(byte)'M', (byte)'Z', _, _];
    }
}
