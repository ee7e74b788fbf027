using System.IO.Compression;
using System.Reflection.PortableExecutable;
using System.Text.Json;

namespace PromptLint.EndToEnd.Tests;

/// <summary>
/// Issue 33 (build overhead without the compiler server): the package carries PromptLint's analyzer code precompiled
/// (ReadyToRun) for this machine's platform in readytorun/&lt;rid&gt;/, plain IL stays in analyzers/dotnet/cs for every
/// other host, and a plain <c>dotnet build</c> hands the compiler the precompiled images with the same findings and a
/// byte-identical report as the IL gives.
/// </summary>
[Collection(PackageCollection.Name)]
[Trait("Category", PackageCollection.Category)]
public sealed class ReadyToRunTests
{
    private static readonly string[] Precompiled = { "PromptLint.Analyzers.dll", "PromptLint.Contracts.dll", "PromptLint.Core.dll", "PromptLint.Reporting.dll", "YamlDotNet.dll" };
    private readonly PackageFeed _feed;

    public ReadyToRunTests(PackageFeed feed) => _feed = feed;

    [Fact]
    public void Package_CarriesPrecompiledImagesForThisPlatform_AndPlainIlForEveryOtherHost()
    {
        using var package = ZipFile.OpenRead(_feed.PackagePath);
        var folder = $"readytorun/{PackageFeed.HostRuntime}/";
        var images = package.Entries.Where(e => e.FullName.StartsWith(folder, StringComparison.Ordinal)).Select(e => e.Name).Order(StringComparer.Ordinal).ToArray();

        Assert.Equal(Precompiled, images);
        foreach (var name in Precompiled)
        {
            Assert.True(IsReadyToRun(package.GetEntry(folder + name)!), name + " in " + folder + " is not a ReadyToRun image");
            Assert.False(IsReadyToRun(package.GetEntry("analyzers/dotnet/cs/" + name)!), name + " in analyzers/dotnet/cs must stay IL");
        }
    }

    [Fact]
    public void Build_HandsTheCompilerThePrecompiledImages_WithTheSameFindingsAndReport_AsTheIl()
    {
        var consumer = _feed.NewConsumer("Precompiled");
        consumer.Write("Prompts/triage.prompty", "---\nname: triage\nmodel:\n  api: chat\n  configuration:\n    type: openai\n    name: gpt-4o\n---\nsystem:\nYou triage support tickets.   \n\n\n\nClassify each ticket as billing, bug or question.\n\nuser:\n{{ticket}}\n");
        consumer.Write("Assistant.cs", """
            using System.Collections.Generic;
            namespace Contoso.Support
            {
                public static class Assistant
                {
                    public const string System = "You answer refund questions.   Cite the refund policy section you apply.";
                }
            }
            """);

        var swapped = Analyzers(consumer, "true");
        var il = Analyzers(consumer, "false");
        var folder = Path.Combine("readytorun", PackageFeed.HostRuntime) + Path.DirectorySeparatorChar;
        Assert.Equal(Precompiled, swapped.Where(p => p.Contains(folder, StringComparison.Ordinal)).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray());
        Assert.Contains(swapped, p => p.EndsWith("PromptLint.Counting.dll", StringComparison.Ordinal) && p.Contains(Path.Combine("analyzers", "dotnet", "cs"), StringComparison.Ordinal));
        Assert.DoesNotContain(il, p => p.Contains("readytorun", StringComparison.Ordinal));
        Assert.Equal(il.Length, swapped.Length);

        var precompiledBuild = consumer.Build("UseSharedCompilation=false", "PromptLintReadyToRun=true", "-t:Rebuild");
        Assert.Equal(0, precompiledBuild.ExitCode);
        var precompiledReport = File.ReadAllBytes(consumer.ReportPath);
        var ilBuild = consumer.Build("UseSharedCompilation=false", "PromptLintReadyToRun=false", "-t:Rebuild");
        Assert.Equal(0, ilBuild.ExitCode);

        Assert.Equal(File.ReadAllBytes(consumer.ReportPath), precompiledReport);
        Assert.Equal(Findings(ilBuild.Output), Findings(precompiledBuild.Output));
        Assert.True(Findings(precompiledBuild.Output).Contains(" PL0", StringComparison.Ordinal), precompiledBuild.ToString());
        Assert.Contains("\"PL0011\"", File.ReadAllText(consumer.ReportPath));
    }

    // The analyzer paths the compiler would be handed, after the package's assets are resolved.
    private static string[] Analyzers(Consumer consumer, string readyToRun)
    {
        var result = ProcessRunner.Dotnet(consumer.Directory, "msbuild", "-restore", "-nologo", "-t:ResolveLockFileAnalyzers", "-getItem:Analyzer", "-p:PromptLintReadyToRun=" + readyToRun);
        Assert.True(result.ExitCode == 0, result.ToString());
        var json = result.Output[result.Output.IndexOf('{', StringComparison.Ordinal)..];
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("Items").GetProperty("Analyzer").EnumerateArray()
            .Select(item => item.GetProperty("Identity").GetString()!)
            .Where(path => path.Contains("promptlint", StringComparison.OrdinalIgnoreCase))
            .ToArray();
    }

    private static string Findings(string output)
        => string.Join("\n", output.Split('\n').Where(line => line.Contains(": warning PL", StringComparison.Ordinal) || line.Contains(": info PL", StringComparison.Ordinal) || line.Contains(": error PL", StringComparison.Ordinal))
            .Select(line => line.Trim()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));

    private static bool IsReadyToRun(ZipArchiveEntry entry)
    {
        using var stream = new MemoryStream();
        using (var source = entry.Open())
        {
            source.CopyTo(stream);
        }

        stream.Position = 0;
        using var reader = new PEReader(stream);
        // A ReadyToRun image records its native code in the CLI header's managed native header directory.
        return reader.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size > 0;
    }
}
