using PromptLint.Core.FrontEnds;

namespace PromptLint.Core.Tests.FrontEnds;

/// <summary>
/// Issue 29, fifth held-out round: index pages and catalogues in a prompts folder are not one prompt; prompt-named
/// files are found in any casing; plain Markdown prompts under prompts/agents/ are found; Continue's and Claude Code's
/// rule and prompt folders are agent files; a Jinja file of macros only is a library.
/// </summary>
public sealed class HeldOutRoundFiveDiscoveryTests
{
    private static PromptFileKind Detect(string path, string text)
        => PromptFileKinds.Resolve(PromptFileKinds.DetectKindName, path, text.Length, () => text, 1_000_000);

    // --- 1. navigation pages ---

    [Theory]
    [InlineData("# Support Overview\n\n- [Skills](skills.md)\n- [Agent](agent.md)\n- [Tools](tools.md)\n")]
    [InlineData("# Contents\n\nPrompts used by the billing bot.\n\n1. [Refunds](#refunds)\n2. [Disputes](#disputes)\n3. [Invoices](#invoices)\n")]
    [InlineData("---\ndescription: index\n---\n# Index\n\n| Prompt | About |\n|---|---|\n| [triage](triage.md) | sorting tickets |\n| [reply](reply.md) | drafting answers |\n")]
    [InlineData("## Agents\n* [Planner](agents/planner.md): breaks the work down\n* [Coder](agents/coder.md): writes the change\n## Skills\n* [Search](skills/search.md)\n")]
    public void PageOfHeadingsAndLinks_InPromptsFolder_IsNotAPrompt(string text)
    {
        Assert.Equal(PromptFileKind.Unknown, Detect("/repo/lib/prompts/overview.md", text));
    }

    [Fact]
    public void PromptThatLinksToAReference_InPromptsFolder_IsStillAPrompt()
    {
        const string text = "# Reviewer\n\nYou review pull requests for the payments service.\nCheck every change against the rules in [the style guide](style.md).\nFlag missing tests and unsafe casts.\nAnswer with a short list of problems, most serious first.\n- [API notes](api.md)\n";
        Assert.Equal(PromptFileKind.Text, Detect("/repo/lib/prompts/reviewer.md", text));
    }

    // --- 2. catalogues of fenced prompts ---

    private const string Catalogue =
        "# Writing prompts\n\n"
        + "<!-- {\"id\": \"shorten\", \"tags\": [\"edit\"]} -->\n## Shorten a paragraph\n\n```text\nRewrite the paragraph below in half the words. Keep every number.\n\n{{paragraph}}\n```\n\n"
        + "<!--\n{\"id\": \"title\", \"tags\": [\"edit\", \"seo\"]}\n-->\n## Suggest a title\n\n```prompt\nPropose three titles for the article below, each under sixty characters.\n```\n\n"
        + "## Fix grammar\n\n```md\nCorrect the grammar of the text and change nothing else.\n```\n";

    [Fact]
    public void CatalogueOfFencedPromptsUnderHeadings_InPromptsFolder_IsSkipped()
    {
        Assert.Equal(PromptFileKind.Unknown, Detect("/repo/prompts/writing.md", Catalogue));
    }

    [Fact]
    public void PromptWithFencedExamplesAndOutputFormat_IsNotACatalogue()
    {
        const string text = "You classify support tickets by urgency.\nRead the ticket and decide how soon a person must answer it.\n\n"
            + "## Example 1\n\n```text\nThe site is down for every customer.\n```\n\n## Example 2\n\n```text\nPlease change my invoice address.\n```\n\n"
            + "## Output format\n\n```text\nurgency: high|normal|low\n```\n";
        Assert.Equal(PromptFileKind.Text, Detect("/repo/prompts/urgency.md", text));
    }

    [Fact]
    public void SingleFencedPromptUnderAHeading_IsNotACatalogue()
    {
        const string text = "## Summarize\n\n```text\nSummarize the thread in three bullets.\n```\n";
        Assert.Equal(PromptFileKind.Text, Detect("/repo/prompts/summarize.md", text));
    }

    // --- 3. prompt-named files ---

    [Theory]
    [InlineData("COPILOT_PROMPT_Viewer.md")]
    [InlineData("review-prompt-v2.md")]
    [InlineData("Planner.Prompt.Draft.md")]
    public void MarkdownWithPromptAsAWordOfItsName_AnywhereInTheRepository_IsAPrompt(string name)
    {
        Assert.Equal(PromptFileKind.Text, Detect("/repo/tools/viewer/" + name, "You are a code viewer. Explain the selected code in plain words.\n"));
    }

    [Theory]
    [InlineData("prompt-engineering-guide.md")]
    [InlineData("PROMPTS_README.md")]
    [InlineData("prompt_tips.md")]
    [InlineData("prompting.md")]
    [InlineData("prompts.md")]
    public void MarkdownPageAboutPrompts_IsNotAPrompt(string name)
    {
        Assert.Equal(PromptFileKind.Unknown, Detect("/repo/notes/" + name, "Good prompts are short. This page collects what we learned.\n"));
    }

    [Fact]
    public void MarkdownNamedAsAPrompt_ThatIsAnIndexPage_IsNotAPrompt()
    {
        Assert.Equal(PromptFileKind.Unknown, Detect("/repo/system_prompt.md", "# Prompts\n- [System](system.md)\n- [User](user.md)\n"));
    }

    // --- 4. plain Markdown prompts under prompts/agents/ ---

    [Theory]
    [InlineData("/repo/src/prompts/agents/researcher.md")]
    [InlineData("prompts/agents/team/writer.md")]
    [InlineData("/repo/prompts/commands/deploy.md")]
    public void PlainMarkdownPrompt_UnderAPromptsTreesAgentsOrCommandsFolder_IsATextPrompt(string path)
    {
        Assert.Equal(PromptFileKind.Text, Detect(path, "# Researcher\n\nYou research the question and cite every source you use.\n"));
    }

    [Fact]
    public void SubagentWithFrontMatter_UnderPromptsAgents_IsStillAnAgent()
    {
        Assert.Equal(PromptFileKind.Agent, Detect("/repo/prompts/agents/researcher.md", "---\nname: researcher\ndescription: Researches questions\n---\nYou research the question.\n"));
    }

    [Fact]
    public void PlainMarkdownInAnAgentsFolderOutsideAPromptsTree_IsStillNotTaken()
    {
        Assert.Equal(PromptFileKind.Unknown, Detect("/repo/design/agents/overview.md", "# Our agents\n\nThe planner hands work to the coder.\n"));
    }

    [Fact]
    public void IndexPage_UnderPromptsAgents_IsNotAPrompt()
    {
        Assert.Equal(PromptFileKind.Unknown, Detect("/repo/prompts/agents/index.md", "# Agents\n- [Researcher](researcher.md)\n- [Writer](writer.md)\n"));
    }

    // --- 5. Continue and Claude Code folders ---

    [Theory]
    [InlineData(".continue/prompts/explain.prompt", "---\nname: Explain\ndescription: Explains code\n---\nExplain the selected code: {{{ input }}}\n")]
    [InlineData("/repo/.continue/prompts/review.md", "---\nname: Review\ninvokable: true\n---\nReview the diff for bugs.\n")]
    [InlineData("/repo/.continue/rules/style.md", "Use tabs for indentation.\n")]
    [InlineData("/repo/.continue/agents/fixer.md", "---\nname: Fixer\ndescription: Fixes failing tests\n---\nYou fix failing tests.\n")]
    [InlineData("/repo/.claude/rules/testing.md", "Run the unit tests before every commit.\n")]
    [InlineData("/repo/.claude/rules/frontend/react.md", "---\npaths:\n  - \"src/**/*.tsx\"\n---\nUse function components.\n")]
    public void FileInAToolsPromptOrRuleFolder_IsAnAgentFile(string path, string text)
    {
        Assert.Equal(PromptFileKind.Agent, Detect(path, text));
    }

    [Fact]
    public void ContinuePromptFile_FrontMatterIsConfigurationAndTheBodyIsTheUsersMessage()
    {
        const string text = "---\nname: Explain\ndescription: Explains code\n---\nExplain the selected code in plain words.\n";
        var result = PromptFileReader.Read(new PromptFileInput(".continue/prompts/explain.prompt", "explain", text, _ => null), Detect(".continue/prompts/explain.prompt", text));

        var template = Assert.Single(result.Templates);
        Assert.Equal(PromptLint.Core.Model.PromptRole.User, template.Role);
        var segment = Assert.Single(Assert.Single(template.Messages).Segments);
        Assert.DoesNotContain("description", segment.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void PromptExtensionOutsideContinuePrompts_IsNotTaken()
    {
        Assert.Equal(PromptFileKind.Unknown, Detect("/repo/shell/bash.prompt", "PS1='$ '\n"));
    }

    // --- 6. Jinja macro libraries ---

    private static PromptFileResult ReadJinja(string text)
        => PromptFileReader.Read(new PromptFileInput("/repo/templates/t.j2", "templates/t.j2", text), PromptFileKind.Jinja);

    [Fact]
    public void JinjaFileOfMacrosOnly_SendsNothing_SoNoPromptAndNoHoles()
    {
        const string text = "{# helpers #}\n{% import 'base.j2' as base %}\n{% macro item(row) -%}\n- {{ row.name }}: {{ row.value }}\n{%- endmacro %}\n\n{% macro table(rows) %}\n{% for r in rows %}{{ item(r) }}\n{% endfor %}\n{% endmacro %}\n";
        var result = ReadJinja(text);

        Assert.Empty(result.Templates);
        Assert.Empty(result.Problems);
    }

    [Theory]
    [InlineData("{% macro item(row) %}- {{ row }}{% endmacro %}\nList the items:\n{{ item(first) }}\n")]
    [InlineData("{% from 'macros.j2' import item %}\nSummarize {{ text }}.\n")]
    [InlineData("{% macro item(row) %}- {{ row }}{% endmacro %}\n{% if short %}Be brief.{% endif %}\n")]
    public void JinjaTemplateThatRendersText_IsStillMeasured(string text)
    {
        var template = Assert.Single(ReadJinja(text).Templates);
        Assert.Contains(template.Messages.SelectMany(m => m.Segments), s => !s.IsHole && s.Text.Trim().Length > 0);
    }
}
