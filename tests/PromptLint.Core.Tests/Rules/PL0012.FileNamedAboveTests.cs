using PromptLint.Core.Engine;
using PromptLint.Core.Model;

namespace PromptLint.Core.Tests.Rules;

/// <summary>
/// Issue 29, seventh held-out round: JSON that is a hand-edited file's content (a plugin manifest, an MCP server list)
/// keeps its layout when the file is named in the heading the block sits under, or earlier in the paragraph leading into
/// it, not only on the line just before the fence.
/// </summary>
public sealed class FileNamedAboveTests
{
    private const string Manifest = "{\n  \"name\": \"release-notes\",\n  \"version\": \"2.1.0\",\n  \"description\": \"Drafts release notes from merged pull requests\",\n  \"author\": {\n    \"name\": \"Docs Team\"\n  }\n}";

    private static IReadOnlyList<RuleFinding> Rule(string text) => StaticTextRule.Findings("PL0012", null, PromptSegment.Static(text));

    [Fact]
    public void FileNamedInTheNearestHeading_DoesNotTrigger()
    {
        var text = "## Setting up\n\n### .mcp.json\n\nOne entry per server:\n\n```json\n" + Manifest + "\n```\n";

        Assert.Empty(Rule(text));
    }

    [Fact]
    public void FileNamedInTheParentHeading_AboveASubheading_DoesNotTrigger()
    {
        var text = "## Manifest (plugin.json)\n\nThe manifest describes the plugin.\n\n### Required fields\n\n```json\n" + Manifest + "\n```\n\n### Optional fields\n\n```json\n" + Manifest + "\n```\n";

        Assert.Empty(Rule(text));
    }

    [Fact]
    public void FileNamedEarlierInTheLeadInParagraph_DoesNotTrigger()
    {
        var text = "## Packaging\n\nThe manifest lives at `.plugin/plugin.json` in the package root.\nA minimal one looks like this:\n\n```json\n" + Manifest + "\n```\n";

        Assert.Empty(Rule(text));
    }

    [Theory]
    [InlineData("**Configuration:**")]
    [InlineData("**Configuration format**:")]
    [InlineData("Settings:")]
    public void BlockLabelledAsConfiguration_DoesNotTrigger(string label)
    {
        var text = "### Local process\n\nStart the server as a child process.\n\n" + label + "\n```json\n" + Manifest + "\n```\n";

        Assert.Empty(Rule(text));
    }

    [Fact]
    public void FileNamedOnlyInsideAnEarlierCodeBlock_StillTriggers()
    {
        var text = "## Output\n\n```bash\n# write result.json\ncat out.txt\n```\n\nAnswer with an object like this:\n\n```json\n" + Manifest + "\n```\n";

        Assert.Single(Rule(text));
    }

    [Fact]
    public void JsonUnderAHeadingThatNamesNoFile_StillTriggers()
    {
        var text = "## Output format\n\nReply with one object per release:\n\n```json\n" + Manifest + "\n```\n";

        Assert.Single(Rule(text));
    }
}
