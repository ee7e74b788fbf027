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

    // --- OpenAI function tools written as YAML ---

    private const string OneToolYaml = "type: function\nfunction:\n  name: book_room\n  description: >\n    Books a meeting room for the given time.\n  parameters:\n    type: object\n    properties:\n      room:\n        type: string\n        description: Room name.\n      hours:\n        type: number\n        maximum: 8\n      recurring:\n        type: boolean\n        default: false\n    required:\n      - room\n";

    private const string OneToolJson = "{\"type\":\"function\",\"function\":{\"name\":\"book_room\",\"description\":\"Books a meeting room for the given time.\\n\",\"parameters\":{\"type\":\"object\",\"properties\":{\"room\":{\"type\":\"string\",\"description\":\"Room name.\"},\"hours\":{\"type\":\"number\",\"maximum\":8},\"recurring\":{\"type\":\"boolean\",\"default\":false}},\"required\":[\"room\"]}}}";

    private const string ToolsListYaml = "tools:\n  - name: list_rooms\n    description: Lists the free rooms.\n    parameters:\n      type: object\n      properties:\n        floor:\n          type: integer\n  - name: cancel_booking\n    description: Cancels a booking by its id.\n    parameters:\n      type: object\n      properties:\n        id:\n          type: string\n";

    private const string RootListYaml = "- type: function\n  function:\n    name: list_rooms\n    description: Lists the free rooms.\n- type: function\n  function:\n    name: cancel_booking\n    description: Cancels a booking.\n    parameters:\n      type: object\n      properties: {}\n";

    [Theory]
    [InlineData("/repo/tool_functions/book_room.yaml", OneToolYaml)]
    [InlineData("/repo/config/tools.yml", ToolsListYaml)]
    [InlineData("/repo/agent/functions.yaml", RootListYaml)]
    public void OpenAiFunctionToolsWrittenAsYaml_AreAToolList(string path, string text)
    {
        Assert.Equal(PromptFileKind.ToolSchema, Detect(path, text));
    }

    [Fact]
    public void OneToolWrittenAsYaml_IsSentAsTheSameJsonAsTheToolWrittenAsJson()
    {
        var yaml = ReadOne("tool_functions/book_room.yaml", OneToolYaml);
        var json = ReadOne("tool_functions/book_room.tools.json", OneToolJson);

        var tool = Assert.Single(yaml.Tools);
        Assert.Equal("book_room", tool.Name);
        Assert.Equal(Assert.Single(json.Tools).WireJson, tool.WireJson);
        Assert.Equal(1, tool.Location.Line);
    }

    [Fact]
    public void ToolsListOfNameDescriptionParameters_IsEveryToolAsWritten()
    {
        var template = ReadOne("config/tools.yml", ToolsListYaml);

        Assert.Equal(new[] { "list_rooms", "cancel_booking" }, template.Tools.Select(t => t.Name));
        // Sent as written, as the same item of a JSON tool list is (the Responses API's flat shape).
        Assert.Equal("{\"name\":\"list_rooms\",\"description\":\"Lists the free rooms.\",\"parameters\":{\"type\":\"object\",\"properties\":{\"floor\":{\"type\":\"integer\"}}}}", template.Tools[0].WireJson);
        Assert.Equal(9, template.Tools[1].Location.Line);
    }

    [Fact]
    public void RootListOfFunctionTools_IsEveryTool()
    {
        Assert.Equal(2, ReadOne("agent/functions.yaml", RootListYaml).Tools.Count);
    }

    [Theory]
    // An Ansible-like task list, a list of names and descriptions with no schema, an API description, a deployment.
    [InlineData("/repo/deploy/site.yml", "- name: install the web server\n  apt:\n    name: nginx\n- name: start it\n  service:\n    name: nginx\n")]
    [InlineData("/repo/data/commands.yml", "- name: deploy\n  description: Deploys the app.\n- name: rollback\n  description: Rolls back.\n")]
    [InlineData("/repo/api/openapi.yaml", "openapi: 3.0.0\npaths:\n  /rooms:\n    get:\n      parameters:\n        - name: floor\n          description: Floor.\n          schema:\n            type: object\n")]
    [InlineData("/repo/k8s/app.yaml", "apiVersion: v1\nkind: ConfigMap\ndata:\n  type: function\n")]
    public void YamlThatIsNotClearlyAToolList_IsNotTaken(string path, string text)
    {
        Assert.Equal(PromptFileKind.Unknown, Detect(path, text));
    }

    [Fact]
    public void ToolYamlWhoseAliasesExpandPastTheLimit_IsAProblemWithALine_NotAHang()
    {
        var text = "type: function\nfunction:\n  name: boom\n  description: &a0 \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"\n  parameters:\n    type: object\n    properties:\n";
        for (var i = 1; i <= 12; i++)
        {
            text += $"      p{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]\n";
        }

        var result = PromptFileReader.Read(new PromptFileInput("tools/boom.yaml", "boom", text, _ => null), PromptFileKind.ToolSchema);

        Assert.Empty(result.Templates);
        Assert.True(Assert.Single(result.Problems).Line > 1);
    }
}

