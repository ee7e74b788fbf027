using PromptLint.Core.FrontEnds;

namespace PromptLint.Core.Tests.FrontEnds;

public class PromptFileKindsTests
{
    [Theory]
    [InlineData("prompts/triage.prompty", PromptFileKind.Prompty)]
    [InlineData("Prompts/Triage.PROMPTY", PromptFileKind.Prompty)]
    [InlineData(".github/prompts/summarize.prompt.yml", PromptFileKind.GitHubModels)]
    [InlineData(".github/prompts/summarize.prompt.yaml", PromptFileKind.GitHubModels)]
    [InlineData("Plugins/FunPlugin/Joke/skprompt.txt", PromptFileKind.SemanticKernelPrompt)]
    [InlineData(@"Plugins\FunPlugin\Joke\SKPROMPT.TXT", PromptFileKind.SemanticKernelPrompt)]
    [InlineData("Plugins/FunPlugin/Joke/config.json", PromptFileKind.SemanticKernelConfig)]
    [InlineData("tools/support.tools.json", PromptFileKind.ToolSchema)]
    [InlineData("Prompts/GenerateStory.yaml", PromptFileKind.SemanticKernelYaml)]
    [InlineData("Prompts/GenerateStory.yml", PromptFileKind.SemanticKernelYaml)]
    [InlineData("Prompts/welcome.md", PromptFileKind.Text)]
    [InlineData("Prompts/welcome.txt", PromptFileKind.Text)]
    [InlineData(@"C:\repo\Prompts\welcome.txt", PromptFileKind.Text)]
    [InlineData("appsettings.json", PromptFileKind.Unknown)]
    [InlineData("Program.cs", PromptFileKind.Unknown)]
    [InlineData("prompty", PromptFileKind.Unknown)]
    [InlineData("notes.txt.bak", PromptFileKind.Unknown)]
    [InlineData("flows/chat/chat.jinja2", PromptFileKind.Jinja)]
    [InlineData("prompts/system_prompt.j2", PromptFileKind.Jinja)]
    [InlineData("templates/review.JINJA", PromptFileKind.Jinja)]
    [InlineData("templates/review.hbs", PromptFileKind.Handlebars)]
    [InlineData("agents/CSharpExpert.agent.md", PromptFileKind.Agent)]
    [InlineData("instructions/a11y.instructions.md", PromptFileKind.Agent)]
    [InlineData("review.prompt.md", PromptFileKind.Agent)]
    [InlineData("AGENTS.md", PromptFileKind.Agent)]
    [InlineData("skills/x/SKILL.md", PromptFileKind.Agent)]
    [InlineData(".github/copilot-instructions.md", PromptFileKind.Agent)]
    [InlineData(".github/prompts/sparc.md", PromptFileKind.Agent)]
    [InlineData(".claude/commands/frontend/plan.md", PromptFileKind.Agent)]
    [InlineData("templates/commands/plan.md", PromptFileKind.Agent)]
    [InlineData("approaches/prompts/chat_query_rewrite_tools.json", PromptFileKind.ToolSchema)]
    [InlineData("Prompts/tools/actions.json", PromptFileKind.Unknown)]
    public void Detect_PicksTheKindFromTheFileName(string path, PromptFileKind expected)
    {
        Assert.Equal(expected, PromptFileKinds.Detect(path));
    }

    [Fact]
    public void Detect_LooksAtTheFileNameNotTheFolders()
    {
        Assert.Equal(PromptFileKind.Text, PromptFileKinds.Detect("prompts.prompty/readme.md"));
        Assert.Equal(PromptFileKind.Unknown, PromptFileKinds.Detect("skprompt.txt/notes.json"));
    }

    [Theory]
    [InlineData("prompty", PromptFileKind.Prompty)]
    [InlineData(" Prompty ", PromptFileKind.Prompty)]
    [InlineData("sk-yaml", PromptFileKind.SemanticKernelYaml)]
    [InlineData("semantic-kernel", PromptFileKind.SemanticKernelYaml)]
    [InlineData("skprompt", PromptFileKind.SemanticKernelPrompt)]
    [InlineData("github", PromptFileKind.GitHubModels)]
    [InlineData("prompt.yml", PromptFileKind.GitHubModels)]
    [InlineData("text", PromptFileKind.Text)]
    [InlineData("TXT", PromptFileKind.Text)]
    [InlineData("md", PromptFileKind.Text)]
    [InlineData("tools", PromptFileKind.ToolSchema)]
    [InlineData("jinja", PromptFileKind.Jinja)]
    [InlineData("j2", PromptFileKind.Jinja)]
    [InlineData("handlebars", PromptFileKind.Handlebars)]
    [InlineData("agent", PromptFileKind.Agent)]
    public void Parse_ReadsAnExplicitKindName(string name, PromptFileKind expected)
    {
        Assert.Equal(expected, PromptFileKinds.Parse(name));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("json")]
    [InlineData("mustache")]
    public void Parse_UnknownOrMissingName_IsNull(string? name)
    {
        Assert.Null(PromptFileKinds.Parse(name));
    }

    // Regression: Semantic Kernel's own samples name prompt YAML "*.prompt.yaml"; read as GitHub Models they were PL0101.
    [Theory]
    [InlineData("Prompts/summarize.prompt.yaml", "name: Summarize\ntemplate: |\n  Summarize {{$input}}.\ntemplate_format: semantic-kernel\n", PromptFileKind.SemanticKernelYaml)]
    [InlineData("Prompts/summarize.prompt.yml", "# a comment\ntemplate: \"Summarize {{$input}}.\"\nexecution_settings:\n  default:\n    max_tokens: 100\n", PromptFileKind.SemanticKernelYaml)]
    [InlineData("Prompts/summarize.prompt.yml", "name: Summarize\nmodel: openai/gpt-4o\nmessages:\n  - role: user\n    content: \"Summarize {{input}}\"\n", PromptFileKind.GitHubModels)]
    [InlineData("Prompts/summarize.prompt.yml", "messages:\n  - role: user\n    content: \"template: {{input}}\"\n", PromptFileKind.GitHubModels)]
    [InlineData("Prompts/summarize.prompt.yml", "not: yaml: at: all", PromptFileKind.GitHubModels)]
    public void Detect_WithText_ReadsAPromptYamlWithATemplateAndNoMessagesAsSemanticKernel(string path, string text, PromptFileKind expected)
    {
        Assert.Equal(expected, PromptFileKinds.Detect(path, text));
    }

    [Fact]
    public void SemanticKernelFileNamedPromptYaml_ReadsWithoutProblems()
    {
        const string text = "name: Summarize\ntemplate: |\n  Summarize the text below in one paragraph.\n  {{$input}}\ntemplate_format: semantic-kernel\nexecution_settings:\n  default:\n    max_tokens: 200\n";
        var kind = PromptFileKinds.Detect("Prompts/summarize.prompt.yaml", text);
        var result = PromptFileReader.Read(new PromptFileInput("Prompts/summarize.prompt.yaml", "Prompts/summarize.prompt.yaml", text), kind);

        Assert.Empty(result.Problems);
        Assert.Equal(200, Assert.Single(result.Templates).OutputCap);
    }
}
