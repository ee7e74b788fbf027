using PromptLint.Core.FrontEnds;
using PromptLint.Core.Model;
using static PromptLint.Core.Tests.FrontEnds.FrontEndFacts;

namespace PromptLint.Core.Tests.FrontEnds;

public class PromptFileReaderTests
{
    public static TheoryData<PromptFileKind, string> ReadableKinds => new()
    {
        { PromptFileKind.Prompty, "prompts/triage.prompty" },
        { PromptFileKind.SemanticKernelYaml, "Prompts/GenerateStory.yaml" },
        { PromptFileKind.SemanticKernelPrompt, "Plugins/Fun/Joke/skprompt.txt" },
        { PromptFileKind.GitHubModels, ".github/prompts/summarize.prompt.yml" },
        { PromptFileKind.Text, "Prompts/welcome.md" },
        { PromptFileKind.ToolSchema, "tools/support.tools.json" },
        { PromptFileKind.Jinja, "flows/chat.jinja2" },
        { PromptFileKind.Handlebars, "templates/chat.hbs" },
        { PromptFileKind.Agent, "agents/planner.agent.md" },
    };

    [Theory]
    [MemberData(nameof(ReadableKinds))]
    public void BinaryFile_ReportsLine1WithoutReading(PromptFileKind kind, string path)
    {
        var result = PromptFileReader.Read(Input(path, "PK\u0003\u0004\0\0\u0014\0binary"), kind);

        var problem = SingleProblem(result);
        Assert.Equal(path, problem.Path);
        Assert.Equal(1, problem.Line);
        Assert.Contains("binary", problem.Message);
        Assert.Empty(result.Templates);
    }

    public static TheoryData<PromptFileKind, string> StructuredKinds => new()
    {
        { PromptFileKind.Prompty, "prompts/triage.prompty" },
        { PromptFileKind.SemanticKernelYaml, "Prompts/GenerateStory.yaml" },
        { PromptFileKind.GitHubModels, ".github/prompts/summarize.prompt.yml" },
        { PromptFileKind.ToolSchema, "tools/support.tools.json" },
    };

    public static TheoryData<PromptFileKind, string> TemplateKinds => new()
    {
        { PromptFileKind.SemanticKernelPrompt, "Plugins/Fun/Joke/skprompt.txt" },
        { PromptFileKind.Text, "Prompts/welcome.md" },
        { PromptFileKind.Jinja, "flows/chat.jinja2" },
        { PromptFileKind.Handlebars, "templates/chat.hbs" },
        { PromptFileKind.Agent, "agents/planner.agent.md" },
    };

    // Regression (issue 29): an empty template is valid (OpenHands ships empty user_prompt.j2 files): nothing to
    // measure and nothing wrong, where it was PL0101.
    [Theory]
    [MemberData(nameof(TemplateKinds))]
    public void EmptyTemplate_GivesNothingAndNoProblem(PromptFileKind kind, string path)
    {
        foreach (var text in new[] { string.Empty, " \r\n\t\n   \n", "\uFEFF\n" })
        {
            var result = PromptFileReader.Read(Input(path, text), kind);

            Assert.Empty(result.Problems);
            Assert.Empty(result.Templates);
        }
    }

    [Theory]
    [MemberData(nameof(StructuredKinds))]
    public void EmptyFile_ReportsLine1(PromptFileKind kind, string path)
    {
        var result = PromptFileReader.Read(Input(path, string.Empty), kind);

        var problem = SingleProblem(result);
        Assert.Equal(path, problem.Path);
        Assert.Equal(1, problem.Line);
        Assert.Contains("empty", problem.Message);
        Assert.Empty(result.Templates);
    }

    [Theory]
    [MemberData(nameof(StructuredKinds))]
    public void WhitespaceOnlyFile_ReportsLine1(PromptFileKind kind, string path)
    {
        var result = PromptFileReader.Read(Input(path, " \r\n\t\n   \n"), kind);

        var problem = SingleProblem(result);
        Assert.Equal(path, problem.Path);
        Assert.Equal(1, problem.Line);
        Assert.Contains("empty", problem.Message);
    }

    [Fact]
    public void ByteOrderMarkOnlyFile_ReportsEmpty()
    {
        var problem = SingleProblem(PromptFileReader.Read(Input("prompts/triage.prompty", "\uFEFF\n"), PromptFileKind.Prompty));

        Assert.Contains("empty", problem.Message);
    }

    [Theory]
    [InlineData(PromptFileKind.Unknown)]
    [InlineData(PromptFileKind.SemanticKernelConfig)]
    public void KindsNotReadOnTheirOwn_GiveNothing(PromptFileKind kind)
    {
        var result = PromptFileReader.Read(Input("Plugins/Fun/Joke/config.json", "{ \"schema\": 1, \"execution_settings\": { \"default\": { \"max_tokens\": 0 } } }"), kind);

        Assert.Empty(result.Templates);
        Assert.Empty(result.Problems);
    }

    [Theory]
    [InlineData(PromptFileKind.Unknown)]
    [InlineData(PromptFileKind.SemanticKernelConfig)]
    public void KindsNotReadOnTheirOwn_IgnoreEvenBinaryText(PromptFileKind kind)
    {
        var result = PromptFileReader.Read(Input("bin/tool.dll", "MZ\0\0"), kind);

        Assert.Empty(result.Problems);
    }

    [Fact]
    public void Prompty_IsDispatchedToThePromptyFrontEnd()
    {
        var template = Single(PromptFileReader.Read(Input("a.prompty", "---\nmodel:\n  id: gpt-4o\n---\nuser:\n{{q}}\n"), PromptFileKind.Prompty));

        Assert.Equal("gpt-4o", template.Model);
        Assert.Equal(PromptRole.User, template.Role);
    }

    [Fact]
    public void SemanticKernelYaml_IsDispatchedToTheYamlReader()
    {
        var template = Single(PromptFileReader.Read(Input("a.yaml", "name: A\ntemplate: Hi {{$name}}\nexecution_settings:\n  default:\n    max_tokens: 50\n"), PromptFileKind.SemanticKernelYaml));

        Assert.Equal(50, template.OutputCap);
        Assert.Equal(new[] { "name" }, HoleNames(template));
    }

    [Fact]
    public void SkPrompt_IsDispatchedWithItsCompanions()
    {
        var input = Input("Joke/skprompt.txt", "Tell a joke about {{$input}}", name => name == "config.json" ? ("Joke/config.json", "{ \"completion\": { \"max_tokens\": 70 } }") : null);

        var template = Single(PromptFileReader.Read(input, PromptFileKind.SemanticKernelPrompt));

        Assert.Equal(70, template.OutputCap);
    }

    [Fact]
    public void SkPromptWithBadConfig_ReportsTheConfigPath()
    {
        var input = Input("Joke/skprompt.txt", "Tell a joke about {{$input}}", name => name == "config.json" ? ("Joke/config.json", "{\n  \"completion\": {\n    \"max_tokens\": 70,,\n  }\n}") : null);

        var result = PromptFileReader.Read(input, PromptFileKind.SemanticKernelPrompt);

        var problem = SingleProblem(result);
        Assert.Equal("Joke/config.json", problem.Path);
        Assert.Equal(3, problem.Line);
    }

    [Fact]
    public void GitHubModels_IsDispatchedToItsFrontEnd()
    {
        var template = Single(PromptFileReader.Read(Input("a.prompt.yml", "model: openai/gpt-4o\nmessages:\n  - role: user\n    content: Hi\n"), PromptFileKind.GitHubModels));

        Assert.Equal("openai/gpt-4o", template.Model);
    }

    [Fact]
    public void Text_IsDispatchedToTheTextFrontEnd()
    {
        var template = Single(PromptFileReader.Read(Input("a.md", "Hi {name}"), PromptFileKind.Text));

        Assert.Equal(new[] { "name" }, HoleNames(template));
    }

    [Fact]
    public void ToolSchema_IsDispatchedToTheToolSchemaFrontEnd()
    {
        var template = Single(PromptFileReader.Read(Input("a.tools.json", "[{\"name\":\"ping\",\"inputSchema\":{}}]"), PromptFileKind.ToolSchema));

        Assert.Equal("ping", Assert.Single(template.Tools).Name);
    }

    [Theory]
    [InlineData(PromptFileKind.Prompty, "---\nname: x\nmodel: {id: [gpt-4o\n  api: chat\n---\nHi\n", 4)]
    [InlineData(PromptFileKind.SemanticKernelYaml, "name: x\ntemplate: hi\ntags: [a, b\nmore: c\n", 3)]
    [InlineData(PromptFileKind.GitHubModels, "model: openai/gpt-4o\nmessages: [\n  role: user\n", 4)]
    [InlineData(PromptFileKind.ToolSchema, "[{\"name\": \"x\", \"inputSchema\": {]", 1)]
    public void MalformedInputThatTripsTheParser_GivesAProblemWithALineNotAnException(PromptFileKind kind, string text, int line)
    {
        var result = PromptFileReader.Read(Input("bad.file", text), kind);

        var problem = Assert.Single(result.Problems);
        Assert.Equal("bad.file", problem.Path);
        Assert.Equal(line, problem.Line);
        Assert.DoesNotContain("could not be read", problem.Message);
        Assert.Contains("invalid", problem.Message);
    }
}
