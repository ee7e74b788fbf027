namespace PromptLint.Cli.Tests;

/// <summary>
/// 'promptlint check' reports what the build reports for the same prompt files: the same rules, files, lines, columns,
/// messages, savings and severities. The build's side is PromptLint's analyzer, run on the files as the build hands
/// them over (<see cref="AnalyzerRun"/>).
/// </summary>
public sealed class BuildParityTests
{
    [Fact]
    public void Helpdesk_SameFindingsAsTheAnalyzer()
    {
        using var f = new Fixture(Fixture.Helpdesk);
        AssertSameAsAnalyzer(f);
    }

    [Fact]
    public void EveryFormatAndTheGate_SameFindingsAsTheAnalyzer()
    {
        using var f = Fixture.Rich();
        var findings = AssertSameAsAnalyzer(f);

        // The fixture trips the static-text rules, the cap rule, the gate in both directions, a malformed file and an unknown model.
        foreach (var id in new[] { "PL0001", "PL0002", "PL0003", "PL0010", "PL0011", "PL0012", "PL0013", "PL0101", "PL0102" })
        {
            Assert.Contains(findings, x => x.RuleId == id);
        }

        Assert.Contains(findings, x => x.RuleId == "PL0002" && x.Severity == "info" && x.Message.Contains("Prompts/gone.md", StringComparison.Ordinal));
        Assert.DoesNotContain(findings, x => x.Message.Contains("Support.Prompts.System", StringComparison.Ordinal)); // a C# prompt's entry is the build's to judge
    }

    [Fact]
    public void EditorConfigKeys_ReachPromptFilesAsInTheBuild()
    {
        using var f = Fixture.Rich();
        f.Write("Prompts/.editorconfig", "[*.md]\npromptlint.whitespace_min_tokens = 400\npromptlint.filler_phrases = it is important to note that\n");
        var findings = AssertSameAsAnalyzer(f, f.Path_(".editorconfig"), f.Path_("Prompts/.editorconfig"));
        Assert.DoesNotContain(findings, x => x.RuleId == "PL0011" && x.DisplayPath == "Prompts/verbose.md");
        Assert.Single(findings, x => x.RuleId == "PL0013");
    }

    private static IReadOnlyList<Check.CheckedFinding> AssertSameAsAnalyzer(Fixture f, params string[] configFiles)
    {
        var run = f.Analyze();
        var files = run.Projects.SelectMany(p => p.Checks).Select(c => c.Check.Path).ToList();
        Assert.NotEmpty(files);
        var configs = configFiles.Length > 0 ? configFiles : Directory.GetFiles(f.Directory, ".editorconfig", SearchOption.AllDirectories);
        var expected = AnalyzerRun.Findings(f.Directory, files, configs)
            .Where(d => d.Id != "PL9001")
            // The harness compiles no C# prompt, so the baseline entry of one is an orphan to it; a real build measures
            // it, and 'promptlint check' leaves prompts in code to the build.
            .Where(d => !d.Message.Contains("'Support.Prompts.System'", StringComparison.Ordinal))
            .Select(d => $"{d.Severity} {d.Id} {d.File}:{d.Line}:{d.Column} saves={d.TokensSaved} {d.Message}")
            .ToList();
        var actual = run.Findings
            .Select(x => $"{x.Severity} {x.RuleId} {x.ProjectPath}:{x.Line}:{x.Column} saves={x.TokensSaved} {x.Message}")
            .ToList();
        Assert.Equal(expected.OrderBy(x => x, StringComparer.Ordinal), actual.OrderBy(x => x, StringComparer.Ordinal));
        return run.Findings;
    }
}
