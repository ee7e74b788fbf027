using PromptLint.Core.FrontEnds;

namespace PromptLint.Core.Tests.FrontEnds;

/// <summary>
/// Issue 29, seventh held-out round: a prompt-named Markdown page in a skill's references/ or examples/ folder is
/// documentation the agent reads on demand, not a prompt; one that speaks to the model as a system prompt is still taken.
/// </summary>
public sealed class SkillReferenceDiscoveryTests
{
    private static PromptFileKind Detect(string path, string text)
        => PromptFileKinds.Resolve(PromptFileKinds.DetectKindName, path, text.Length, () => text, 1_000_000);

    private const string ApiNotes = "# Response streaming\n\n## What it does\nThe server sends partial output as events while the answer is generated.\n\n## Settings\n- `stream: true` turns it on.\n- Each event carries one delta.\n";

    private const string HowTo = "# Writing a new checker\n\nUse this template to ask the assistant for a checker definition.\n\n## Steps\n\n1. Describe what the checker should catch.\n2. Paste the request below and send it.\n\n```\nCreate a checker for: \"[WHAT TO CATCH]\"\n```\n";

    [Theory]
    [InlineData("repo/skills/platform/streaming-api/references/prompt-streaming.md")]
    [InlineData("repo/.claude/skills/checkers/reference/checker-prompt.md")]
    [InlineData("repo/skills/checkers/examples/checker-creation-prompt.md")]
    [InlineData("repo/skills/checkers/docs/prompt-layout.md")]
    public void PromptNamedPageInASkillsReferenceFolder_IsNotAPrompt(string path)
    {
        Assert.Equal(PromptFileKind.Unknown, Detect(path, path.Contains("examples") ? HowTo : ApiNotes));
    }

    [Fact]
    public void SystemPromptInASkillsReferenceFolder_IsStillAPrompt()
    {
        const string text = "# Helpdesk assistant - system prompt\n\nYou are Ada, the helpdesk assistant of a small accounting firm. You answer questions about invoices and deadlines.\n\n## Rules\n\n- Be brief.\n";

        Assert.NotEqual(PromptFileKind.Unknown, Detect("repo/skills/helpdesk/references/system-prompt.md", text));
    }

    [Fact]
    public void PromptNamedPageOutsideASkill_IsStillTakenByItsName()
    {
        Assert.NotEqual(PromptFileKind.Unknown, Detect("repo/checkers/checker-creation-prompt.md", HowTo));
    }
}
