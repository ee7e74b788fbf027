using PromptLint.Core.FrontEnds;

namespace PromptLint.Core.Tests.FrontEnds;

/// <summary>
/// Kinds confirmed by content (issue 29): a file the default globs take by its extension or folder is read only when
/// its first kilobytes show it is a prompt of that kind; a file a user lists ('auto') is read by its name as before.
/// </summary>
public class PromptFileDetectionTests
{
    private static PromptFileKind Detect(string path, string text)
        => PromptFileKinds.Resolve(PromptFileKinds.DetectKindName, path, text.Length, () => text, 1_000_000);

    private static PromptFileKind Auto(string path, string text)
        => PromptFileKinds.Resolve("auto", path, text.Length, () => text, 1_000_000);

    [Theory]
    [InlineData("tools/actions.json", "[\n  { \"name\": \"lights_on\", \"description\": \"Turns on the lights\" }\n]")]
    [InlineData("tools.json", "[ { \"category\": \"Apps\", \"name\": \"list_apps\", \"title\": \"List\", \"description\": \"Lists\", \"inputSchema\": { \"type\": \"object\" } } ]")]
    [InlineData("search.json", "[{\n  \"type\": \"function\",\n  \"function\": { \"name\": \"search\", \"parameters\": { \"type\": \"object\", \"required\": [\"q\"] } } }]")]
    [InlineData("mcp/list.json", "{ \"tools\": [ { \"name\": \"ping\", \"inputSchema\": {} } ] }")]
    [InlineData("mcp/response.json", "{ \"jsonrpc\": \"2.0\", \"id\": 1, \"result\": { \"tools\": [ { \"name\": \"ping\", \"inputSchema\": {} } ] } }")]
    [InlineData("anthropic.json", "\uFEFF[ { \"name\": \"get_stock\", \"description\": \"Stock\", \"input_schema\": { \"type\": \"object\" } } ]")]
    public void JsonWithTheShapeOfAToolList_IsAToolSchema_WhateverItsName(string path, string text)
    {
        Assert.Equal(PromptFileKind.ToolSchema, Detect(path, text));
        Assert.Equal(PromptFileKind.ToolSchema, Auto(path, text));
    }

    [Theory]
    [InlineData("package.json", "{ \"name\": \"app\", \"description\": \"An app\", \"version\": \"1.0.0\" }")]
    [InlineData("appsettings.json", "{ \"Logging\": { \"LogLevel\": { \"Default\": \"Information\" } } }")]
    [InlineData("data/products.json", "[ { \"name\": \"Blue Chair\", \"description\": \"A chair\" } ]")]
    [InlineData("data/people.json", "[ { \"name\": \"ada\", \"description\": \"engineer\", \"age\": 36 } ]")]
    [InlineData("manifest.json", "{ \"name\": { \"short\": \"Bot\" }, \"description\": { \"short\": \"A bot\" } }")]
    [InlineData("empty.json", "")]
    [InlineData("numbers.json", "[1, 2, 3]")]
    [InlineData("broken.json", "[ { \"name\": ")]
    public void JsonThatIsNotAToolList_IsSkipped(string path, string text)
    {
        Assert.Equal(PromptFileKind.Unknown, Detect(path, text));
    }

    [Fact]
    public void HugeJson_IsJudgedByItsStart()
    {
        var text = "[ { \"name\": \"a\", \"parameters\": { \"type\": \"object\", \"description\": \"" + new string('x', 3_000_000) + "\" } } ]";
        var asked = 0;

        // Under a raised size limit: a file the default globs find over the limit is skipped unread (DefaultDiscoveryLimitsTests).
        var kind = PromptFileKinds.Resolve(PromptFileKinds.DetectKindName, "big.json", text.Length, () => { asked++; return text.Substring(0, PromptFileKinds.HeadCharacters); }, 5_000_000);

        Assert.Equal(PromptFileKind.ToolSchema, kind);
        Assert.Equal(1, asked);
    }

    [Theory]
    [InlineData("Resources/GenerateStory.yaml", "name: GenerateStory\ntemplate: |\n  Tell a story about {{$topic}}.\ntemplate_format: semantic-kernel\n", PromptFileKind.SemanticKernelYaml)]
    [InlineData("examples/sample_prompt.yml", "name: Sample\nmodel: openai/gpt-4o-mini\nmessages:\n  - role: user\n    content: Hi {{name}}\n", PromptFileKind.GitHubModels)]
    [InlineData(".github/workflows/ci.yml", "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n", PromptFileKind.Unknown)]
    [InlineData("deploy/k8s.yaml", "apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec: {}\n", PromptFileKind.Unknown)]
    [InlineData("mkdocs.yml", "site_name: Docs\nnav:\n  - Home: index.md\n", PromptFileKind.Unknown)]
    [InlineData("dashboards/alerts.yml", "groups:\n  - name: promptlint\n    rules: []\n", PromptFileKind.Unknown)]
    public void Yaml_IsAPromptOnlyWithAPromptsKeys(string path, string text, PromptFileKind expected)
    {
        Assert.Equal(expected, Detect(path, text));
    }

    [Fact]
    public void GitHubModelsYamlNotNamedPromptYml_IsReadAsGitHubModels_EvenWhenListed()
    {
        // gh-models' own examples/*.yml needed '--kind github' or an explicit item before.
        Assert.Equal(PromptFileKind.GitHubModels, Auto("examples/sample_prompt.yml", "model: openai/gpt-4o\nmessages:\n  - role: user\n    content: Hi\n"));
    }

    [Theory]
    [InlineData("templates/commands/plan.md", "---\ndescription: Plan\n---\n\n$ARGUMENTS\n", PromptFileKind.Agent)]
    [InlineData(".claude/commands/fix.md", "Fix the issue: $ARGUMENTS\n", PromptFileKind.Agent)]
    [InlineData("cli/commands/build.md", "# build\n\nRuns the build.\n", PromptFileKind.Unknown)]
    [InlineData(".github/prompts/sparc.md", "# SPARC\n\nYou are a planner.\n", PromptFileKind.Agent)]
    [InlineData("Prompts/README.md", "# Our prompts\n", PromptFileKind.Unknown)]
    [InlineData("Prompts/CHANGELOG.md", "# 1.0\n", PromptFileKind.Unknown)]
    [InlineData("Prompts/welcome.md", "Welcome {{name}}.\n", PromptFileKind.Text)]
    [InlineData("templates/review.hbs", "<message role=\"system\">Review.</message>\n", PromptFileKind.Handlebars)]
    [InlineData("views/layout.hbs", "<html><body>{{body}}</body></html>\n", PromptFileKind.Unknown)]
    [InlineData("prompts/plain.hbs", "Summarize {{text}}.\n", PromptFileKind.Handlebars)]
    public void MarkdownAndHandlebars_AreConfirmedByContent(string path, string text, PromptFileKind expected)
    {
        Assert.Equal(expected, Detect(path, text));
    }

    // A Jinja file is read to tell a web page template from a prompt (see JinjaPageTemplateDiscoveryTests).
    [Theory]
    [InlineData("x.prompty")]
    [InlineData("agents/a.agent.md")]
    [InlineData("Plugins/A/B/skprompt.txt")]
    public void NamedFormats_DoNotReadTheText(string path)
    {
        var kind = PromptFileKinds.Resolve(PromptFileKinds.DetectKindName, path, 10, () => throw new InvalidOperationException("text read"), 1_000_000);

        Assert.NotEqual(PromptFileKind.Unknown, kind);
    }

    [Fact]
    public void ListedMarkdown_IsReadWhateverItsContent()
    {
        Assert.Equal(PromptFileKind.Text, Auto("Prompts/README.md", "# Our prompts\n"));
        Assert.Equal(PromptFileKind.Agent, Auto("cli/commands/build.md", "# build\n"));
    }
}
