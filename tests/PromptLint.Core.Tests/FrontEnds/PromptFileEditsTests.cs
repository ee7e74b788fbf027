using PromptLint.Core.FrontEnds;

namespace PromptLint.Core.Tests.FrontEnds;

/// <summary>The output-cap edit puts the key where it belongs, keeps comments, order and line endings, and re-parses with the cap.</summary>
public class PromptFileEditsTests
{
    private static void AssertCap(PromptFileKind kind, string path, string text, string expected, int cap = 512)
    {
        var edited = PromptFileEdits.AddOutputCap(kind, text, cap);

        Assert.Equal(expected, edited);
        var template = Assert.Single(PromptFileReader.Read(new PromptFileInput(path, path, edited!), kind).Templates);
        Assert.Equal(cap, template.OutputCap);
    }

    [Fact]
    public void PromptyV1WithParameters_AddsMaxTokensBesideTheOthers()
        => AssertCap(PromptFileKind.Prompty, "a.prompty",
            "---\nname: A # the name\nmodel:\n  configuration:\n    name: gpt-4o\n  parameters:\n    temperature: 0\n---\nsystem:\nHi\n",
            "---\nname: A # the name\nmodel:\n  configuration:\n    name: gpt-4o\n  parameters:\n    temperature: 0\n    max_tokens: 512\n---\nsystem:\nHi\n");

    [Fact]
    public void PromptyV1WithoutParameters_AddsTheMapping()
        => AssertCap(PromptFileKind.Prompty, "a.prompty",
            "---\nname: A\nmodel:\n    api: chat\n    configuration:\n        name: gpt-4o\nsample:\n    q: x\n---\nsystem:\nHi\n",
            "---\nname: A\nmodel:\n    api: chat\n    configuration:\n        name: gpt-4o\n    parameters:\n        max_tokens: 512\nsample:\n    q: x\n---\nsystem:\nHi\n");

    [Fact]
    public void PromptyV2_AddsMaxOutputTokensUnderOptions()
        => AssertCap(PromptFileKind.Prompty, "a.prompty",
            "---\nname: A\nmodel:\n  id: gpt-4.1-mini\n---\nsystem:\nHi\n",
            "---\nname: A\nmodel:\n  id: gpt-4.1-mini\n  options:\n    maxOutputTokens: 512\n---\nsystem:\nHi\n");

    [Fact]
    public void PromptyWithoutModel_AddsModelParametersAtTheEndOfTheFrontMatter()
        => AssertCap(PromptFileKind.Prompty, "a.prompty",
            "---\nname: A\n---\nsystem:\nHi\n",
            "---\nname: A\nmodel:\n  parameters:\n    max_tokens: 512\n---\nsystem:\nHi\n");

    [Fact]
    public void SemanticKernelYaml_WithoutSettings_AppendsThemKeepingCrLf()
        => AssertCap(PromptFileKind.SemanticKernelYaml, "s.yaml",
            "name: Story\r\ntemplate: |\r\n  Tell a story about {{$topic}}.\r\ntemplate_format: semantic-kernel\r\n",
            "name: Story\r\ntemplate: |\r\n  Tell a story about {{$topic}}.\r\ntemplate_format: semantic-kernel\r\nexecution_settings:\r\n  default:\r\n    max_tokens: 512\r\n");

    [Fact]
    public void SemanticKernelYaml_WithDefaultSettings_AddsBesideTemperature()
        => AssertCap(PromptFileKind.SemanticKernelYaml, "s.yaml",
            "name: Story\ntemplate: Tell a story.\nexecution_settings:\n  default:\n    temperature: 0.6\ninput_variables: []\n",
            "name: Story\ntemplate: Tell a story.\nexecution_settings:\n  default:\n    temperature: 0.6\n    max_tokens: 512\ninput_variables: []\n");

    [Fact]
    public void GitHubPromptYml_AddsModelParameters()
        => AssertCap(PromptFileKind.GitHubModels, "a.prompt.yml",
            "model: openai/gpt-4o-mini\nmodelParameters:\n  temperature: 0.2\nmessages:\n  - role: user\n    content: Hi\n",
            "model: openai/gpt-4o-mini\nmodelParameters:\n  temperature: 0.2\n  maxTokens: 512\nmessages:\n  - role: user\n    content: Hi\n");

    [Fact]
    public void GitHubPromptYml_MessagesLastWithoutModelParameters_AddsThemAfterTheList()
        => AssertCap(PromptFileKind.GitHubModels, "a.prompt.yml",
            "model: openai/gpt-4o-mini\nmessages:\n  - role: system\n    content: Summarize the thread.\n  - role: user\n    content: |\n      {{thread}}\n",
            "model: openai/gpt-4o-mini\nmessages:\n  - role: system\n    content: Summarize the thread.\n  - role: user\n    content: |\n      {{thread}}\nmodelParameters:\n  maxTokens: 512\n");

    [Theory]
    [InlineData(PromptFileKind.Prompty, "no front matter\n")]
    [InlineData(PromptFileKind.SemanticKernelYaml, "template: [broken\n")]
    [InlineData(PromptFileKind.Text, "plain text\n")]
    public void UneditableFiles_AreLeftAlone(PromptFileKind kind, string text)
        => Assert.Null(PromptFileEdits.AddOutputCap(kind, text, 100));
}
