using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

using PromptLint.Contracts.Baseline;
using PromptLint.Contracts.Handover;
using PromptLint.Contracts.Reporting;

namespace PromptLint.Tasks.Tests;

/// <summary>The task over run records: what it reports, what it refuses, and that a refusal never touches the baseline.</summary>
public sealed class PromptLintReportTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("promptlint-task-").FullName;

    private string ProjectFile => Path.Combine(_directory, "Demo.csproj");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private ITaskItem WriteRecord(string framework, params (string Id, int Tokens)[] prompts)
        => WriteRecord(framework, record => { }, prompts);

    private ITaskItem WriteRecord(string framework, Action<RunRecord> change, params (string Id, int Tokens)[] prompts)
    {
        var record = new RunRecord { PromptLintVersion = PromptLintReport.Version, ProjectFile = ProjectFile, TargetFramework = framework, AnalyzedCode = true };
        foreach (var (id, tokens) in prompts)
        {
            record.Prompts.Add(new ReportPrompt
            {
                Id = id, File = id, Line = 1, Role = "system", Model = "gpt-4o", Tokenizer = "o200k_base", Exact = true,
                StaticTokens = tokens, StaticPrefixTokens = tokens, ContentHash = "sha256:" + id.Length,
            });
        }

        change(record);
        var path = Path.Combine(_directory, "obj", framework.Length == 0 ? "none" : framework, "promptlint.run.json");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, RunRecordJson.Write(record));
        return new TaskItem(path, new Dictionary<string, string> { ["TargetFramework"] = framework });
    }

    private (PromptLintReport Task, FakeBuildEngine Engine) Create(bool update, params ITaskItem[] records)
    {
        var engine = new FakeBuildEngine();
        var task = new PromptLintReport
        {
            BuildEngine = engine,
            ProjectName = "Demo",
            ProjectFile = ProjectFile,
            ProjectDirectory = _directory,
            TargetFramework = "net10.0",
            RunRecords = records,
            ReportDirectory = Path.Combine(_directory, "obj", "promptlint"),
            BaselineFile = Path.Combine(_directory, "promptlint.baseline.json"),
            UpdateBaseline = update,
        };
        return (task, engine);
    }

    private string ReportJson => Path.Combine(_directory, "obj", "promptlint", "report.json");

    [Fact]
    public void Execute_WritesSortedReportAndSummaryLine()
    {
        var (task, engine) = Create(false, WriteRecord("net10.0", ("b.txt", 1200), ("a.prompty", 30)));

        Assert.True(task.Execute());

        var report = File.ReadAllText(task.ReportFile);
        Assert.True(report.IndexOf("\"a.prompty\"", StringComparison.Ordinal) < report.IndexOf("\"b.txt\"", StringComparison.Ordinal));
        Assert.Contains("PromptLint: 2 prompts, 1,230 tokens, no baseline, report: obj/promptlint/report.md", engine.Messages);
        Assert.StartsWith("## PromptLint footprint: Demo\n\n✅ 2 prompts, 1,230 tokens (no baseline yet), no regression\n", File.ReadAllText(Path.Combine(_directory, "obj", "promptlint", "report.md")));
        Assert.False(File.Exists(task.BaselineFile));
    }

    private string ReportFolder => Path.Combine(_directory, "obj", "promptlint");

    // A record whose analyzer rendered report.json and report.md (with this content, or listed but not written when null).
    private ITaskItem WriteRenderedRecord(string? json, string? markdown, string summary, Action<RunRecord>? change = null)
    {
        Directory.CreateDirectory(ReportFolder);
        foreach (var (name, text) in new[] { ("report.json", json), ("report.md", markdown) })
        {
            if (text is not null)
            {
                File.WriteAllText(Path.Combine(ReportFolder, name), text);
            }
        }

        return WriteRecord("net10.0", r =>
        {
            r.Reports.Add(Path.Combine(ReportFolder, "report.json"));
            r.Reports.Add(Path.Combine(ReportFolder, "report.md"));
            r.Summary = summary;
            change?.Invoke(r);
        }, ("a.txt", 5));
    }

    [Fact]
    public void ReportsTheAnalyzerRendered_ArePublishedAsTheyAre_FromTheRecordsHeader()
    {
        var record = WriteRenderedRecord("{ \"rendered\": \"by the analyzer\" }\n", "## rendered by the analyzer\n", "1 prompt, 5 tokens, no baseline");
        var (task, engine) = Create(false, record);

        Assert.True(task.Execute());

        Assert.Equal("{ \"rendered\": \"by the analyzer\" }\n", File.ReadAllText(task.ReportFile));
        Assert.Equal("## rendered by the analyzer\n", File.ReadAllText(Path.Combine(ReportFolder, "report.md")));
        Assert.Contains("PromptLint: 1 prompt, 5 tokens, no baseline, report: obj/promptlint/report.md", engine.Messages);
        Assert.Empty(engine.Warnings);
    }

    [Fact]
    public void AReportTheAnalyzerListedIsMissing_TheTaskRendersThemFromTheRecord()
    {
        var record = WriteRenderedRecord(null, null, "stale summary");
        var (task, engine) = Create(false, record);

        Assert.True(task.Execute());

        Assert.Contains("\"a.txt\"", File.ReadAllText(task.ReportFile));
        Assert.Contains("PromptLint: 1 prompt, 5 tokens, no baseline, report: obj/promptlint/report.md", engine.Messages);
    }

    [Fact]
    public void ReportsTheAnalyzerRendered_FromAnotherProjectsRecord_AreRefusedAndRemoved()
    {
        var record = WriteRenderedRecord("{}\n", "## other\n", "1 prompt, 5 tokens, no baseline", r => r.ProjectFile = Path.Combine(_directory, "Other.csproj"));
        var (task, engine) = Create(false, record);

        Assert.True(task.Execute());

        Assert.Contains("Other.csproj", Assert.Single(engine.Warnings).Message);
        Assert.False(File.Exists(ReportJson));
    }

    [Fact]
    public void UpdateBaseline_WritesCanonicalBaselineAndSaysSo()
    {
        var (task, engine) = Create(true, WriteRecord("net10.0", ("b.txt", 12), ("a.prompty", 30)));

        Assert.True(task.Execute());

        var written = File.ReadAllText(task.BaselineFile);
        Assert.Equal(
            // Issue 31: an update records each prompt's model and cap (null: uncapped) beside its counts.
            BaselineSerializer.Write(new[] { new BaselineEntry("a.prompty", "o200k_base", "gpt-4o", null, 30, 30, 0, "sha256:9"), new BaselineEntry("b.txt", "o200k_base", "gpt-4o", null, 12, 12, 0, "sha256:5") }),
            written);
        Assert.Contains(engine.Messages, m => m.Contains("baseline promptlint.baseline.json updated with 2 prompts"));
        Assert.Empty(Directory.GetFiles(_directory, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void MonthlyBudget_OverIt_LogsPL0023AsAnError_AndTheReportLeadsWithTheMonth()
    {
        // a.prompty was accepted on gpt-4o-mini; it is measured on gpt-4o now, 30 tokens, uncapped (16,384 output tokens).
        var (task, engine) = Create(false, WriteRecord("net10.0", ("a.prompty", 30)));
        File.WriteAllText(task.BaselineFile, BaselineSerializer.Write(new[] { new BaselineEntry("a.prompty", "o200k_base", "gpt-4o-mini", null, 30, 30, 0, "sha256:9") }));
        File.WriteAllText(Path.Combine(_directory, "traffic.json"), "{ \"prompts\": [ { \"id\": \"a.prompty\", \"callsPerDay\": 100 } ] }");
        task.TrafficFile = "traffic.json";
        task.MonthlyBudget = "100";

        Assert.False(task.Execute());

        var error = Assert.Single(engine.Errors);
        Assert.Equal("PL0023", error.Code);
        // 100 × 30 × (30 × ($2.50 − $0.15) + 16,384 × ($10.00 − $0.60)) / 1M = $462.24 (rounded to the cent).
        Assert.StartsWith("The prompts' cost change adds +$462.24 a month at the assumed traffic, over the monthly budget of $100.00", error.Message);
        Assert.StartsWith("## PromptLint footprint: Demo\n\n**❌ +$462.24/month", File.ReadAllText(Path.Combine(_directory, "obj", "promptlint", "report.md")));
    }

    [Fact]
    public void TrafficFileThatCannotBeRead_WarnsWithItsLine_AndComputesNoMonth()
    {
        var (task, engine) = Create(false, WriteRecord("net10.0", ("a.prompty", 30)));
        File.WriteAllText(Path.Combine(_directory, "traffic.json"), "{\n  \"prompts\": [\n    nope\n  ]\n}\n");
        task.TrafficFile = "traffic.json";
        task.MonthlyBudget = "1";

        Assert.True(task.Execute());

        var warning = Assert.Single(engine.Warnings, w => w.Code == "PL0023");
        Assert.EndsWith("traffic.json", warning.File);
        Assert.True(warning.LineNumber > 0);
        Assert.Contains("Budget not checked: no traffic file", File.ReadAllText(Path.Combine(_directory, "obj", "promptlint", "report.md")));
    }

    [Fact]
    public void NoTrafficFileAndNoBudget_ReportsHaveNoMoneySection_AndATrafficFileLyingThereIsNotRead()
    {
        // Issue 31, "no extra cost when unused": a model swap the baseline prices (PL0022 is the analyzer's), with a
        // traffic file beside the project that no property names. Nothing is priced for the report and nothing is read.
        var (task, engine) = Create(false, WriteRecord("net10.0", ("a.prompty", 30)));
        task.HtmlReport = true;
        File.WriteAllText(task.BaselineFile, BaselineSerializer.Write(new[] { new BaselineEntry("a.prompty", "o200k_base", "gpt-4o-mini", null, 30, 30, 0, "sha256:9") }));
        File.WriteAllText(Path.Combine(_directory, "traffic.json"), "{ \"prompts\": [ { \"id\": \"a.prompty\", \"callsPerDay\": 100 } ] }");

        Assert.True(task.Execute());

        Assert.DoesNotContain(engine.Warnings, w => w.Code == "PL0023");
        Assert.DoesNotContain("\"money\"", File.ReadAllText(ReportJson));
        var markdown = File.ReadAllText(Path.Combine(_directory, "obj", "promptlint", "report.md"));
        Assert.DoesNotContain("$/call", markdown);
        Assert.DoesNotContain("/month", markdown);
        Assert.DoesNotContain("$/call", File.ReadAllText(Path.Combine(_directory, "obj", "promptlint", "report.html")));
    }

    [Fact]
    public void TrafficFileThatCannotBeRead_WithoutABudget_StillGivesTheMoneySection_SayingNoMonthWasComputed()
    {
        var (task, engine) = Create(false, WriteRecord("net10.0", ("a.prompty", 30)));
        File.WriteAllText(Path.Combine(_directory, "traffic.json"), "{\n  \"prompts\": [\n    nope\n  ]\n}\n");
        task.TrafficFile = "traffic.json";

        Assert.True(task.Execute());

        Assert.Single(engine.Warnings, w => w.Code == "PL0023");
        Assert.Contains("\"money\"", File.ReadAllText(ReportJson));
        Assert.Contains("No traffic file", File.ReadAllText(Path.Combine(_directory, "obj", "promptlint", "report.md")));
    }

    [Fact]
    public void UpdateBaseline_OverAConflictedFile_WarnsWithTheLineAndReplacesIt()
    {
        var (task, engine) = Create(true, WriteRecord("net10.0", ("a.txt", 5)));
        File.WriteAllText(task.BaselineFile, "{\n<<<<<<< HEAD\n=======\n>>>>>>> x\n}\n");

        Assert.True(task.Execute());

        var warning = Assert.Single(engine.Warnings);
        Assert.Equal("PL0100", warning.Code);
        Assert.Equal(2, warning.LineNumber);
        Assert.Contains("merge-conflict marker at line 2", warning.Message);
        Assert.True(BaselineSerializer.Parse(File.ReadAllText(task.BaselineFile)).IsUsable);
    }

    [Fact]
    public void UpdateBaseline_ThatCannotBeWritten_FailsTheBuildWithTheReason_NotAWarning()
    {
        var (task, engine) = Create(true, WriteRecord("net10.0", ("a.prompty", 30)));
        // Something that is not a writable file stands where the baseline goes (as a locked file or a read-only
        // checkout would): the update cannot happen, and root's permissions cannot make it.
        Directory.CreateDirectory(task.BaselineFile);
        File.WriteAllText(Path.Combine(task.BaselineFile, "keep.txt"), "not lost");

        Assert.False(task.Execute());

        var error = Assert.Single(engine.Errors);
        Assert.Equal("PL0103", error.Code);
        Assert.Contains("did not update the baseline: promptlint.baseline.json could not be written", error.Message);
        Assert.DoesNotContain(engine.Messages, m => m.Contains("updated with"));
        Assert.Equal("not lost", File.ReadAllText(Path.Combine(task.BaselineFile, "keep.txt")));
        Assert.Empty(Directory.GetFiles(_directory, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void NoRunRecord_WithAnUpdate_FailsAndLeavesTheCommittedBaselineAsItWas()
    {
        var missing = new TaskItem(Path.Combine(_directory, "obj", "net10.0", "promptlint.run.json"), new Dictionary<string, string> { ["TargetFramework"] = "net10.0" });
        var (task, engine) = Create(true, missing);
        const string committed = "{\n  \"schemaVersion\": 1,\n  \"prompts\": [\n    { \"id\": \"a.txt\", \"tokenizer\": \"o200k_base\", \"staticTokens\": 5, \"staticPrefixTokens\": 5, \"toolSchemaTokens\": 0, \"contentHash\": \"sha256:1\" }\n  ]\n}\n";
        File.WriteAllText(task.BaselineFile, committed);

        Assert.False(task.Execute());

        var error = Assert.Single(engine.Errors);
        Assert.Equal("PL0103", error.Code);
        Assert.Contains("the analyzer did not run in the last compile of net10.0", error.Message);
        Assert.Contains("The committed baseline is unchanged", error.Message);
        Assert.Equal(committed, File.ReadAllText(task.BaselineFile));
    }

    [Fact]
    public void NoRunRecord_WithoutAnUpdate_WarnsAndRemovesTheReportOfAnEarlierBuild()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(ReportJson)!);
        File.WriteAllText(ReportJson, "{ \"schemaVersion\": 1, \"project\": \"Demo\", \"prompts\": [] }");
        var missing = new TaskItem(Path.Combine(_directory, "obj", "net10.0", "promptlint.run.json"), new Dictionary<string, string> { ["TargetFramework"] = "net10.0" });
        var (task, engine) = Create(false, missing);

        Assert.True(task.Execute());

        Assert.Equal("PL0103", Assert.Single(engine.Warnings).Code);
        Assert.False(File.Exists(ReportJson));
    }

    [Fact]
    public void TruncatedRunRecord_IsAWarningNotAStackTrace()
    {
        var record = WriteRecord("net10.0", ("a.txt", 5));
        File.WriteAllText(record.ItemSpec, File.ReadAllText(record.ItemSpec)[..40]);
        var (task, engine) = Create(false, record);

        Assert.True(task.Execute());

        var warning = Assert.Single(engine.Warnings);
        Assert.Equal("PL0103", warning.Code);
        Assert.Contains("not valid JSON", warning.Message);
    }

    [Fact]
    public void RunRecordOfAnotherProject_IsRefused()
    {
        var record = WriteRecord("net10.0", r => r.ProjectFile = Path.Combine(_directory, "Other", "Other.csproj"), ("other.txt", 5));
        var (task, engine) = Create(true, record);

        Assert.False(task.Execute());

        Assert.Contains("Other.csproj, not this project", Assert.Single(engine.Errors).Message);
        Assert.False(File.Exists(task.BaselineFile));
    }

    [Fact]
    public void RunRecordOfAnotherPromptLintVersion_IsRefused()
    {
        var (task, engine) = Create(false, WriteRecord("net10.0", r => r.PromptLintVersion = "0.0.1-old", ("a.txt", 5)));

        Assert.True(task.Execute());

        Assert.Contains("written by PromptLint 0.0.1-old", Assert.Single(engine.Warnings).Message);
    }

    [Fact]
    public void RunRecordOlderThanASource_IsRefusedAsStale()
    {
        var record = WriteRecord("net10.0", ("a.txt", 5));
        File.SetLastWriteTimeUtc(record.ItemSpec, DateTime.UtcNow.AddMinutes(-5));
        var source = Path.Combine(_directory, "Program.cs");
        File.WriteAllText(source, "class P { }");
        var (task, engine) = Create(true, record);
        task.CompileInputs = new ITaskItem[] { new TaskItem(source) };

        Assert.False(task.Execute());

        Assert.Contains("its run record is older than " + source, Assert.Single(engine.Errors).Message);
        Assert.False(File.Exists(task.BaselineFile));
    }

    [Theory]
    [InlineData("VB")]
    [InlineData("F#")]
    public void NotACSharpProject_AnUpdateFailsWithTheReason_AndAPlainBuildSaysSoOnce(string language)
    {
        var (update, updateEngine) = Create(true);
        update.Language = language;
        File.WriteAllText(update.BaselineFile, "committed\n");

        Assert.False(update.Execute());

        Assert.Contains($"is a {language} project, and PromptLint's analyzer runs in the C# compiler only", Assert.Single(updateEngine.Errors).Message);
        Assert.Equal("committed\n", File.ReadAllText(update.BaselineFile));

        var (plain, plainEngine) = Create(false);
        plain.Language = language;
        Assert.True(plain.Execute());
        Assert.Empty(plainEngine.Warnings);
        Assert.Single(plainEngine.Messages, m => m.Contains("wrote no report") && m.Contains("C# compiler only"));
    }

    [Fact]
    public void AnalyzersOff_AnUpdateFailsAndTheBaselineIsUntouched()
    {
        var (task, engine) = Create(true, WriteRecord("net10.0", ("a.txt", 5)));
        task.AnalyzersRun = false;

        Assert.False(task.Execute());

        Assert.Contains("runs no analyzers", Assert.Single(engine.Errors).Message);
        Assert.False(File.Exists(task.BaselineFile));
    }

    [Fact]
    public void MultiTargeted_TheBaselineIsTheUnionOfEveryFramework_AndTheLargestMeasurementWins()
    {
        var net10 = WriteRecord("net10.0", ("shared.txt", 10), ("Demo.Modern", 40));
        var net48 = WriteRecord("net48", ("shared.txt", 12), ("Demo.Legacy", 7));
        var (task, _) = Create(true, net10, net48);

        Assert.True(task.Execute());

        var baseline = BaselineSerializer.Parse(File.ReadAllText(task.BaselineFile));
        Assert.Equal(new[] { "Demo.Legacy", "Demo.Modern", "shared.txt" }, baseline.Entries.Keys.OrderBy(k => k, StringComparer.Ordinal));
        Assert.Equal(12, baseline.Entries["shared.txt"].StaticTokens);
    }

    [Fact]
    public void MultiTargeted_AFrameworkWhoseAnalyzerDidNotRun_RefusesTheUpdate()
    {
        var net10 = WriteRecord("net10.0", ("shared.txt", 10));
        var missing = new TaskItem(Path.Combine(_directory, "obj", "net48", "promptlint.run.json"), new Dictionary<string, string> { ["TargetFramework"] = "net48" });
        var (task, engine) = Create(true, net10, missing);

        Assert.False(task.Execute());

        Assert.Contains("last compile of net48", Assert.Single(engine.Errors).Message);
        Assert.False(File.Exists(task.BaselineFile));
    }

    [Fact]
    public void StepSummary_GetsEachReportOncePerStep()
    {
        var summary = Path.Combine(_directory, "summary.md");
        var previous = Environment.GetEnvironmentVariable("GITHUB_STEP_SUMMARY");
        Environment.SetEnvironmentVariable("GITHUB_STEP_SUMMARY", summary);
        try
        {
            var record = WriteRecord("net10.0", ("a.txt", 5));
            Assert.True(Create(false, record).Task.Execute());
            Assert.True(Create(false, record).Task.Execute());
            var once = File.ReadAllText(summary);
            Assert.Single(System.Text.RegularExpressions.Regex.Matches(once, "## PromptLint footprint: Demo"));

            Assert.True(Create(false, WriteRecord("net10.0", ("a.txt", 9))).Task.Execute());
            Assert.Equal(2, System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(summary), "## PromptLint footprint: Demo").Count);
        }
        finally
        {
            Environment.SetEnvironmentVariable("GITHUB_STEP_SUMMARY", previous);
        }
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
