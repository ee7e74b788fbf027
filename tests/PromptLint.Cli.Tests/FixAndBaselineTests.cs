
namespace PromptLint.Cli.Tests;

/// <summary>--fix, --fix --dry-run, --update-baseline and init.</summary>
public sealed class FixAndBaselineTests
{
    /// <summary>
    /// After --fix a second check finds none of the fixed findings, and each prompt's count dropped by exactly the
    /// savings its fixed findings promised.
    /// </summary>
    [Fact]
    public void Fix_RoundTrips_CountsDropByThePromisedSavings()
    {
        using var f = Fixture.Rich();
        var before = f.Analyze();
        var fixable = before.Findings.Where(x => x.RuleId is "PL0003" or "PL0010" or "PL0011" or "PL0012").ToList();
        Assert.Contains(fixable, x => x.RuleId == "PL0003");
        Assert.Contains(fixable, x => x.RuleId == "PL0012");
        var tokensBefore = before.Projects.Single().Prompts.ToDictionary(p => p.Id, p => p.StaticTokens);

        var (exit, _, error) = f.Run("check", "--fix");
        Assert.Contains("promptlint: fixed ", error);
        Assert.Equal(1, exit); // the PL0001 regression is not a fix's to make

        var after = f.Analyze();
        foreach (var finding in fixable)
        {
            Assert.DoesNotContain(after.Findings, x => x.RuleId == finding.RuleId && x.DisplayPath == finding.DisplayPath);
        }

        foreach (var prompt in after.Projects.Single().Prompts)
        {
            var promised = fixable.Where(x => x.PromptId == prompt.Id).Sum(x => x.TokensSaved ?? 0);
            Assert.Equal(tokensBefore[prompt.Id] - promised, prompt.StaticTokens);
        }

        Assert.Contains("max_tokens: 512", f.Read("triage.prompty")); // promptlint.default_max_output_tokens for *.prompty
        Assert.Contains("Don't guess - ask", f.Read("Prompts/verbose.md"));
        Assert.Contains("{\"order\":\"10023\",\"status\":\"open\",\"priority\":\"high\"}", f.Read("Prompts/verbose.md"));
        Assert.Equal("Not a prompt: outside the default globs.\n", f.Read("README.md"));

        // Nothing is left to fix.
        Assert.Contains("nothing to fix", f.Run("check", "--fix", "--dry-run").Error);
    }

    [Fact]
    public void FixDryRun_PrintsAUnifiedDiff_AndWritesNothing()
    {
        using var f = Fixture.Rich();
        var files = Directory.GetFiles(f.Directory, "*", SearchOption.AllDirectories).ToDictionary(p => p, File.ReadAllText);
        var (exit, output, error) = f.Run("check", "--fix", "--dry-run");
        Assert.Equal(0, exit);
        Assert.Contains("--- a/Prompts/verbose.md\n+++ b/Prompts/verbose.md\n@@ -", output);
        Assert.Contains("\n-Don\u2019t guess \u2014 ask for the order number when it is missing.\n+Don't guess - ask for the order number when it is missing.\n", output);
        Assert.Contains("--- a/triage.prompty", output);
        Assert.Contains("+    max_tokens: 512", output.Replace("\r", string.Empty));
        Assert.Contains("would change", error);
        foreach (var (path, text) in files)
        {
            Assert.Equal(text, File.ReadAllText(path));
        }
    }

    [Fact]
    public void Fix_KeepsTheFilesEncodingAndLineEndings()
    {
        using var f = new Fixture();
        var path = f.Path_("Prompts/bom.md");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "You answer questions.   \r\n\r\n\r\n\r\nBe brief.\r\n", new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        Assert.Equal(0, f.Run("check", "--fix").Exit);
        var bytes = File.ReadAllBytes(path);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes.Take(3));
        Assert.Equal("You answer questions.\r\n\r\nBe brief.\r\n", new System.Text.UTF8Encoding(false).GetString(bytes.Skip(3).ToArray()));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(path)!, "*.tmp"));
    }

    /// <summary>The committed Helpdesk baseline was written by a build; --update-baseline writes the same bytes for the same files.</summary>
    [Fact]
    public void UpdateBaseline_WritesTheBuildsBytes()
    {
        using var f = new Fixture(Fixture.Helpdesk);
        File.Delete(f.Path_("Prompts/refund-policy.md")); // kept out of the committed baseline on purpose (the PL0002 demo)
        var committed = File.ReadAllBytes(f.Path_("promptlint.baseline.json"));
        File.WriteAllText(f.Path_("promptlint.baseline.json"), "{\"schemaVersion\":1,\"prompts\":[]}");
        var (exit, _, error) = f.Run("check", "--update-baseline");
        Assert.Equal(0, exit);
        Assert.Contains("baseline promptlint.baseline.json updated with 7 prompts", error);
        Assert.Equal(committed, File.ReadAllBytes(f.Path_("promptlint.baseline.json")));
        Assert.Contains("already matches the current 7 prompts", f.Run("check", "--update-baseline").Error);
    }

    [Fact]
    public void UpdateBaseline_KeepsTheEntriesOfPromptsInCode_AndDropsDeletedFiles()
    {
        using var f = Fixture.Rich();
        Assert.Equal(0, f.Run("check", "--update-baseline", "--severity", "PL0101=none").Exit);
        var baseline = PromptLint.Contracts.Baseline.BaselineSerializer.Parse(f.Read("promptlint.baseline.json"));
        Assert.Contains("Support.Prompts.System", baseline.Entries.Keys);
        Assert.DoesNotContain("Prompts/gone.md", baseline.Entries.Keys);
        Assert.Contains("Prompts/verbose.md", baseline.Entries.Keys);
        Assert.DoesNotContain(f.Findings(), x => x.RuleId is "PL0001" or "PL0002");
    }

    [Fact]
    public void Init_WritesEditorConfigGitignoreAndBaseline_AndIsIdempotent()
    {
        using var f = new Fixture();
        f.Write("prompts/system.md", "You answer questions about Contoso orders in one sentence.\n");
        var (exit, output, _) = f.Run("init");
        Assert.Equal(0, exit);
        Assert.Contains("promptlint.model = gpt-4o", f.Read(".editorconfig"));
        Assert.Contains("promptlint.report.*", f.Read(".gitignore"));
        Assert.Contains("\"id\":\"prompts/system.md\"", f.Read("promptlint.baseline.json"));
        Assert.Contains("baseline promptlint.baseline.json updated with 1 prompt", output);

        var files = new[] { ".editorconfig", ".gitignore", "promptlint.baseline.json" }.ToDictionary(n => n, f.Read);
        Assert.Equal(0, f.Run("init").Exit);
        foreach (var (name, text) in files)
        {
            Assert.Equal(text, f.Read(name));
        }

        Assert.Equal(0, f.Run("check", "--max-warnings", "0").Exit);
    }
}
