using System.Text.Json;
using System.Text.RegularExpressions;

using PromptLint.Contracts.Reporting;
using PromptLint.Reporting;

namespace PromptLint.Cli.Tests;

/// <summary>'promptlint check' as a user runs it: formats, exit codes, settings, standard input.</summary>
public sealed class CheckCommandTests
{
    [Fact]
    public void Pretty_ListsEachFindingAtFileLineAndColumn_WithItsSaving()
    {
        using var f = new Fixture(Fixture.Helpdesk);
        var (exit, output, error) = f.Run("check");
        Assert.Equal(0, exit);
        Assert.Contains("Prompts/order-status.md:11:1: info PL0012: Prompt 'Prompts/order-status.md' has 1 pretty-printed JSON block", output);
        Assert.Contains("(saves 13 tokens per call)", output);
        Assert.Contains("Prompts/refund-policy.md:1:1: warning PL0002:", output);
        Assert.Matches(@"promptlint: 8 files, 8 prompts, [\d,]+ tokens; 0 errors, 2 warnings, 4 info", error);
        var lines = output.TrimEnd('\n').Split('\n');
        Assert.All(lines, line => Assert.Matches(@"^[^:]+:\d+:\d+: (error|warning|info) PL\d{4}: ", line));
    }

    [Fact]
    public void Json_IsTheReportJsonSchema_WithTheBaselineCounts()
    {
        using var f = new Fixture(Fixture.Helpdesk);
        var (exit, output, _) = f.Run("check", "--format", "json");
        Assert.Equal(0, exit);
        var report = ReportJsonReader.Read(output);
        Assert.Equal("Contoso.Helpdesk", report.Project);
        Assert.Equal(8, report.Prompts.Count);
        var answer = report.Prompts.Single(p => p.Id == "Prompts/answer.prompty");
        Assert.Equal(49, answer.StaticTokens);
        Assert.Equal(49, answer.BaselineStaticTokens);
        Assert.Equal(0, answer.Delta);
        Assert.Contains(report.Diagnostics, d => d.Id == "PL0012" && d.File == "Prompts/order-status.md" && d.Line == 11 && d.TokensSaved == 13);
    }

    [Fact]
    public void Markdown_IsTheReportTheBuildWrites()
    {
        using var f = new Fixture(Fixture.Helpdesk);
        var (exit, output, _) = f.Run("check", "--format", "markdown");
        Assert.Equal(0, exit);
        var run = f.Analyze();
        var project = Assert.Single(run.Projects);
        Assert.Equal(ReportFiles.Render(project.Report(), project.Baseline, PromptLint.Contracts.Pricing.ModelCatalog.Shipped, 5, html: false).Markdown, output);
        Assert.StartsWith("## PromptLint footprint", output);
    }

    [Fact]
    public void GitHub_WorkflowCommands_ParseBackToTheFindings()
    {
        using var f = Fixture.Rich();
        var (_, output, _) = f.Run("check", "--format", "github");
        var findings = f.Findings();
        var commands = output.TrimEnd('\n').Split('\n');
        Assert.Equal(findings.Count, commands.Length);
        var pattern = new Regex(@"^::(?<command>error|warning|notice) (?<properties>[^:]*)::(?<message>.*)$");
        for (var i = 0; i < commands.Length; i++)
        {
            var match = pattern.Match(commands[i]);
            Assert.True(match.Success, commands[i]);
            var properties = match.Groups["properties"].Value.Split(',').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => Unescape(p[1]));
            var expected = findings[i];
            Assert.Equal(expected.Severity switch { "error" => "error", "warning" => "warning", _ => "notice" }, match.Groups["command"].Value);
            Assert.StartsWith(expected.RuleId + " ", properties["title"]);
            Assert.StartsWith(expected.Message, Unescape(match.Groups["message"].Value));
            if (expected.HasLocation)
            {
                Assert.Equal(expected.DisplayPath, properties["file"]);
                Assert.Equal(expected.Line.ToString(), properties["line"]);
                Assert.Equal(expected.Column.ToString(), properties["col"]);
            }
        }

        static string Unescape(string value) => value.Replace("%2C", ",").Replace("%3A", ":").Replace("%0A", "\n").Replace("%0D", "\r").Replace("%25", "%");
    }

    [Fact]
    public void GitHub_EscapesWhatWouldEndACommand()
    {
        Assert.Equal("a%25b%0Ac%0Dd", Check.CheckOutput.Data("a%b\nc\rd"));
        Assert.Equal("x%3Ay%2Cz", Check.CheckOutput.Property("x:y,z"));
    }

    /// <summary>
    /// The SARIF 2.1.0 log has what the schema requires (OASIS sarif-schema-2.1.0.json): version "2.1.0" and runs; each
    /// run a tool with a driver with a name; each result a message with text; each rule an id; regions with 1-based
    /// lines; levels from the schema's enum; and no property the schema does not define where it forbids others. The
    /// schema file itself is not committed: it was validated against with a schema validator when this was written.
    /// </summary>
    [Fact]
    public void Sarif_HasEveryPropertyTheSchemaRequires()
    {
        using var f = Fixture.Rich();
        var (exit, output, _) = f.Run("check", "--format", "sarif");
        Assert.Equal(1, exit); // the fixture has a PL0001 error
        using var document = JsonDocument.Parse(output);
        var root = document.RootElement;
        Assert.Equal("2.1.0", root.GetProperty("version").GetString());
        Assert.Subset(new HashSet<string> { "$schema", "version", "runs", "inlineExternalProperties", "properties" }, root.EnumerateObject().Select(p => p.Name).ToHashSet());
        var run = Assert.Single(root.GetProperty("runs").EnumerateArray().ToList());
        var driver = run.GetProperty("tool").GetProperty("driver");
        Assert.Equal("PromptLint", driver.GetProperty("name").GetString());
        var rules = driver.GetProperty("rules").EnumerateArray().ToList();
        Assert.All(rules, r =>
        {
            Assert.Matches("^PL\\d{4}$", r.GetProperty("id").GetString());
            Assert.False(string.IsNullOrEmpty(r.GetProperty("shortDescription").GetProperty("text").GetString()));
            Assert.Contains(r.GetProperty("defaultConfiguration").GetProperty("level").GetString(), new[] { "none", "note", "warning", "error" });
            Assert.StartsWith("https://", r.GetProperty("helpUri").GetString());
        });
        var results = run.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(f.Findings().Count, results.Count);
        Assert.All(results, r =>
        {
            var id = r.GetProperty("ruleId").GetString();
            Assert.Equal(id, rules[r.GetProperty("ruleIndex").GetInt32()].GetProperty("id").GetString());
            Assert.Contains(r.GetProperty("level").GetString(), new[] { "none", "note", "warning", "error" });
            Assert.False(string.IsNullOrEmpty(r.GetProperty("message").GetProperty("text").GetString()));
            if (r.TryGetProperty("locations", out var locations))
            {
                var physical = Assert.Single(locations.EnumerateArray().ToList()).GetProperty("physicalLocation");
                var uri = physical.GetProperty("artifactLocation").GetProperty("uri").GetString()!;
                Assert.True(Uri.IsWellFormedUriString(uri, UriKind.Relative), uri);
                var region = physical.GetProperty("region");
                Assert.True(region.GetProperty("startLine").GetInt32() >= 1);
                Assert.True(region.GetProperty("startColumn").GetInt32() >= 1);
                if (region.TryGetProperty("endColumn", out var end))
                {
                    Assert.True(end.GetInt32() > region.GetProperty("startColumn").GetInt32());
                }
            }
        });
        Assert.Contains(results, r => r.GetProperty("ruleId").GetString() == "PL0012" && r.GetProperty("properties").GetProperty("tokensSaved").GetInt32() > 0);
    }

    [Fact]
    public void ExitCodes_ZeroClean_OneOnErrorsOrTooManyWarnings_TwoOnBadInput()
    {
        using var f = new Fixture();
        f.Write("Prompts/clean.md", "You answer questions about Contoso orders in one sentence.\n");
        Assert.Equal(0, f.Run("check").Exit);

        f.Write("Prompts/spaces.md", "You answer questions about Contoso orders.   \n\n\n\nBe brief.\t \n");
        Assert.Equal(0, f.Run("check").Exit); // PL0011 is info
        Assert.Equal(1, f.Run("check", "--severity", "PL0011=error").Exit);
        Assert.Equal(0, f.Run("check", "--severity", "PL0011=warning", "--max-warnings", "1").Exit);
        Assert.Equal(1, f.Run("check", "--severity", "PL0011=warning", "--max-warnings", "0").Exit);
        Assert.Equal(0, f.Run("check", "--severity", "PL0011=none", "--max-warnings", "0").Exit);
        Assert.Equal(1, f.Run("check", "--severity", "PL0011=error", "Prompts").Exit); // a path after the option is a path
        Assert.Equal(1, f.Run("check", "--severity", "PL0010=none,PL0011=error", "--severity", "PL0012=none").Exit);

        Assert.Equal(2, f.Run("check", "missing-folder").Exit);
        Assert.Equal(2, f.Run("check", "--format", "xml").Exit);
        Assert.Equal(2, f.Run("check", "--severity", "PL0011=loud").Exit);
        Assert.Equal(2, f.Run("check", "--severity", "XX0001=error").Exit);
        Assert.Equal(2, f.Run("check", "--no-such-option").Exit);
        Assert.Equal(2, f.Run("check", "--dry-run").Exit);
        Assert.Equal(2, f.Run("check", "-", "--kind", "yaml-ish").Exit);
    }

    [Theory]
    [InlineData("--severity", "PL0011=loud", "--severity 'PL0011=loud' is not ID=LEVEL")]
    [InlineData("--kind", "yaml-ish", "--kind 'yaml-ish' is not one of")]
    [InlineData("--dry-run", null, "--dry-run goes with --fix")]
    public void BadOptionValues_AreUsageErrorsOfTheCommandLine_BeforeAnyFileIsRead(string option, string? value, string message)
    {
        using var f = new Fixture();
        f.Write("Prompts/spaces.md", "You answer questions about Contoso orders.   \n\n\n\nBe brief.\t \n");

        var (exit, output, error) = value is null ? f.Run("check", option) : f.Run("check", option, value);

        Assert.Equal(2, exit);
        Assert.Empty(output);
        Assert.Contains("promptlint: " + message, error);
        Assert.Contains("Run 'promptlint --help' for usage.", error); // the parser's validators said it, not the runner
    }

    [Fact]
    public void Severities_ComeFromTheGlobalConfig_NotFromEditorConfigSections_AsInTheBuild()
    {
        using var f = new Fixture();
        f.Write("Prompts/spaces.md", "You answer questions about Contoso orders.   \n\n\n\nBe brief.\t \n");
        // The compiler applies .editorconfig severities to C# files only: this line does not reach a prompt file.
        f.Write(".editorconfig", "root = true\n[*]\ndotnet_diagnostic.PL0011.severity = error\n");
        Assert.Equal("info", f.Findings().Single(x => x.RuleId == "PL0011").Severity);

        f.Write(".globalconfig", "is_global = true\ndotnet_diagnostic.PL0011.severity = error\n");
        Assert.Equal("error", f.Findings().Single(x => x.RuleId == "PL0011").Severity);
        Assert.Equal(1, f.Run("check").Exit);

        f.Write(".globalconfig", "is_global = true\ndotnet_diagnostic.PL0011.severity = none\n");
        Assert.DoesNotContain(f.Findings(), x => x.RuleId == "PL0011");

        // --severity wins over the configuration, like the command line's NoWarn/WarningsAsErrors.
        var (exit, output, _) = f.Run("check", "--severity", "PL0011=warning");
        Assert.Equal(0, exit);
        Assert.Contains("warning PL0011", output);
    }

    [Fact]
    public void StandardInput_WithKind_IsCheckedLikeAFile()
    {
        using var f = new Fixture();
        var prompty = "---\nname: Triage\nmodel:\n  api: chat\n  configuration:\n    type: openai\n    name: gpt-4o-mini\n---\nsystem:\nYou are a support triage assistant.   \n\n\n\nuser:\n{{ticket}}\n";
        var (exit, output, _) = f.RunWithInput(prompty, "check", "-", "--kind", "prompty");
        Assert.Equal(0, exit);
        Assert.Contains("<stdin>:", output);
        Assert.Contains("PL0003", output);

        var (_, named, _) = f.RunWithInput("Be brief.   \n\n\n\nReally.\n", "check", "-", "--stdin-filename", "Prompts/x.md");
        Assert.Contains("Prompts/x.md:1:10: info PL0011", named);
        Assert.Equal(2, f.RunWithInput("x", "check", "-", "other.md").Exit);
    }

    [Fact]
    public void NamedFiles_AndGlobs_AreReadWhateverTheDefaultGlobs()
    {
        using var f = new Fixture();
        f.Write("agents/system.txt", "You are an agent.   \n\n\n\nBe brief.\n");
        Assert.Equal(0, f.Analyze().Files); // not under Prompts/: the build's globs leave it out
        Assert.Single(f.Findings("agents/system.txt"), x => x.RuleId == "PL0011");
        Assert.Single(f.Findings("agents/*.txt"), x => x.RuleId == "PL0011");
        Assert.Equal(2, f.Run("check", "agents/*.md").Exit);
    }

    [Fact]
    public void ModelData_IsRead_AndItsProblemsAreFindings()
    {
        using var f = new Fixture(Fixture.Helpdesk);
        f.Write("models.json", "{ \"models\": [], \"cacheRules\": [] }");
        var (exit, output, _) = f.Run("check", "--model-data", "models.json");
        Assert.Equal(0, exit);
        Assert.DoesNotContain("PL0101", output);

        f.Write("bad-models.json", "{ not json");
        var (_, bad, _) = f.Run("check", "--model-data", "bad-models.json");
        Assert.Contains("bad-models.json:1:1: warning PL0101: Prompt file 'bad-models.json' has a problem", bad);
        Assert.Equal(2, f.Run("check", "--model-data", "missing.json").Exit);
    }
}
