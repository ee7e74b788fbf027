namespace PromptLint.EndToEnd.Tests;

/// <summary>The promptlint tool, installed from the local feed the way CI installs it.</summary>
[Collection(PackageCollection.Name)]
[Trait("Category", PackageCollection.Category)]
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

    /// <summary>
    /// 'promptlint check' on a project's prompt files reports what its build reports (report.json's findings, with the
    /// severities a .globalconfig gives them), and '--update-baseline' writes the bytes the build's baseline update
    /// writes.
    /// </summary>
    [Fact]
    public void InstalledTool_Check_MatchesTheBuildsReport_AndItsBaselineUpdate()
    {
        var tools = Path.Combine(_feed.Root, "tools-" + Guid.NewGuid().ToString("N")[..6]);
        var install = ProcessRunner.Dotnet(_feed.Root, "tool", "install", "PromptLint.Tool", "--tool-path", tools, "--version", _feed.Version, "--add-source", _feed.FeedDirectory);
        Assert.True(install.ExitCode == 0, install.ToString());
        var promptlint = Path.Combine(tools, OperatingSystem.IsWindows() ? "promptlint.exe" : "promptlint");

        var project = _feed.NewConsumer("Lint");
        SampleFiles.WriteAll(project);
        project.Write("Prompts/messy.md", "You answer questions about Contoso orders.   \n\n\n\nDon\u2019t guess \u2014 ask for the order number.\n\nReply with:\n{\n  \"order\": \"10023\",\n  \"status\": \"open\",\n  \"priority\": \"high\"\n}\n");
        project.Write("chat.prompt.yml", "name: Chat\nmodel: openai/gpt-4o-mini\nmessages:\n  - role: system\n    content: You answer in one sentence.\n  - role: user\n    content: '{{question}}'\n");
        project.Write(".globalconfig", "is_global = true\ndotnet_diagnostic.PL0011.severity = warning\ndotnet_diagnostic.PL0010.severity = none\n");
        project.Write(".editorconfig", "root = true\n[*.md]\npromptlint.pretty_json_min_tokens = 3\n");
        Assert.Equal(0, project.Build("-p:PromptLintUpdateBaseline=true").ExitCode);
        project.Write("Prompts/support.txt", SampleFiles.SupportPolicy + SampleFiles.SupportGrowth);
        Assert.NotEqual(0, project.Build().ExitCode); // PL0001: the grown prompt fails the build, which still writes its report

        var report = System.Text.Json.JsonDocument.Parse(File.ReadAllText(project.ReportPath)).RootElement;
        var check = ProcessRunner.Run(promptlint, project.Directory, TimeSpan.FromMinutes(2), null, "check", "--format", "json");
        Assert.True(check.ExitCode == 1, check.ToString()); // the PL0001 error
        var linted = System.Text.Json.JsonDocument.Parse(check.Output.Substring(check.Output.IndexOf('{'))).RootElement;
        static string Key(System.Text.Json.JsonElement d) => string.Join(" ", new[] { "severity", "id", "file", "line", "tokensSaved", "message" }.Select(name => d.TryGetProperty(name, out var v) ? v.ToString() : "-"));
        static string Prompt(System.Text.Json.JsonElement p) => string.Join(" ", new[] { "id", "staticTokens", "staticPrefixTokens", "baselineStaticTokens", "delta", "outputCap" }.Select(name => p.TryGetProperty(name, out var v) ? v.ToString() : "-"));
        var expected = report.GetProperty("diagnostics").EnumerateArray().Where(d => !d.GetProperty("file").GetString()!.EndsWith(".cs", StringComparison.Ordinal)).Select(Key).ToList();
        Assert.Contains(expected, k => k.StartsWith("warning PL0011 Prompts/messy.md", StringComparison.Ordinal));
        Assert.Contains(expected, k => k.StartsWith("error PL0001 Prompts/support.txt", StringComparison.Ordinal));
        Assert.DoesNotContain(expected, k => k.Contains(" PL0010 ", StringComparison.Ordinal));
        Assert.Equal(expected, linted.GetProperty("diagnostics").EnumerateArray().Select(Key).ToList());
        Assert.Equal(report.GetProperty("prompts").EnumerateArray().Select(Prompt), linted.GetProperty("prompts").EnumerateArray().Select(Prompt));

        // The baseline: the build's update and the tool's, from the same files, byte for byte.
        File.WriteAllText(project.BaselinePath, "{\"schemaVersion\":1,\"prompts\":[]}");
        Assert.Equal(0, project.Build("-p:PromptLintUpdateBaseline=true").ExitCode);
        var built = File.ReadAllBytes(project.BaselinePath);
        File.Delete(project.BaselinePath);
        var update = ProcessRunner.Run(promptlint, project.Directory, TimeSpan.FromMinutes(2), null, "check", "--update-baseline");
        Assert.True(update.ExitCode is 0 or 1, update.ToString());
        Assert.Equal(built, File.ReadAllBytes(project.BaselinePath));
    }
}
