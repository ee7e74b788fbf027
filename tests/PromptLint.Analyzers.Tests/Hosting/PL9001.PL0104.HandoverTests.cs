using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using ReportBuilder = PromptLint.Contracts.Reporting.ReportBuilder;
using ReportFiles = PromptLint.Reporting.ReportFiles;

using PromptLint.Contracts.Handover;

namespace PromptLint.Analyzers.Tests.Hosting;

/// <summary>
/// The run record a command-line build hands to the MSBuild task: written only when the build passes the
/// 'promptlint-handover' feature (never in the IDE), naming project, target framework and version, and listing each
/// finding at the severity the build gives it.
/// </summary>
public sealed class HandoverTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("promptlint-handover-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private const string Source = """
        using System;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        namespace Shop;

        public sealed class Bot(IChatClient client)
        {
            public Task<ChatResponse> Ask(string q) => client.GetResponseAsync("Answer briefly, please note that we ship worldwide: " + q);

        #pragma warning disable PL0003
            public Task<ChatResponse> Quiet(string q) => client.GetResponseAsync("Summarize: " + q);
        #pragma warning restore PL0003
        }
        """;

    private Dictionary<string, string> Properties(string record) => new()
    {
        ["PromptLintProjectDirectory"] = "/proj",
        ["PromptLintProjectFile"] = "/proj/Shop.csproj",
        ["PromptLintTargetFramework"] = "net10.0",
        ["PromptLintRunRecord"] = record,
    };

    [Fact]
    public async Task CommandLineBuild_WritesTheRunRecord_WithEachFindingAtTheSeverityTheBuildShows()
    {
        var record = Path.Combine(_directory, "obj", "promptlint.run.json");
        var compilation = AnalyzerHarness.Compile(new[] { ("/proj/Bot.cs", Source) }, new[] { "promptlint-handover" });

        await AnalyzerHarness.AnalyzeAsync(compilation, Properties(record), new[] { ("/proj/Prompts/a.txt", "You are Contoso's agent.\n\n{{question}}\n", "auto") });

        var written = RunRecordJson.Read(File.ReadAllText(record));
        Assert.Equal("/proj/Shop.csproj", written.ProjectFile);
        Assert.Equal("net10.0", written.TargetFramework);
        Assert.False(string.IsNullOrEmpty(written.PromptLintVersion));
        Assert.True(written.AnalyzedCode);
        Assert.Equal(1, written.PromptFiles);
        Assert.Equal(new[] { "Prompts/a.txt", "Shop.Bot.Ask#1", "Shop.Bot.Quiet#1" }, written.Prompts.Select(p => p.Id));

        // Info findings are listed (the build filters them from its output, the report shows their savings) ...
        Assert.Contains(written.Diagnostics, d => d.Id == "PL0013" && d.Severity == "info" && d.PromptId == "Shop.Bot.Ask#1" && d.TokensSaved > 0);

        // ... warnings at their line, and nothing the source suppressed.
        var caps = written.Diagnostics.Where(d => d.Id == "PL0003").ToList();
        Assert.Contains(caps, d => d.PromptId == "Shop.Bot.Ask#1" && d.Severity == "warning" && d.File == "Bot.cs" && d.Line == 9);
        Assert.DoesNotContain(caps, d => d.PromptId == "Shop.Bot.Quiet#1");
    }

    [Fact]
    public async Task TimedBuild_RecordsEachRulesAndFrontEndsTime_BesideThePhases()
    {
        // Issue 30: per-rule time in the build's timings, as PROMPTLINT_TIMINGS gives it in the CLI. A text of its own so
        // no other test's remembered findings (RuleResultCache) skip the rules here.
        var record = Path.Combine(_directory, "obj", "promptlint.run.json");
        var compilation = AnalyzerHarness.Compile(new[] { ("/proj/Bot.cs", Source) }, new[] { "promptlint-handover" });
        var properties = Properties(record);
        properties["PromptLintTimings"] = "true";

        await AnalyzerHarness.AnalyzeAsync(compilation, properties, new[] { ("/proj/Prompts/a.txt", "You are Contoso's agent for order " + Guid.NewGuid().ToString("N") + ".\n\n{{question}}\n", "auto") });

        var timings = RunRecordJson.Read(File.ReadAllText(record)).Timings;
        Assert.Contains("rules", timings.Keys);
        Assert.Contains(timings.Keys, k => k.StartsWith("rule.PL", StringComparison.Ordinal));
        Assert.Contains(timings.Keys, k => k.StartsWith("frontEnd.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AssemblyLevelSuppressions_KeepFindingsOutOfTheRecord_AsTheBuildKeepsThemOutOfItsOutput()
    {
        // What Visual Studio's "Suppress in Suppression File" writes: a module-wide id, and an id for one member.
        const string suppressions = """
            using System.Diagnostics.CodeAnalysis;

            [assembly: SuppressMessage("Cost", "PL0013:Filler", Justification = "house style")]
            [assembly: SuppressMessage("Cost", "PL0003:No output cap", Scope = "member", Target = "~M:Shop.Bot.Ask(System.String)~System.Threading.Tasks.Task{Microsoft.Extensions.AI.ChatResponse}")]
            [assembly: SuppressMessage("Cost", "PL0011", Scope = "type", Target = "~T:Shop.Elsewhere")]
            """;
        var source = Source.Replace("#pragma warning disable PL0003", string.Empty).Replace("#pragma warning restore PL0003", string.Empty);
        var record = Path.Combine(_directory, "obj", "promptlint.run.json");
        var compilation = AnalyzerHarness.Compile(new[] { ("/proj/Bot.cs", source), ("/proj/GlobalSuppressions.cs", suppressions) }, new[] { "promptlint-handover" });

        await AnalyzerHarness.AnalyzeAsync(compilation, Properties(record), new[] { ("/proj/Prompts/a.txt", "Please note that you are Contoso's agent.\n\n{{question}}\n", "auto") });

        var written = RunRecordJson.Read(File.ReadAllText(record));
        Assert.DoesNotContain(written.Diagnostics, d => d.Id == "PL0013");
        var caps = written.Diagnostics.Where(d => d.Id == "PL0003").Select(d => d.PromptId).ToList();
        Assert.DoesNotContain("Shop.Bot.Ask#1", caps);
        Assert.Contains("Shop.Bot.Quiet#1", caps);
    }

    [Fact]
    public async Task SingleTargetBuild_RendersTheReportsInTheCompiler_AsTheTaskWouldFromTheRecord()
    {
        var record = Path.Combine(_directory, "obj", "promptlint.run.json");
        var reports = Path.Combine(_directory, "obj", "promptlint");
        var properties = Properties(record);
        properties["PromptLintRenderReports"] = reports;
        var compilation = AnalyzerHarness.Compile(new[] { ("/proj/Bot.cs", Source) }, new[] { "promptlint-handover" });

        await AnalyzerHarness.AnalyzeAsync(compilation, properties, new[] { ("/proj/Prompts/a.txt", "You are Contoso's agent.\n\n{{question}}\n", "auto") });

        var written = RunRecordJson.Read(File.ReadAllText(record));
        Assert.Equal(new[] { Path.Combine(reports, "report.json"), Path.Combine(reports, "report.md") }, written.Reports);
        Assert.Equal("3 prompts, " + written.Prompts.Sum(p => p.StaticTokens).ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + " tokens, no baseline", written.Summary);

        // The same files the task renders from the record when it has to (multi-targeting, a baseline update).
        var fromRecord = ReportFiles.Render(ReportBuilder.Build("Shop", written.Prompts, written.Diagnostics), null, PromptLint.Contracts.Pricing.ModelCatalog.Shipped, 5, html: false);
        Assert.Equal(fromRecord.Json, File.ReadAllText(written.Reports[0]));
        Assert.Equal(fromRecord.Markdown, File.ReadAllText(written.Reports[1]));
    }

    [Fact]
    public async Task OptInMeasurementDiagnostics_AreNotRepeatedAmongTheRecordsFindings()
    {
        var record = Path.Combine(_directory, "obj", "promptlint.run.json");
        var properties = Properties(record);
        properties["PromptLintEmitMeasurements"] = "true";
        var compilation = AnalyzerHarness.Compile(new[] { ("/proj/Bot.cs", Source) }, new[] { "promptlint-handover" });

        var diagnostics = await AnalyzerHarness.AnalyzeAsync(compilation, properties);

        Assert.Contains(diagnostics, d => d.Id == "PL9000");
        var written = RunRecordJson.Read(File.ReadAllText(record));
        Assert.Equal(2, written.Prompts.Count);
        Assert.DoesNotContain(written.Diagnostics, d => d.Id == "PL9000");
    }

    [Fact]
    public async Task ARuleTheBuildSwitchesOff_IsNotEvaluated()
    {
        // A fresh prompt text: the rules' results are remembered per process, and a remembered result evaluates nothing.
        var source = Source.Replace("Summarize: ", "Summarize " + Guid.NewGuid().ToString("N")[..8] + ": ");
        var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary)
            .WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic> { ["PL0013"] = ReportDiagnostic.Suppress });
        var compilation = AnalyzerHarness.Compile(new[] { ("/proj/Bot.cs", source) }, options: options);
        var evaluated = new System.Collections.Concurrent.ConcurrentBag<string>();
        PromptLint.Core.Engine.RuleTestHooks.Evaluating.Value = evaluated.Add;
        try
        {
            await AnalyzerHarness.AnalyzeAsync(compilation, Properties(Path.Combine(_directory, "promptlint.run.json")));
        }
        finally
        {
            PromptLint.Core.Engine.RuleTestHooks.Evaluating.Value = null;
        }

        Assert.Contains("PL0003", evaluated);
        Assert.DoesNotContain("PL0013", evaluated);
    }

    [Fact]
    public async Task WithoutTheHandoverFeature_NoReportIsRendered()
    {
        var record = Path.Combine(_directory, "obj", "promptlint.run.json");
        var properties = Properties(record);
        properties["PromptLintRenderReports"] = Path.Combine(_directory, "obj", "promptlint");
        var compilation = AnalyzerHarness.Compile(new[] { ("/proj/Bot.cs", Source) });

        await AnalyzerHarness.AnalyzeAsync(compilation, properties);

        Assert.False(Directory.Exists(Path.Combine(_directory, "obj")));
    }

    [Fact]
    public async Task WarningsAsErrors_AndRulesSwitchedOff_AreListedAsTheBuildReportsThem()
    {
        var record = Path.Combine(_directory, "promptlint.run.json");
        var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, generalDiagnosticOption: ReportDiagnostic.Error)
            .WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic> { ["PL0013"] = ReportDiagnostic.Suppress });
        var compilation = AnalyzerHarness.Compile(new[] { ("/proj/Bot.cs", Source) }, new[] { "promptlint-handover" }, options);

        await AnalyzerHarness.AnalyzeAsync(compilation, Properties(record));

        var written = RunRecordJson.Read(File.ReadAllText(record));
        Assert.Contains(written.Diagnostics, d => d.Id == "PL0003" && d.Severity == "error");
        Assert.DoesNotContain(written.Diagnostics, d => d.Id == "PL0013");
    }

    [Fact]
    public async Task WithoutTheFeature_AsInTheIde_NothingIsWritten()
    {
        var record = Path.Combine(_directory, "promptlint.run.json");
        var compilation = AnalyzerHarness.Compile(new[] { ("/proj/Bot.cs", Source) });

        var diagnostics = await AnalyzerHarness.AnalyzeAsync(compilation, Properties(record));

        Assert.Contains(diagnostics, d => d.Id == "PL0003");
        Assert.False(File.Exists(record));
    }

    [Fact]
    public async Task AFailureOnOnePrompt_IsPL0104NamingIt_AndTheOthersAreStillMeasured()
    {
        var record = Path.Combine(_directory, "promptlint.run.json");
        var compilation = AnalyzerHarness.Compile(new[] { ("/proj/Bot.cs", Source) }, new[] { "promptlint-handover" });
        PromptLint.Analyzers.Hosting.AnalyzerTestHooks.BeforeTemplate = id =>
        {
            if (id is "Shop.Bot.Ask#1" or "Prompts/b.txt")
            {
                throw new InvalidOperationException("boom in " + id);
            }
        };

        var diagnostics = await AnalyzerHarness.AnalyzeAsync(
            compilation,
            Properties(record),
            new[] { ("/proj/Prompts/a.txt", "You are Contoso's agent.\n", "auto"), ("/proj/Prompts/b.txt", "You are Fabrikam's agent.\n", "auto") });

        var failures = diagnostics.Where(d => d.Id == "PL0104").Select(d => d.GetMessage()).OrderBy(m => m, StringComparer.Ordinal).ToList();
        Assert.Equal(2, failures.Count);
        Assert.StartsWith("PromptLint could not analyze prompt 'Prompts/b.txt': InvalidOperationException: boom in Prompts/b.txt.", failures[0]);
        Assert.StartsWith("PromptLint could not analyze prompt 'Shop.Bot.Ask#1': InvalidOperationException: boom in Shop.Bot.Ask#1.", failures[1]);
        var written = RunRecordJson.Read(File.ReadAllText(record));
        Assert.Equal(new[] { "Prompts/a.txt", "Shop.Bot.Quiet#1" }, written.Prompts.Select(p => p.Id));
        Assert.Equal(2, written.Diagnostics.Count(d => d.Id == "PL0104" && d.Severity == "warning"));
    }
}
