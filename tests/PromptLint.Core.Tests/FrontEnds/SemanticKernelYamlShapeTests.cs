using PromptLint.Core.FrontEnds;

namespace PromptLint.Core.Tests.FrontEnds;

/// <summary>
/// The default globs read every YAML file; one is a Semantic Kernel prompt only with the schema's shape: a text
/// <c>template</c> beside a key of that schema. A manifest with a nested <c>template:</c> mapping and a tool's
/// configuration with a text template are not prompts (before: PL0101 on the first, PL0003 on the second).
/// </summary>
public sealed class SemanticKernelYamlShapeTests
{
    private static PromptFileKind Found(string path, string text)
        => PromptFileKinds.Resolve(PromptFileKinds.DetectKindName, path, text.Length, () => text, 1_000_000);

    [Theory]
    [InlineData("name: Summarise\ntemplate: |\n  Summarise {{$input}} in one line.\ntemplate_format: semantic-kernel\n")]
    [InlineData("template: 'Translate {{$text}} to French.'\ninput_variables:\n  - name: text\n")]
    [InlineData("description: Picks a title\ntemplate: >\n  Suggest a title for {{$article}}.\nexecution_settings:\n  default:\n    max_tokens: 40\n")]
    public void SemanticKernelPromptYaml_IsTaken(string text)
    {
        Assert.Equal(PromptFileKind.SemanticKernelYaml, Found("plugins/writer/title.yaml", text));
    }

    [Theory]
    [InlineData("apiVersion: v1\nkind: Deployment\ntemplate:\n  metadata:\n    labels:\n      app: web\n  spec:\n    containers:\n      - name: web\n")]
    [InlineData("name-template: v$NEXT\ntemplate: |\n  ## Changes\n  $CHANGES\n")]
    [InlineData("template: [a, b]\ndescription: two parts\n")]
    [InlineData("template: # filled by the pipeline\n  path: base.yml\ndescription: a pipeline stage\n")]
    [InlineData("name: atdd\ndescription: Writes acceptance tests first\ntemplate: \"{installed_path}/template.md\"\ninstructions: steps.md\n")]
    [InlineData("name: retro\ndescription: Runs a retrospective\ntemplate: false\n")]
    [InlineData("name: deep-dive\ndescription: Documents one area\ntemplate: false # an action workflow\n")]
    [InlineData("description: A workflow step\ntemplate: checklist.md\n")]
    public void YamlThatIsNotAPrompt_IsNotTakenByDefault(string text)
    {
        Assert.Equal(PromptFileKind.Unknown, Found("deploy/app.yaml", text));
    }

    [Fact]
    public void TextTemplateInAPromptsFolder_IsTakenWithoutOtherKeys()
    {
        const string text = "template: |\n  Hello {{$name}}\n";
        Assert.Equal(PromptFileKind.SemanticKernelYaml, Found("app/Prompts/hello.yaml", text));
        Assert.Equal(PromptFileKind.Unknown, Found("app/config/hello.yaml", text));

        // A broken template in a prompts folder is still a prompt file, so PL0101 can say what is wrong with it.
        const string broken = "name: x\ntemplate: [unclosed\n";
        Assert.Equal(PromptFileKind.SemanticKernelYaml, Found("app/Prompts/bad.yaml", broken));
        Assert.Equal(PromptFileKind.Unknown, Found("app/config/bad.yaml", broken));
    }

    [Fact]
    public void AListedFileWithATemplateKey_IsStillReadAsSemanticKernelYaml()
    {
        // A file a user lists keeps PL0101 when its template is not text: the diagnostic says what to fix.
        const string text = "template:\n  nested: true\n";
        Assert.Equal(PromptFileKind.SemanticKernelYaml, PromptFileKinds.Resolve("auto", "Prompts/broken.yaml", text.Length, () => text, 1_000_000));
    }
}
