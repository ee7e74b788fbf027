using Microsoft.Build.Framework;
using PromptLint.Core.Baseline;

namespace PromptLint.Tasks.Tests;

public sealed class PromptLintReportTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("promptlint-task-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string WriteLog(params (string Id, int Tokens)[] prompts)
    {
        var results = string.Join(",\n", prompts.Select(p => $$"""
            { "ruleId": "PL9000", "level": "note", "message": { "text": "m" },
              "properties": { "customProperties": { "promptId": "{{p.Id}}", "file": "{{p.Id}}", "line": "1", "role": "system", "model": "gpt-4o",
                "tokenizer": "o200k_base", "exact": "true", "staticTokens": "{{p.Tokens}}", "staticPrefixTokens": "{{p.Tokens}}", "holes": "0",
                "toolSchemaTokens": "0", "outputCap": null, "baselineStaticTokens": null, "delta": null, "contentHash": "sha256:{{p.Id.Length}}" } } }
            """));
        var path = Path.Combine(_directory, "obj", "log.sarif");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, $$"""{ "version": "2.1.0", "runs": [ { "results": [ {{results}} ] } ] }""");
        return path;
    }

    private (PromptLintReport Task, FakeBuildEngine Engine) Create(string log, bool update)
    {
        var engine = new FakeBuildEngine();
        var task = new PromptLintReport
        {
            BuildEngine = engine,
            ErrorLog = log,
            ProjectName = "Demo",
            ProjectDirectory = _directory,
            ReportDirectory = Path.Combine(_directory, "obj", "promptlint"),
            BaselineFile = Path.Combine(_directory, "promptlint.baseline.json"),
            UpdateBaseline = update,
        };
        return (task, engine);
    }

    [Fact]
    public void Execute_WritesSortedReportAndSummaryLine()
    {
        var (task, engine) = Create(WriteLog(("b.txt", 1200), ("a.prompty", 30)), update: false);

        Assert.True(task.Execute());

        var report = File.ReadAllText(task.ReportFile);
        Assert.True(report.IndexOf("\"a.prompty\"", StringComparison.Ordinal) < report.IndexOf("\"b.txt\"", StringComparison.Ordinal));
        Assert.Contains("PromptLint: 2 prompts, 1,230 tokens, no baseline, report: obj/promptlint/report.md", engine.Messages);
        Assert.StartsWith("## PromptLint footprint: Demo\n\n✅ 2 prompts, 1,230 tokens (no baseline yet), no regression\n", File.ReadAllText(Path.Combine(_directory, "obj", "promptlint", "report.md")));
        Assert.False(File.Exists(task.BaselineFile));
    }

    [Fact]
    public void UpdateBaseline_WritesCanonicalBaselineAndSaysSo()
    {
        var (task, engine) = Create(WriteLog(("b.txt", 12), ("a.prompty", 30)), update: true);

        Assert.True(task.Execute());

        var written = File.ReadAllText(task.BaselineFile);
        Assert.Equal(
            BaselineSerializer.Write(new[] { new BaselineEntry("a.prompty", "o200k_base", 30, 30, 0, "sha256:9"), new BaselineEntry("b.txt", "o200k_base", 12, 12, 0, "sha256:5") }),
            written);
        Assert.Contains(engine.Messages, m => m.Contains("baseline promptlint.baseline.json updated with 2 prompts"));
        Assert.Empty(Directory.GetFiles(_directory, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void UpdateBaseline_OverAConflictedFile_WarnsWithTheLineAndReplacesIt()
    {
        var (task, engine) = Create(WriteLog(("a.txt", 5)), update: true);
        File.WriteAllText(task.BaselineFile, "{\n<<<<<<< HEAD\n=======\n>>>>>>> x\n}\n");

        Assert.True(task.Execute());

        var warning = Assert.Single(engine.Warnings);
        Assert.Equal("PL0100", warning.Code);
        Assert.Equal(2, warning.LineNumber);
        Assert.Contains("merge-conflict marker at line 2", warning.Message);
        Assert.True(BaselineSerializer.Parse(File.ReadAllText(task.BaselineFile)).IsUsable);
    }

    [Fact]
    public void MissingLog_IsNotAnError()
    {
        var (task, engine) = Create(Path.Combine(_directory, "nope.sarif"), update: true);

        Assert.True(task.Execute());
        Assert.Empty(engine.Warnings);
        Assert.False(File.Exists(task.BaselineFile));
    }

    [Fact]
    public void CorruptLog_IsAWarningNotAStackTrace()
    {
        var log = Path.Combine(_directory, "bad.sarif");
        File.WriteAllText(log, "{ truncated");
        var (task, engine) = Create(log, update: false);

        Assert.True(task.Execute());
        var warning = Assert.Single(engine.Warnings);
        Assert.Equal("PL0103", warning.Code);
        Assert.Contains("not valid JSON", warning.Message);
    }
}

internal sealed class FakeBuildEngine : IBuildEngine
{
    public List<string> Messages { get; } = new();

    public List<BuildWarningEventArgs> Warnings { get; } = new();

    public List<BuildErrorEventArgs> Errors { get; } = new();

    public bool ContinueOnError => false;

    public int LineNumberOfTaskNode => 0;

    public int ColumnNumberOfTaskNode => 0;

    public string ProjectFileOfTaskNode => "test.csproj";

    public bool BuildProjectFile(string projectFileName, string[] targetNames, System.Collections.IDictionary globalProperties, System.Collections.IDictionary targetOutputs) => false;

    public void LogCustomEvent(CustomBuildEventArgs e)
    {
    }

    public void LogErrorEvent(BuildErrorEventArgs e) => Errors.Add(e);

    public void LogMessageEvent(BuildMessageEventArgs e) => Messages.Add(e.Message ?? string.Empty);

    public void LogWarningEvent(BuildWarningEventArgs e) => Warnings.Add(e);
}
