using PromptLint.Core.FrontEnds;

namespace PromptLint.Core.Tests.FrontEnds;

/// <summary>
/// Issue 29, fourth held-out round (second measurement): Claude Code takes every <c>.md</c> in <c>.claude/commands/</c>
/// (at any depth) as a slash command, front matter or not, and a <c>.md</c> in <c>.claude/agents/</c> (at any depth) as a
/// subagent only when its front matter has a name and a description; a subagent named <c>security-auditor.md</c> is not a
/// SECURITY.md.
/// </summary>
public sealed class ClaudeFolderDiscoveryTests
{
    private const string Subagent = "---\nname: auditor\ndescription: Audits code for vulnerabilities\ntools: Read, Grep\n---\nYou audit code changes for injection and leaked secrets.\n";

    private static PromptFileKind Detect(string path, string text)
        => PromptFileKinds.Resolve(PromptFileKinds.DetectKindName, path, text.Length, () => text, 1_000_000);

    [Theory]
    [InlineData(".claude/commands/review.md")]
    [InlineData("/repo/.claude/commands/dev/review.md")]
    [InlineData(@"C:\repo\.claude\commands\team\planning\sprint\review.md")]
    public void CommandWithoutFrontMatterOrArguments_InClaudeCommands_IsACommand(string path)
    {
        Assert.Equal(PromptFileKind.Agent, Detect(path, "# Code review\n\nReview the staged changes for bugs and missing tests.\n"));
    }

    [Fact]
    public void CommandWithoutFrontMatter_InAnotherCommandsFolder_StillNeedsItsShape()
    {
        Assert.Equal(PromptFileKind.Unknown, Detect("/repo/cli/commands/build.md", "# build\n\nRuns the build.\n"));
    }

    [Theory]
    [InlineData("/repo/.claude/agents/auditor.md")]
    [InlineData("/repo/.claude/agents/external/team/security/security-auditor.md")]
    public void SubagentWithFrontMatter_AnywhereInClaudeAgents_IsAnAgent(string path)
    {
        Assert.Equal(PromptFileKind.Agent, Detect(path, Subagent));
    }

    [Theory]
    [InlineData("/repo/.claude/agents/ATTRIBUTION.md", "# Attribution\n\nThese agents are adapted from another collection.\n")]
    [InlineData("/repo/.claude/agents/WORKFLOW_EXAMPLES.md", "# Workflow examples\n\nFirst the planner runs, then the reviewer.\n")]
    [InlineData("/repo/.claude/agents/notes.md", "---\ntitle: Notes\n---\nHow we use agents.\n")]
    public void PageWithoutSubagentFrontMatter_InClaudeAgents_IsNotTaken(string path, string text)
    {
        Assert.Equal(PromptFileKind.Unknown, Detect(path, text));
    }

    [Theory]
    [InlineData("/repo/team/security-auditor.md", PromptFileKind.Agent)]
    [InlineData("/repo/prompts/history-tutor.md", PromptFileKind.Text)]
    public void NamesThatStartLikeADocument_AreJudgedByTheirContent(string path, PromptFileKind expected)
    {
        Assert.Equal(expected, Detect(path, path.Contains("prompts", StringComparison.Ordinal) ? "Teach {{topic}} as a history tutor.\n" : Subagent));
    }

    [Theory]
    [InlineData("/repo/prompts/SECURITY.md")]
    [InlineData("/repo/prompts/LICENSE.txt")]
    [InlineData("/repo/prompts/README-ja.md")]
    public void DocumentNames_AreStillNotTaken(string path)
    {
        Assert.Equal(PromptFileKind.Unknown, Detect(path, "Teach {{topic}} simply.\n"));
    }
}
