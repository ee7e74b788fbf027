using System.Text.Json;
using System.Text.RegularExpressions;

namespace PromptLint.EndToEnd.Tests;

/// <summary>
/// The hand-over from the compiler to the report through the packed package: no compiler log, one report per project
/// even when projects share a user's log, no baseline written from a build whose analyzer did not run, the union of a
/// multi-targeted project's prompts, and no-change builds that leave the report (and the CI summary) alone.
/// </summary>
[Collection(PackageCollection.Name)]
[Trait("Category", PackageCollection.Category)]
public sealed class BuildIntegrationTests
{
    private readonly PackageFeed _feed;

    public BuildIntegrationTests(PackageFeed feed) => _feed = feed;

    private static string[] ReportIds(string reportPath)
        => JsonDocument.Parse(File.ReadAllText(reportPath)).RootElement.GetProperty("prompts").EnumerateArray().Select(p => p.GetProperty("id").GetString()!).ToArray();

    [Fact]
    public void TwoProjectsSharingTheUsersErrorLog_BuiltInParallel_EachReportHoldsOnlyItsOwnPrompts()
    {
        var root = _feed.NewConsumer("Shared").Directory;
        File.Delete(Path.Combine(root, "Shared.csproj"));
        File.Delete(Path.Combine(root, "Library.cs"));

        // A repository-wide SARIF log for code scanning, as CI setups keep it.
        File.WriteAllText(Path.Combine(root, "Directory.Build.props"), """
            <Project>
              <PropertyGroup>
                <ErrorLog>$(MSBuildThisFileDirectory)artifacts/build.sarif,version=2.1</ErrorLog>
              </PropertyGroup>
            </Project>
            """);
        foreach (var name in new[] { "Alpha", "Beta" })
        {
            var project = new Consumer(_feed, Path.Combine(root, name), name);
            File.Delete(Path.Combine(project.Directory, "nuget.config"));
            project.Write("Prompts/" + name.ToLowerInvariant() + ".txt", $"You are the {name} assistant. Answer questions about {name} orders briefly.\n");
            project.Write("Prompts/" + name.ToLowerInvariant() + "-extra.md", $"# {name}\n\nOnly the {name} team reads this prompt.\n");
        }

        Directory.CreateDirectory(Path.Combine(root, "artifacts"));
        Assert.Equal(0, ProcessRunner.Dotnet(root, "new", "sln", "-n", "All").ExitCode);
        Assert.Equal(0, ProcessRunner.Dotnet(root, "sln", "All.slnx", "add", "Alpha/Alpha.csproj", "Beta/Beta.csproj").ExitCode);

        var build = ProcessRunner.Run("dotnet", root, TimeSpan.FromMinutes(8), null, "build", "All.slnx", "-m", "-nologo", "-tl:off", "-nodeReuse:false", "-p:PromptLintUpdateBaseline=true");
        Consumer.AssertLoadedCleanly(build);
        Assert.True(build.ExitCode == 0, build.ToString());

        Assert.Equal(new[] { "Prompts/alpha-extra.md", "Prompts/alpha.txt" }, ReportIds(Path.Combine(root, "Alpha", "obj", "promptlint", "report.json")));
        Assert.Equal(new[] { "Prompts/beta-extra.md", "Prompts/beta.txt" }, ReportIds(Path.Combine(root, "Beta", "obj", "promptlint", "report.json")));
        Assert.DoesNotContain("beta", File.ReadAllText(Path.Combine(root, "Alpha", "promptlint.baseline.json")), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("alpha", File.ReadAllText(Path.Combine(root, "Beta", "promptlint.baseline.json")), StringComparison.OrdinalIgnoreCase);

        // PromptLint neither sets a compiler log of its own nor needs one.
        Assert.DoesNotContain(Directory.GetFiles(root, "*.sarif", SearchOption.AllDirectories), f => !f.Contains("artifacts", StringComparison.Ordinal));
    }

    [Fact]
    public void ProjectWithoutAnalyzerRun_AnUpdateFailsWithTheReason_AndTheCommittedBaselineIsByteIdentical()
    {
        const string committed = "{\r\n  \"schemaVersion\": 1,\r\n  \"prompts\": [\r\n    {\"id\":\"Prompts/kept.txt\",\"tokenizer\":\"o200k_base\",\"staticTokens\":9,\"staticPrefixTokens\":9,\"toolSchemaTokens\":0,\"contentHash\":\"sha256:00000000000000000000000000000000\"}\r\n  ]\r\n}\r\n";

        // A C# project built without analyzers.
        var csharp = _feed.NewConsumer("NoAnalyzers");
        csharp.Write("Prompts/kept.txt", "You are Contoso's assistant.\n");
        csharp.Write("promptlint.baseline.json", committed);
        var off = csharp.Build("PromptLintUpdateBaseline=true", "RunAnalyzers=false");
        Assert.NotEqual(0, off.ExitCode);
        Assert.Contains("error PL0103: PromptLint did not update the baseline: this build runs no analyzers", off.Output);
        Assert.Equal(committed, File.ReadAllText(csharp.BaselinePath));

        // A Visual Basic project: the analyzer runs in the C# compiler only.
        var vb = _feed.NewConsumer("Legacy");
        File.Delete(Path.Combine(vb.Directory, "Legacy.csproj"));
        File.Delete(Path.Combine(vb.Directory, "Library.cs"));
        vb.Write("Legacy.vbproj", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="PromptLint" Version="{_feed.Version}" PrivateAssets="all" />
              </ItemGroup>
            </Project>
            """);
        vb.Write("Library.vb", "Public Module Marker\nEnd Module\n");
        vb.Write("Prompts/kept.txt", "You are Contoso's assistant.\n");
        vb.Write("promptlint.baseline.json", committed);

        var plain = vb.Build();
        Assert.True(plain.ExitCode == 0, plain.ToString());
        Assert.Single(Regex.Matches(plain.Output, "PromptLint wrote no report: Legacy is a VB project, and PromptLint's analyzer runs in the C# compiler only"));

        var update = vb.Build("PromptLintUpdateBaseline=true");
        Assert.NotEqual(0, update.ExitCode);
        Assert.Contains("error PL0103: PromptLint did not update the baseline: Legacy is a VB project", update.Output);
        Assert.Equal(committed, File.ReadAllText(vb.BaselinePath));
    }

    [Fact]
    public void MultiTargetedProject_BaselineHoldsThePromptBehindIf_AndAnUpdateThroughEitherFrameworkWorksOrSaysWhere()
    {
        var consumer = _feed.NewConsumer("Multi");
        consumer.SetProject("net10.0;netstandard2.0", "<LangVersion>latest</LangVersion>");
        consumer.Write("Prompts.cs", """
            namespace Multi;

            public static class Prompts
            {
                [PromptLint.Prompt("modern")] public const string Modern = "You answer on the modern runtime only.";
            #if NETSTANDARD2_0
                [PromptLint.Prompt("legacy")] public const string Legacy = "You answer on the legacy runtime only, politely and briefly.";
            #endif
            }
            """);

        var accept = consumer.Build("PromptLintUpdateBaseline=true");
        Assert.True(accept.ExitCode == 0, accept.ToString());
        Assert.Single(Regex.Matches(accept.Output, "baseline promptlint.baseline.json updated with 2 prompts"));
        var baseline = File.ReadAllText(consumer.BaselinePath);
        Assert.Contains("\"id\":\"legacy\"", baseline);
        Assert.Contains("\"id\":\"modern\"", baseline);

        // A later, unchanged build of each framework passes the gate: no prompt is new or missing in either.
        var gate = consumer.Build();
        Assert.True(gate.ExitCode == 0, gate.ToString());
        Assert.Empty(Consumer.Diagnostics(gate, "PL0002"));

        // -f with the first framework updates the union; -f with the other says which build writes it.
        File.Delete(consumer.BaselinePath);
        var first = consumer.Build("PromptLintUpdateBaseline=true", "-f:net10.0");
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal(baseline, File.ReadAllText(consumer.BaselinePath));

        var second = consumer.Build("PromptLintUpdateBaseline=true", "-f:netstandard2.0");
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains("the baseline of multi-targeted Multi is written by its net10.0 build", second.Output);
        Assert.Contains("dotnet build -f net10.0 -p:PromptLintUpdateBaseline=true", second.Output);
    }

    [Fact]
    public void NoChangeRebuild_SkipsTheReport_AndTheStepSummaryGetsTheReportOnce()
    {
        var consumer = _feed.NewConsumer("Incremental");
        SampleFiles.WriteAll(consumer);
        // Outside the project, as GitHub's runner keeps it: a Markdown file in the project folder is a prompt-file
        // candidate (agent files are detected by front matter), so appending to it would be a changed input.
        var summary = Path.Combine(Path.GetDirectoryName(consumer.Directory)!, "Incremental-step-summary.md");
        File.WriteAllText(summary, string.Empty);
        var ci = new Dictionary<string, string> { ["GITHUB_STEP_SUMMARY"] = summary };

        var first = consumer.BuildWith(ci);
        Assert.True(first.ExitCode == 0, first.ToString());
        var report = File.ReadAllText(consumer.ReportPath);
        var written = File.GetLastWriteTimeUtc(consumer.ReportPath);

        var again = consumer.BuildWith(ci, "-v:n");
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("Skipping target \"PromptLintReport\" because all output files are up-to-date", again.Output);
        Assert.Equal(report, File.ReadAllText(consumer.ReportPath));
        Assert.Equal(written, File.GetLastWriteTimeUtc(consumer.ReportPath));
        Assert.Single(Regex.Matches(File.ReadAllText(summary), "## PromptLint footprint: Incremental"));

        // Every rule silenced: the analyzer still runs and the report is still made (PL9001 keeps it running).
        consumer.Write(".globalconfig", "is_global = true\n" + string.Concat(Enumerable.Range(1, 20).Select(i => $"dotnet_diagnostic.PL{i:D4}.severity = none\n")) + "dotnet_diagnostic.PL0100.severity = none\ndotnet_diagnostic.PL0101.severity = none\ndotnet_diagnostic.PL0102.severity = none\n");
        consumer.Write("Prompts/support.txt", SampleFiles.SupportPolicy + SampleFiles.SupportGrowth);
        var silenced = consumer.BuildWith(ci);
        Assert.True(silenced.ExitCode == 0, silenced.ToString());
        Assert.DoesNotContain("PL0103", silenced.Output);
        Assert.Contains($"PromptLint: {SampleFiles.PromptCount} prompts,", silenced.Output);
        Assert.Equal(2, Regex.Matches(File.ReadAllText(summary), "## PromptLint footprint: Incremental").Count);
    }
}
