using System.Text.Json;

namespace PromptLint.EndToEnd.Tests;

/// <summary>
/// Package versions come from git tags (eng/Versioning.props, MinVer). Each test builds a throw-away git repository
/// whose one project imports the repository's own eng/Versioning.props and Directory.Packages.props, and asks MSBuild
/// the version it would pack, as a fresh clone in CI or the release workflow would.
/// </summary>
[Trait("Category", PackageCollection.Category)]
public sealed class VersioningTests : IDisposable
{
    private readonly string _repo = Directory.CreateTempSubdirectory("promptlint-version-").FullName;

    public VersioningTests()
    {
        var root = PackageFeed.FindRepoRoot();
        File.WriteAllText(Path.Combine(_repo, "Directory.Build.props"), $"""
            <Project>
              <PropertyGroup>
                <RepoRoot>$(MSBuildThisFileDirectory)</RepoRoot>
              </PropertyGroup>
              <Import Project="{Path.Combine(root, "eng", "Versioning.props")}" />
            </Project>
            """);
        File.WriteAllText(Path.Combine(_repo, "Directory.Packages.props"), $"""
            <Project>
              <Import Project="{Path.Combine(root, "Directory.Packages.props")}" />
            </Project>
            """);
        Directory.CreateDirectory(Path.Combine(_repo, "src", "Probe"));
        File.WriteAllText(Path.Combine(_repo, "src", "Probe", "Probe.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>netstandard2.0</TargetFramework>
              </PropertyGroup>
            </Project>
            """);
        Git(_repo, "init", "-q", "-b", "main");
        Commit(_repo, "first");
    }

    [Fact]
    public void UntaggedHistory_PacksAPrereleaseOfTheNextMinor_CountingCommits()
    {
        Assert.Equal("0.2.0-alpha.0", Query(_repo).Version);

        Commit(_repo, "second");
        Commit(_repo, "third");

        Assert.Equal("0.2.0-alpha.0.2", Query(_repo).Version);
    }

    [Fact]
    public void TaggedCommit_PacksTheTagsVersion_AndTheNextCommitAPrereleaseOfTheNextPatch()
    {
        Git(_repo, "tag", "v0.3.0");

        var tagged = Query(_repo);
        Assert.Equal("0.3.0", tagged.Version);
        Assert.Equal("0.3.0.0", tagged.AssemblyVersion);

        Commit(_repo, "after the release");
        Assert.Equal("0.3.1-alpha.0.1", Query(_repo).Version);
    }

    [Fact]
    public void ShallowCloneWithoutTheTag_StillBuilds_WithTheUntaggedPrerelease()
    {
        Git(_repo, "tag", "v0.3.0");
        Commit(_repo, "after the release");
        var clone = Path.Combine(_repo, "..", Path.GetFileName(_repo) + "-shallow");
        try
        {
            Git(Path.GetDirectoryName(_repo)!, "clone", "-q", "--depth", "1", new Uri(_repo).AbsoluteUri, clone);

            Assert.Equal("0.2.0-alpha.0", Query(clone).Version);
            Assert.Equal("0.2.0-alpha.0", Query(clone).Version); // same commit, same history: same version
        }
        finally
        {
            TryDelete(clone);
        }
    }

    [Fact]
    public void ExplicitVersionOnTheCommandLine_WinsOverTheTag()
    {
        Git(_repo, "tag", "v0.3.0");

        Assert.Equal("1.2.3-local", Query(_repo, "-p:Version=1.2.3-local").Version);
    }

    public void Dispose() => TryDelete(_repo);

    private static (string Version, string AssemblyVersion) Query(string repo, params string[] extra)
    {
        var arguments = new List<string>
        {
            "msbuild", Path.Combine(repo, "src", "Probe", "Probe.csproj"), "-restore", "-t:MinVer",
            "-getProperty:PackageVersion", "-getProperty:AssemblyVersion", "-nologo", "-v:quiet",
        };
        arguments.AddRange(extra);
        var result = ProcessRunner.Dotnet(repo, arguments.ToArray());
        Assert.True(result.ExitCode == 0, result.ToString());
        var json = result.Output[result.Output.IndexOf('{')..];
        using var document = JsonDocument.Parse(json);
        var properties = document.RootElement.GetProperty("Properties");
        return (properties.GetProperty("PackageVersion").GetString()!, properties.GetProperty("AssemblyVersion").GetString()!);
    }

    private static void Commit(string repo, string message)
    {
        File.AppendAllText(Path.Combine(repo, "notes.txt"), message + "\n");
        Git(repo, "add", "-A");
        Git(repo, "-c", "user.name=PromptLint tests", "-c", "user.email=tests@promptlint.invalid", "commit", "-q", "-m", message);
    }

    private static void Git(string directory, params string[] arguments)
    {
        var result = ProcessRunner.Run("git", directory, TimeSpan.FromMinutes(2), null, arguments);
        Assert.True(result.ExitCode == 0, $"git {string.Join(' ', arguments)}: {result}");
    }

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                foreach (var file in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories))
                {
                    File.SetAttributes(file, FileAttributes.Normal); // git's read-only object files on Windows
                }

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
}
