namespace PromptLint.Cli.Tests;

/// <summary>
/// Issue 29's held-out round on tool lists through 'promptlint check': a 1 MB tool catalogue found by itself is skipped
/// with a note, not PL0101; a docs/ folder is not searched for tool lists; a tool list keyed by name is measured; a
/// file named as a tool list holding other valid JSON is skipped without a word.
/// </summary>
public sealed class ToolListDefaultDiscoveryTests
{
    private const string Tool = "{ \"name\": \"search\", \"description\": \"Finds files.\", \"parameters\": { \"type\": \"object\" } }";

    private static string Catalogue(int characters)
        => "[ " + Tool + ", { \"name\": \"pad\", \"description\": \"" + new string('x', characters) + "\", \"parameters\": { \"type\": \"object\" } } ]";

    [Fact]
    public void OversizeToolCatalogueFoundByItself_IsSkippedWithANote_NotPL0101()
    {
        using var f = new Fixture();
        f.Write(".editorconfig", "root = true\n\n[*]\npromptlint.max_prompt_file_chars = 1000\n");
        f.Write("site/js/tools_catalog.json", Catalogue(2_000));

        var (exit, output, error) = f.Run("check");

        Assert.Equal(0, exit);
        Assert.DoesNotContain("PL0101", output, StringComparison.Ordinal);
        Assert.Contains("skipped site/js/tools_catalog.json: 2,", error, StringComparison.Ordinal);
        Assert.Contains("more than the 1,000 PromptLint reads from a file it finds by itself", error, StringComparison.Ordinal);
    }

    [Fact]
    public void OversizeFileNamedWithItsKind_KeepsPL0101()
    {
        using var f = new Fixture();
        f.Write(".editorconfig", "root = true\n\n[*]\npromptlint.max_prompt_file_chars = 1000\n");
        f.Write("site/js/tools_catalog.json", Catalogue(2_000));

        var (_, output, _) = f.Run("check", "--kind", "tools", f.Path_("site/js/tools_catalog.json"));

        Assert.Contains("PL0101", output, StringComparison.Ordinal);
        Assert.Contains("more than the 1,000 PromptLint reads", output, StringComparison.Ordinal);
    }

    [Fact]
    public void ToolListUnderDocs_IsNotFound_TheSameListElsewhereIs()
    {
        using var f = new Fixture();
        f.Write("docs/js/tools_catalog.json", "[ " + Tool + " ]");
        f.Write("agent/tools_catalog.json", "[ " + Tool + " ]");

        var run = f.Analyze();

        var ids = run.Projects.SelectMany(p => p.Prompts).Select(p => p.Id).ToList();
        Assert.Contains("agent/tools_catalog.json", ids);
        Assert.DoesNotContain("docs/js/tools_catalog.json", ids);
    }

    [Fact]
    public void ToolsKeyedByName_AreMeasured_OtherJsonNamedAsToolsIsSkipped()
    {
        using var f = new Fixture();
        f.Write("agent/coding_tools.json", "{\n  \"search\": { \"description\": \"Finds files.\", \"parameters\": { \"type\": \"object\" } },\n  \"edit\": { \"description\": \"Edits a file.\", \"parameters\": { \"type\": \"object\" } }\n}\n");
        f.Write("config/feature_tools.json", "{ \"search\": { \"enabled\": true } }\n");

        var run = f.Analyze();

        var ids = run.Projects.SelectMany(p => p.Prompts).Select(p => p.Id).ToList();
        Assert.Contains("agent/coding_tools.json", ids);
        Assert.DoesNotContain("config/feature_tools.json", ids);
        Assert.DoesNotContain(f.Findings(), x => x.RuleId == "PL0101");
    }
}
