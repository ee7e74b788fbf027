namespace PromptLint.EndToEnd.Tests;

/// <summary>The promptlint tool, installed from the local feed the way CI installs it.</summary>
[Collection(PackageCollection.Name)]
public sealed class CliToolTests
{
    private readonly PackageFeed _feed;

    public CliToolTests(PackageFeed feed) => _feed = feed;

    [Fact]
    public void InstalledTool_MergesTwoProjects_AndDiffOfAGrownPromptExitsOne()
    {
        var tools = Path.Combine(_feed.Root, "tools-" + Guid.NewGuid().ToString("N")[..6]);
        var install = ProcessRunner.Dotnet(_feed.Root, "tool", "install", "PromptLint.Tool", "--tool-path", tools, "--version", _feed.Version, "--add-source", _feed.FeedDirectory);
        Assert.True(install.ExitCode == 0, install.ToString());
        var promptlint = Path.Combine(tools, OperatingSystem.IsWindows() ? "promptlint.exe" : "promptlint");

        var api = _feed.NewConsumer("Api");
        SampleFiles.WriteAll(api);
        var worker = _feed.NewConsumer("Worker");
        worker.Write("Prompts/digest.txt", "Write a daily digest of the tickets below, grouped by product.\n");
        Assert.Equal(0, api.Build().ExitCode);
        Assert.Equal(0, worker.Build().ExitCode);

        var merged = Path.Combine(_feed.Root, "merged-" + Guid.NewGuid().ToString("N")[..6] + ".md");
        var merge = ProcessRunner.Run(promptlint, _feed.Root, TimeSpan.FromMinutes(2), null, "merge", api.ReportPath, worker.ReportPath, "-o", merged);
        Assert.True(merge.ExitCode == 0, merge.ToString());
        var text = File.ReadAllText(merged);
        Assert.StartsWith("## PromptLint footprint: 2 projects", text);
        Assert.Contains("| Api | 6 |", text);
        Assert.Contains("| Worker | 1 |", text);

        var before = Path.Combine(_feed.Root, "base-" + Guid.NewGuid().ToString("N")[..6] + ".json");
        File.Copy(api.ReportPath, before);
        api.Write("Prompts/support.txt", SampleFiles.SupportPolicy + SampleFiles.SupportGrowth);
        Assert.Equal(0, api.Build().ExitCode); // no baseline in this project: the gate is the diff

        var diff = ProcessRunner.Run(promptlint, _feed.Root, TimeSpan.FromMinutes(2), null, "diff", before, api.ReportPath);
        Assert.Equal(1, diff.ExitCode);
        Assert.Contains("❌ 1 regression: `Prompts/support.txt`", diff.Output);

        var count = ProcessRunner.Run(promptlint, api.Directory, TimeSpan.FromMinutes(2), null, "count", "triage.prompty");
        Assert.True(count.ExitCode == 0, count.ToString());
        Assert.StartsWith("triage.prompty: ", count.Output);
    }
}
