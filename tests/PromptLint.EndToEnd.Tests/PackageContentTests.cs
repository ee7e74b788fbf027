using System.IO.Compression;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace PromptLint.EndToEnd.Tests;

/// <summary>
/// Each folder of the package carries what its host runs and no more (issue 13): the compiler gets the counting code,
/// the renderers beside it for command-line builds, and their dependencies; the MSBuild task, which counts nothing,
/// gets the run record, baseline and report code without the tokenizers, their vocabularies or YamlDotNet.
/// </summary>
[Collection(PackageCollection.Name)]
[Trait("Category", PackageCollection.Category)]
public sealed class PackageContentTests
{
    private readonly PackageFeed _feed;

    public PackageContentTests(PackageFeed feed) => _feed = feed;

    [Fact]
    public void EachFolder_CarriesExactlyPromptLintsAssembliesItsHostUses()
    {
        using var zip = ZipFile.OpenRead(_feed.PackagePath);

        Assert.Equal(
            new[] { "PromptLint.Analyzers.dll", "PromptLint.CodeFixes.dll", "PromptLint.Contracts.dll", "PromptLint.Core.dll", "PromptLint.Counting.dll", "PromptLint.Reporting.dll" },
            Own(zip, "analyzers/dotnet/cs/"));
        foreach (var tasks in new[] { "tasks/net8.0/", "tasks/netstandard2.0/" })
        {
            Assert.Equal(new[] { "PromptLint.Contracts.dll", "PromptLint.Reporting.dll", "PromptLint.Tasks.dll" }, Own(zip, tasks));
        }

        Assert.Contains("analyzers/dotnet/cs/YamlDotNet.dll", zip.Entries.Select(e => e.FullName));
    }

    // The package takes each project's resolved closure, not what its bin folder holds, so a DLL left there by an older
    // build (IncrementalClean misses it once obj/ is gone) cannot slip in; this would catch it.
    [Fact]
    public void TaskFolders_HoldNoVocabularyNoTokenizerAndNoYamlDotNet()
    {
        using var zip = ZipFile.OpenRead(_feed.PackagePath);
        var tasks = zip.Entries.Where(e => e.FullName.StartsWith("tasks/", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(tasks);
        Assert.DoesNotContain(tasks, e => e.Name is "PromptLint.Core.dll" or "PromptLint.Counting.dll" or "YamlDotNet.dll" || e.Name.StartsWith("Microsoft.ML.", StringComparison.Ordinal));
        foreach (var assembly in tasks.Where(e => e.Name.EndsWith(".dll", StringComparison.Ordinal)))
        {
            var resources = Resources(assembly);
            Assert.DoesNotContain(resources, r => r.EndsWith(".plv", StringComparison.Ordinal));
        }

        // The control: the vocabularies are where the counting is.
        Assert.Contains("PromptLint.Core.o200k_base.plv", Resources(zip.GetEntry("analyzers/dotnet/cs/PromptLint.Counting.dll")!));
    }

    private static List<string> Own(ZipArchive zip, string folder)
        => zip.Entries
            .Where(e => e.FullName.StartsWith(folder, StringComparison.Ordinal) && e.FullName.IndexOf('/', folder.Length) < 0 && e.Name.StartsWith("PromptLint.", StringComparison.Ordinal))
            .Select(e => e.Name)
            .Order(StringComparer.Ordinal)
            .ToList();

    private static List<string> Resources(ZipArchiveEntry entry)
    {
        using var stream = new MemoryStream();
        using (var zipped = entry.Open())
        {
            zipped.CopyTo(stream);
        }

        stream.Position = 0;
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        return metadata.ManifestResources.Select(h => metadata.GetString(metadata.GetManifestResource(h).Name)).ToList();
    }
}
