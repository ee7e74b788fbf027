using PromptLint.Core.FrontEnds;
using PromptLint.Core.Model;
using static PromptLint.Core.Tests.FrontEnds.FrontEndFacts;

namespace PromptLint.Core.Tests.FrontEnds;

/// <summary>
/// Shapes found by the held-out measurement of issue 29 (repositories the rules were never tuned on), each written
/// here in its own words: a documentation site's pages about prompts sit in a <c>prompts/</c> folder; a coding skill
/// shows a workflow file with <c>${{ secrets.X }}</c> in a fence.
/// </summary>
public class HeldOutFormatTests
{
    private static PromptFileKind Detect(string path, string text)
        => PromptFileKinds.Resolve(PromptFileKinds.DetectKindName, path, text.Length, () => text, 1_000_000);

    [Theory]
    [InlineData("---\ntitle: Writing prompt templates\ndescription: How templates work\nauthor: someone\nms.topic: conceptual\nms.date: 01/02/2025\n---\n\n# Templates\n\nA template has {{variables}}.\n")]
    [InlineData("---\nms.service: assistant-sdk\n---\nPrompts are text.\n")]
    [InlineData("---\ntitle: Prompt basics\nlayout: page\npermalink: /prompts/basics/\n---\nA prompt tells the model what to do.\n")]
    [InlineData("\uFEFF---\ntitle: Prompt basics\nsidebar_position: 3\n---\nA prompt tells the model what to do.\n")]
    public void DocumentationSitePageInAPromptsFolder_IsNotTakenForAPrompt(string text)
    {
        Assert.Equal(PromptFileKind.Unknown, Detect("site/concepts/prompts/templates.md", text));
        // A file the user lists is read by its name, whatever its front matter.
        Assert.Equal(PromptFileKind.Text, PromptFileKinds.Resolve("auto", "site/concepts/prompts/templates.md", text.Length, () => text, 1_000_000));
    }

    [Theory]
    [InlineData("You answer questions about {{topic}}.\n")]
    [InlineData("---\nname: summarizer\ndescription: Summarizes a thread\n---\nSummarize {{thread}}.\n")]
    [InlineData("---\ntitle: Summarizer\n---\nSummarize {{thread}}.\n")]
    public void TemplateInAPromptsFolder_WithoutSiteFrontMatter_IsStillAPrompt(string text)
    {
        Assert.Equal(PromptFileKind.Text, Detect("app/prompts/summarize.md", text));
    }

    [Fact]
    public void GitHubExpressionInAFencedWorkflowSample_IsTextNotAHole()
    {
        const string text = "---\nname: deploy-tests\ndescription: Writing deployment tests\n---\n# Deployment tests\n\nLog in like this:\n\n```yaml\n- uses: azure/login@v2\n  with:\n    client-id: ${{ secrets.CLIENT_ID }}\n```\n\nThen run the suite.\n";

        var template = Single(PromptFileReader.Read(Input(".github/skills/deploy-tests/SKILL.md", text), PromptFileKind.Agent));

        Assert.Empty(HoleNames(template));
        Assert.Contains("client-id: ${{ secrets.CLIENT_ID }}", template.Messages[0].Segments[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void GitHubExpressionInInlineCode_IsText_ButInProseAndArgumentsInFences_AreHoles()
    {
        const string text = "Never print `${{ secrets.TOKEN }}`.\n\n```text\n$ARGUMENTS\n```\n\nWork in ${{ github.repository }}.\n";

        var template = Single(PromptFileReader.Read(Input(".claude/commands/triage.md", text), PromptFileKind.Agent));

        Assert.Equal(new[] { "ARGUMENTS", "github.repository" }, HoleNames(template));
    }
}
