using PromptLint.Core.FrontEnds;
using PromptLint.Core.Model;

namespace PromptLint.Core.Tests.FrontEnds;

/// <summary>
/// Issue 29, held-out rounds 6 and 7: Claude Code output styles are prompts; YAML prompt files that are neither GitHub
/// Models nor Semantic Kernel YAML but hold messages or system/user prompt keys are prompts, and YAML that is not
/// clearly one stays silent. Content invented for the tests.
/// </summary>
public sealed class HeldOutRoundSevenDiscoveryTests
{
    private static PromptFileKind Detect(string path, string text)
        => PromptFileKinds.Resolve(PromptFileKinds.DetectKindName, path, text.Length, () => text, 1_000_000);

    private static PromptTemplate ReadOne(string path, string text)
    {
        var result = PromptFileReader.Read(new PromptFileInput(path, path, text, _ => null), Detect(path, text));
        Assert.Empty(result.Problems);
        return Assert.Single(result.Templates);
    }

    private static string StaticText(PromptMessage message) => string.Concat(message.Segments.Where(s => !s.IsHole).Select(s => s.Text));

    // --- Claude Code output styles ---

    private const string OutputStyle = "---\nname: Careful Reviewer\ndescription: Explains every risk before changing code\nkeep-coding-instructions: true\n---\n# Careful Reviewer\n\nBefore you edit a file, list what could break and how you will check it.\nPrefer small changes with a test each.\n";

    [Theory]
    [InlineData("/repo/.claude/output-styles/careful-reviewer.md")]
    [InlineData("/repo/.claude/output-styles/team/careful-reviewer.md")]
    public void MarkdownInClaudeOutputStyles_IsAnAgentFile(string path)
    {
        Assert.Equal(PromptFileKind.Agent, Detect(path, OutputStyle));
    }

    [Fact]
    public void MarkdownInClaudeOutputStylesWithoutFrontMatter_IsAnAgentFile()
    {
        // Claude Code names a style after its file when the front matter is missing; the body is still the style.
        Assert.Equal(PromptFileKind.Agent, Detect("/repo/.claude/output-styles/terse.md", "Answer in as few words as the question allows.\n"));
    }

    [Fact]
    public void ClaudeOutputStyle_FrontMatterIsConfigurationAndTheBodyIsASystemMessage()
    {
        var template = ReadOne(".claude/output-styles/careful-reviewer.md", OutputStyle);

        Assert.Equal(PromptRole.System, template.Role);
        var text = StaticText(Assert.Single(template.Messages));
        Assert.DoesNotContain("keep-coding-instructions", text, StringComparison.Ordinal);
        Assert.Contains("list what could break", text, StringComparison.Ordinal);
    }

    // --- YAML prompts in a prompts folder by their keys ---

    private const string InputList = "name: Release notes\ndescription: >\n  Drafts release notes from merged changes.\n\ninput:\n  - role: system\n    content: |\n      You write release notes for the billing service.\n      Group the changes by area and keep each line short.\n\n  - role: user\n    content: |\n      Draft the notes for these changes:\n      {{ changes }}\n";

    private const string MessagesList = "messages:\n- role: system\n  content: You sort support tickets by urgency.\n- role: user\n  content: \"Ticket: {{ticket}}\"\nmax_tokens: 200\n";

    private const string PromptKeys = "system_prompt: |\n  You are a travel helper who knows the opening hours of museums.\n  Answer in one short paragraph.\n\nuser_prompt: |\n  Which museums in {city} are open late on Fridays?\n\nexamples:\n  - question: \"Open late in Oslo?\"\n    answer: \"Two museums are.\"\n";

    [Theory]
    [InlineData("/repo/.github/prompts/release-notes.yml", InputList)]
    [InlineData("/repo/.github/prompts/triage.yaml", MessagesList)]
    [InlineData("/repo/.github/prompts/museums.yml", PromptKeys)]
    [InlineData("/repo/app/prompts/museums.yaml", PromptKeys)]
    [InlineData("/repo/app/Prompts/triage.yml", MessagesList)]
    public void YamlWithPromptKeysInAPromptsFolder_IsAYamlPrompt(string path, string text)
    {
        Assert.Equal(PromptFileKind.YamlPrompt, Detect(path, text));
    }

    [Fact]
    public void InputListOfRoleContentItems_IsReadAsMessages()
    {
        var template = ReadOne(".github/prompts/release-notes.yml", InputList);

        Assert.Equal(new[] { PromptRole.System, PromptRole.User }, template.Messages.Select(m => m.Role));
        Assert.Contains("Group the changes by area", StaticText(template.Messages[0]), StringComparison.Ordinal);
        Assert.DoesNotContain("Drafts release notes", string.Concat(template.Messages.Select(StaticText)), StringComparison.Ordinal);
        Assert.Contains(template.Messages[1].Segments, s => s.IsHole);
        Assert.Equal(OutputCapStatus.Unknown, template.OutputCapStatus);
    }

    [Fact]
    public void MessagesListWithMaxTokens_DeclaresTheCap()
    {
        var template = ReadOne(".github/prompts/triage.yaml", MessagesList);

        Assert.Equal(2, template.Messages.Count);
        Assert.Equal(200, template.OutputCap);
        Assert.Equal(OutputCapStatus.Declared, template.OutputCapStatus);
    }

    [Fact]
    public void SystemAndUserPromptKeys_AreASystemAndAUserMessage_OtherKeysAreNotSent()
    {
        var template = ReadOne(".github/prompts/museums.yml", PromptKeys);

        Assert.Equal(new[] { PromptRole.System, PromptRole.User }, template.Messages.Select(m => m.Role));
        Assert.StartsWith("You are a travel helper", StaticText(template.Messages[0]), StringComparison.Ordinal);
        Assert.DoesNotContain("Oslo", string.Concat(template.Messages.Select(StaticText)), StringComparison.Ordinal);
    }

    [Theory]
    // A CI workflow, an evaluation config, app settings and a plain data file kept in a prompts folder.
    [InlineData("/repo/.github/prompts/check.yml", "name: check\non:\n  push:\njobs:\n  lint:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo prompt\n")]
    [InlineData("/repo/prompts/eval.yaml", "prompts:\n  - file://triage.txt\nproviders:\n  - openai:gpt-4o-mini\ntests:\n  - vars:\n      ticket: refund\n")]
    [InlineData("/repo/prompts/settings.yml", "model: gpt-4o\ntemperature: 0.2\nretries: 3\n")]
    [InlineData("/repo/prompts/samples.yml", "- question: Where is my order?\n  answer: It ships tomorrow.\n")]
    [InlineData("/repo/prompts/chat.yml", "history:\n  - role: user\n    content: hello\n")]
    public void YamlInAPromptsFolderThatIsNotClearlyAPrompt_IsNotTaken(string path, string text)
    {
        Assert.Equal(PromptFileKind.Unknown, Detect(path, text));
    }

    [Fact]
    public void YamlWithPromptKeysOutsideAPromptsFolder_IsNotTaken()
    {
        Assert.Equal(PromptFileKind.Unknown, Detect("/repo/config/museums.yml", PromptKeys));
    }

    [Fact]
    public void FoundPromptKeyThatIsAFileName_IsNoPromptAndNoProblem()
    {
        const string text = "prompt: triage.txt\nmodel: gpt-4o\n";
        var result = PromptFileReader.Read(new PromptFileInput(".github/prompts/run.yml", "run", text, _ => null) { Discovered = true }, Detect("/repo/.github/prompts/run.yml", text));

        Assert.Empty(result.Templates);
        Assert.Empty(result.Problems);
    }
}

