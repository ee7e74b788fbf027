namespace PromptLint.EndToEnd.Tests;

/// <summary>PromptLint's own build under the settings CI systems give it.</summary>
[Trait("Category", PackageCollection.Category)]
public sealed class RepositoryBuildTests
{
    // Protects issue 28 item 6: CI caches often set NUGET_PACKAGES without a trailing slash, and NuGet then writes
    // NuGetPackageRoot without one; the vocabulary extraction joined it to the package folder by concatenation
    // ('…/packagesmicrosoft.ml.tokenizers.data.o200kbase/…', MSB4018).
    [Fact]
    public void VocabularyExtraction_WithPackageRootWithoutTrailingSlash_FindsTheDataPackages()
    {
        var root = PackageFeed.FindRepoRoot();
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var intermediate = Path.Combine(Path.GetTempPath(), "promptlint-vocab-" + Guid.NewGuid().ToString("N")[..8]) + Path.DirectorySeparatorChar;
        try
        {
            var result = ProcessRunner.Dotnet(
                root,
                "msbuild", Path.Combine(root, "src", "PromptLint.Counting", "PromptLint.Counting.csproj"),
                "-nologo", "-t:_PromptLintExtractVocabularies",
                "-p:NuGetPackageRoot=" + Path.TrimEndingDirectorySeparator(packages),
                "-p:IntermediateOutputPath=" + intermediate);

            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.True(new FileInfo(Path.Combine(intermediate, "vocabularies", "o200k_base.plv")).Length > 100_000, result.ToString());
            Assert.True(new FileInfo(Path.Combine(intermediate, "vocabularies", "cl100k_base.plv")).Length > 100_000, result.ToString());
        }
        finally
        {
            if (Directory.Exists(intermediate))
            {
                Directory.Delete(intermediate, recursive: true);
            }
        }
    }
}
