using PromptLint.Core.FrontEnds;

namespace PromptLint.Core.Tests.FrontEnds;

/// <summary>
/// Third held-out round of issue 29: collections of subagents sort them into folders named after a team or a topic
/// (<c>engineering/</c>, <c>categories/data/</c>), not <c>agents/</c>, and some Cursor rules are saved as <c>.md</c>. The
/// default globs take every <c>.md</c>; one outside a prompts folder is a prompt only when its front matter has the shape
/// of an agent, a command or a Cursor rule, and never when it is a documentation page's.
/// </summary>
public class AgentFrontMatterDiscoveryTests
{
    private static PromptFileKind Detect(string path, string text)
        => PromptFileKinds.Resolve(PromptFileKinds.DetectKindName, path, text.Length, () => text, 1_000_000);

    [Theory]
    [InlineData("engineering/api-designer.md", "---\nname: api-designer\ndescription: Designs REST endpoints.\ntools: Read, Write\n---\nYou design HTTP APIs.\n")]
    [InlineData("categories/data/sql-tuner.md", "---\nname: sql-tuner\ndescription: Tunes slow queries.\nmodel: sonnet\n---\nYou tune SQL.\n")]
    [InlineData("team/qa/flaky-test-hunter.md", "---\nname: flaky-test-hunter\ndescription: Finds flaky tests.\ncolor: yellow\n---\nYou hunt flaky tests.\n")]
    [InlineData("tasks/release-notes.md", "---\ndescription: Drafts release notes from merged pull requests\nallowed-tools: Bash(git log:*)\nargument-hint: [version]\n---\nDraft the notes for $ARGUMENTS.\n")]
    [InlineData("rule-files/docker.md", "---\ndescription: Docker practices\nglobs: Dockerfile\n---\nPin base image versions.\n")]
    [InlineData("rule-files/always.md", "---\nalwaysApply: true\n---\nAnswer in British English.\n")]
    [InlineData("engineering/windows.md", "\uFEFF---\r\nname: win-builder\r\ndescription: Builds on Windows.\r\ntools: Bash\r\n---\r\nYou build.\r\n")]
    public void MarkdownWithAnAgentsFrontMatter_IsAnAgentFile_WhateverItsFolder(string path, string text)
        => Assert.Equal(PromptFileKind.Agent, Detect(path, text));

    [Theory]
    [InlineData("guides/setup.md", "# Setup\n\nRun the installer.\n")]
    [InlineData("marketing/content-creator.md", "# Content Creator\n\n## Description\n\nWrites posts for every platform.\n")]
    [InlineData("site/agents-overview.md", "---\ntitle: Our agents\nname: overview\ndescription: How the agents work.\nmodel: sonnet\n---\nEach agent has one job.\n")]
    [InlineData("learn/tools.md", "---\nms.topic: article\nname: tools\ndescription: Tools.\ntools: all\n---\nText.\n")]
    [InlineData("blog/post.md", "---\nlayout: post\ndescription: A post about models.\ntools: none\n---\nText.\n")]
    [InlineData("skills/catalog.md", "---\nname: catalog\ndescription: A list of skills.\n---\nText.\n")]
    [InlineData("notes/todo.md", "---\nstatus: open\n---\nBuy milk.\n")]
    [InlineData("notes/late.md", "Text first.\n---\nname: x\ndescription: y\ntools: z\n---\n")]
    [InlineData("notes/description-in-body.md", "---\nname: x\n---\ndescription: y\ntools: z\n")]
    public void MarkdownWithoutAnAgentsFrontMatter_IsNotAPrompt(string path, string text)
        => Assert.Equal(PromptFileKind.Unknown, Detect(path, text));

    [Theory]
    [InlineData("prompts/summary.md", "Summarize {{text}}.\n")]
    [InlineData("qna_prompt.md", "Answer {{question}}.\n")]
    [InlineData("prompt_summary.txt", "Summarize {text}.\n")]
    [InlineData("Prompts/grader.md", "---\nname: grader\ndescription: Grades answers.\ntools: none\n---\nGrade {{answer}}.\n")]
    public void TemplatesTakenByTheirName_StayPlainTemplates(string path, string text)
        => Assert.Equal(PromptFileKind.Text, Detect(path, text));

    [Fact]
    public void ListedMarkdownWithoutFrontMatter_IsStillReadAsATemplate()
        => Assert.Equal(PromptFileKind.Text, PromptFileKinds.Resolve("auto", "guides/setup.md", 5, () => "Hello", 1_000_000));

    [Fact]
    public void SubagentWhoseFrontMatterOutgrowsTheHead_IsJudgedByTheKeysSeen()
    {
        var text = "---\nname: long-one\ndescription: " + new string('x', 6000) + "\ntools: Read\n---\nBody.\n";

        // The head ends inside the description: name and description are seen, the tools key is not.
        Assert.Equal(PromptFileKind.Unknown, Detect("team/long-one.md", text));
        Assert.Equal(PromptFileKind.Agent, Detect("team/long-two.md", "---\nname: long-two\ntools: Read\ndescription: " + new string('x', 6000) + "\n---\nBody.\n"));
    }
}
