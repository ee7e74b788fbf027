namespace PromptLint.EndToEnd.Tests;

/// <summary>The benchmarks build and run one iteration each (BenchmarkDotNet's Dry job). No timing is asserted.</summary>
/// <remarks>
/// In the package tests' collection, so it never runs while their fixture packs: both build src/ in Release, and a
/// benchmark build finishing mid-pack put analyzers without the package's version into the package (every hand-over
/// then refused as "written by another PromptLint version").
/// </remarks>
[Collection(PackageCollection.Name)]
[Trait("Category", PackageCollection.Category)]
public sealed class BenchmarkSmokeTests
{
    [Fact]
    public void EveryBenchmark_RunsOneIteration()
    {
        var root = PackageFeed.FindRepoRoot();
        var result = ProcessRunner.Dotnet(root, "run", "-c", "Release", "--project", Path.Combine(root, "bench", "PromptLint.Benchmarks"), "--", "--filter", "*", "--job", "Dry", "--artifacts", Path.Combine(Path.GetTempPath(), "promptlint-bench-" + Guid.NewGuid().ToString("N")[..8]));

        Assert.True(result.ExitCode == 0, result.ToString());
        foreach (var benchmark in new[] { "PromptLint with the C# front end", "PromptLint after editing one prompt file's C#", "10 MB corpus: PromptLint, first count", "PromptLint, unchanged prompts (cached)" })
        {
            Assert.Contains(benchmark, result.Output);
        }

        Assert.DoesNotContain("Benchmarks with issues", result.Output);
    }
}
