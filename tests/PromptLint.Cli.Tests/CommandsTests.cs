using System.Text.Json;
using PromptLint.Cli;
using PromptLint.Cli.Commands;
using PromptLint.Contracts.Baseline;

namespace PromptLint.Cli.Tests;

public sealed class CommandsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("promptlint-cli-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static string RepoRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "PromptLint.sln")))
        {
            directory = directory.Parent;
        }

        return directory!.FullName;
    }

    private string Report(string project, params (string Id, int Tokens)[] prompts)
    {
        var path = Path.Combine(_directory, project, "report.json");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var items = string.Join(",", prompts.Select(p => $$"""{"id":"{{p.Id}}","file":"{{p.Id}}","line":1,"role":"system","model":"gpt-4o","tokenizer":"o200k_base","exact":true,"staticTokens":{{p.Tokens}},"staticPrefixTokens":{{p.Tokens}},"holes":0,"toolSchemaTokens":0,"outputCap":null,"baselineStaticTokens":null,"delta":null}"""));
        File.WriteAllText(path, $$"""{"schemaVersion":1,"project":"{{project}}","prompts":[{{items}}],"diagnostics":[]}""");
        return path;
    }

    /// <summary>The CLI counts the samples' prompt files exactly as the build did when it wrote their committed baseline.</summary>
    [Fact]
    public void Count_OnTheSamples_MatchesTheBuildsBaseline()
    {
        var project = Path.Combine(RepoRoot(), "prompts-samples", "Contoso.Helpdesk");
        var baseline = JsonDocument.Parse(File.ReadAllText(Path.Combine(project, "promptlint.baseline.json"))).RootElement.GetProperty("prompts").EnumerateArray()
            .ToDictionary(e => e.GetProperty("id").GetString()!, e => e.GetProperty("staticTokens").GetInt32());
        Assert.NotEmpty(baseline);

        foreach (var (id, tokens) in baseline)
        {
            var output = new StringWriter();
            var previous = Directory.GetCurrentDirectory();
            Directory.SetCurrentDirectory(project);
            try
            {
                Assert.Equal(ExitCodes.Ok, CountCommand.Run(id, "gpt-4o", TextReader.Null, output, TextWriter.Null));
            }
            finally
            {
                Directory.SetCurrentDirectory(previous);
            }

            Assert.StartsWith($"{id}: {tokens:N0} static tokens", output.ToString());
        }
    }

    [Fact]
    public void Count_PlainTextFromStandardInput()
    {
        var output = new StringWriter();
        Assert.Equal(ExitCodes.Ok, CountCommand.Run("-", "gpt-4", new StringReader("hello world"), output, TextWriter.Null));
        Assert.Equal("2 tokens (cl100k_base)\n", output.ToString().Replace("\r\n", "\n"));
    }

    [Fact]
    public void Diff_GrownPrompt_ExitsOneAndSaysWhich()
    {
        var before = Report("base", ("support.triage", 800), ("faq", 100), ("gone", 50));
        var after = Report("head", ("support.triage", 1040), ("faq", 100), ("new", 30));
        var output = new StringWriter();

        Assert.Equal(ExitCodes.Regressed, DiffCommand.Run(before, after, new RegressionPolicy(5, 20), null, output, TextWriter.Null));
        var text = output.ToString();
        Assert.Contains("❌ 1 regression: `support.triage` +240 tokens (+30.0%; limit 5%)", text);
        Assert.Contains("### Removed prompts", text);
        Assert.Contains("🆕 | `new`", text);
    }

    [Fact]
    public void Diff_NoGrowth_ExitsZero()
    {
        var before = Report("base", ("a", 100));
        var after = Report("head", ("a", 104));
        Assert.Equal(ExitCodes.Ok, DiffCommand.Run(before, after, new RegressionPolicy(5, 20), null, TextWriter.Null, TextWriter.Null));
    }

    [Theory]
    [InlineData("{\"schemaVersion\":2,\"prompts\":[]}", "schema version 2 is not supported")]
    [InlineData("{ not json", "not valid JSON")]
    [InlineData("[]", "not a PromptLint report")]
    public void Diff_UnreadableReport_ExitsTwoWithAClearMessage(string content, string expected)
    {
        var bad = Path.Combine(_directory, "bad.json");
        File.WriteAllText(bad, content);
        var error = new StringWriter();

        Assert.Equal(ExitCodes.BadInput, DiffCommand.Run(bad, Report("head", ("a", 1)), new RegressionPolicy(5, 20), null, TextWriter.Null, error));
        Assert.Contains(expected, error.ToString());
        Assert.DoesNotContain("   at ", error.ToString());
    }

    [Fact]
    public void Merge_GlobOfProjects_GivesSubtotalsAndProgress()
    {
        Report("Api", ("a", 100), ("b", 20));
        Report("Worker", ("c", 7));
        var output = new StringWriter();
        var progress = new StringWriter();

        Assert.Equal(ExitCodes.Ok, MergeCommand.Run(new[] { _directory.Replace('\\', '/') + "/**/report.json" }, null, 5, output, progress));
        var text = output.ToString();
        Assert.StartsWith("## PromptLint footprint: 2 projects\n\n✅ 3 prompts, 127 tokens, no regression\n", text);
        Assert.Contains("| Api | 2 | 120 | 0 | 0 |", text);
        Assert.Contains("| Worker | 1 | 7 | 0 | 0 |", text);
        Assert.Contains("[2/2]", progress.ToString());
    }

    [Fact]
    public void Merge_NothingMatches_ExitsTwo()
    {
        var error = new StringWriter();
        Assert.Equal(ExitCodes.BadInput, MergeCommand.Run(new[] { Path.Combine(_directory, "none", "*.json") }, null, 5, TextWriter.Null, error));
        Assert.Contains("no report.json matched", error.ToString());
    }
}
