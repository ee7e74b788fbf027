using PromptLint.Core.FrontEnds;

namespace PromptLint.Core.Tests.FrontEnds;

/// <summary>
/// Issue 29, eighth held-out round: a subagent in an <c>agents/</c> folder may leave its name to the file name and give
/// only a description and its own settings (<c>tools</c>, <c>allowed-tools</c>, <c>model</c>); it is an agent file. A
/// documentation page in an <c>agents/</c> folder (a site's title/description front matter, or none) is not. Cursor's
/// <c>.cursor/commands/</c> and <c>.cursor/BUGBOT.md</c> are read by the folder alone.
/// </summary>
public sealed class AgentFolderFrontMatterTests
{
    private static PromptFileKind Detect(string path, string text)
        => PromptFileKinds.Resolve(PromptFileKinds.DetectKindName, path, text.Length, () => text, 1_000_000);

    [Theory]
    [InlineData("/repo/dot-claude/agents/flow/commit.md", "---\ndescription: Writes the commit message for staged work\nallowed-tools: Bash(git diff:*), Read\n---\nYou write one conventional commit message for the staged diff.\n")]
    [InlineData("/repo/config/agents/planner.md", "---\ndescription: Plans the work\ntools: Read, Grep\n---\nBreak the request into small steps.\n")]
    [InlineData("/repo/config/agents/reviewer.md", "---\ndescription: Reviews the diff\nmodel: sonnet\n---\nReview the diff for bugs.\n")]
    [InlineData("/repo/.claude/agents/tester.md", "---\ndescription: Runs the tests\ntools: Bash\n---\nRun the tests and report failures.\n")]
    public void AgentFrontMatterWithoutName_InAnAgentsFolder_IsAnAgent(string path, string text)
    {
        Assert.Equal(PromptFileKind.Agent, Detect(path, text));
    }

    [Theory]
    [InlineData("/repo/site/agents/overview.md", "---\ntitle: Agents\ndescription: How our agents work\n---\n# Agents\n\nEach agent has one job.\n")]
    [InlineData("/repo/site/agents/setup.md", "# Setting up agents\n\nInstall the tools first.\n")]
    [InlineData("/repo/site/agents/api.md", "---\ndescription: The agents API\nsidebar_position: 2\n---\nThe API lists agents.\n")]
    public void DocumentationPage_InAnAgentsFolder_IsNotTaken(string path, string text)
    {
        Assert.Equal(PromptFileKind.Unknown, Detect(path, text));
    }

    [Theory]
    [InlineData(".cursor/commands/commit.md")]
    [InlineData("/repo/.cursor/commands/release/tag.md")]
    [InlineData("/repo/.cursor/BUGBOT.md")]
    [InlineData("/repo/src/services/.cursor/BUGBOT.md")]
    public void CursorCommandOrBugbotRules_WithoutFrontMatter_IsAnAgentFile(string path)
    {
        Assert.Equal(PromptFileKind.Agent, Detect(path, "# Commit\n\nUse the commit helper and write a conventional message.\n"));
    }

    [Fact]
    public void PlainPage_InAnotherCommandsFolder_IsStillNotTaken()
    {
        Assert.Equal(PromptFileKind.Unknown, Detect("/repo/cli/commands/build.md", "# build\n\nRuns the build.\n"));
    }
}
