using System.Reflection;

namespace PromptLint.Core.Tests;

/// <summary>Where the tests' files are: from the build's metadata, not [CallerFilePath], which CI builds map to /_/.</summary>
internal static class TestPaths
{
    public static string ProjectDirectory { get; } =
        typeof(TestPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "PromptLintTestProjectDir").Value!;

    public static string RepoRoot { get; } = Path.GetFullPath(Path.Combine(ProjectDirectory, "..", ".."));
}
