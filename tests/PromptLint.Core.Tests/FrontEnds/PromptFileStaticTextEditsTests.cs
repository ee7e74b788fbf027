using PromptLint.Core.FrontEnds;
using PromptLint.Core.Model;
using PromptLint.Core.Rules;
using SharpToken;

namespace PromptLint.Core.Tests.FrontEnds;

/// <summary>
/// The static-text rewrite of prompt files (the file fixes of PL0010–PL0012): only prompt text changes, holes and
/// YAML stay as written, line endings are kept, and the prompt shrinks by exactly the rule's saving.
/// </summary>
public class PromptFileStaticTextEditsTests
{
    private static readonly GptEncoding O200k = GptEncoding.GetEncoding("o200k_base");

    private static int StaticTokens(PromptFileKind kind, string path, string text)
        => PromptFileReader.Read(new PromptFileInput(path, path, text), kind).Templates
            .SelectMany(t => t.Messages).SelectMany(m => m.Segments).Where(s => !s.IsHole)
            .Sum(s => O200k.CountTokens(s.Text.Replace("\r\n", "\n")));

    private static int RuleSaving(PromptFileKind kind, string path, string text, Func<string, string> rewrite)
        => PromptFileReader.Read(new PromptFileInput(path, path, text), kind).Templates
            .SelectMany(t => t.Messages).SelectMany(m => m.Segments).Where(s => !s.IsHole)
            .Select(s => s.Text.Replace("\r\n", "\n"))
            .Sum(s => O200k.CountTokens(s) - O200k.CountTokens(rewrite(s)));

    private static string AssertRewrite(PromptFileKind kind, string path, string text, Func<string, string> rewrite, string expected)
    {
        var edited = PromptFileEdits.RewriteStaticText(kind, path, text, rewrite);

        Assert.Equal(expected, edited);
        var saving = RuleSaving(kind, path, text, rewrite);
        Assert.True(saving > 0);
        Assert.Equal(StaticTokens(kind, path, text) - saving, StaticTokens(kind, path, edited!));
        return edited!;
    }

    [Fact]
    public void TextTemplateWithHoles_CollapsesWhitespaceBetweenHoles_HoleSpellingUntouched()
        => AssertRewrite(PromptFileKind.Text, "a.md",
            "You answer questions about {{ product }}.   \n\n\n\nContext:\t\n{{context}}\n\n\n\nQuestion: {{question}}\n",
            WhitespaceBloat.Collapse,
            "You answer questions about {{ product }}.\n\nContext:\n{{context}}\n\nQuestion: {{question}}\n");

    [Fact]
    public void TextTemplate_CurlyQuoteInsideAHole_IsNotRewritten()
    {
        var edited = PromptFileEdits.RewriteStaticText(PromptFileKind.Text, "a.txt", "Say \u201Chello\u201D to {{name \u201Cx\u201D}}.\n", CostlyCharacters.ToAscii);

        Assert.Equal("Say \"hello\" to {{name \u201Cx\u201D}}.\n", edited);
    }

    [Fact]
    public void PromptyBody_MinifiesTheJsonExample_FrontMatterAndCommentsKept()
        => AssertRewrite(PromptFileKind.Prompty, "x.prompty",
            "---\nname: Extract # keep me\nmodel:\n  configuration:\n    name: gpt-4o\n  parameters:\n    max_tokens: 300\n---\nsystem:\nExtract the order. Reply like this:\n{\n    \"order_id\": \"A-1\",\n    \"items\": [\n        {\"sku\": \"X\", \"qty\": 2}\n    ]\n}\n\nuser:\n{{message}}\n",
            PrettyJson.MinifyAll,
            "---\nname: Extract # keep me\nmodel:\n  configuration:\n    name: gpt-4o\n  parameters:\n    max_tokens: 300\n---\nsystem:\nExtract the order. Reply like this:\n{\"order_id\":\"A-1\",\"items\":[{\"sku\":\"X\",\"qty\":2}]}\n\nuser:\n{{message}}\n");

    [Fact]
    public void SemanticKernelYamlLiteralBlock_KeepsIndentationCommentsAndCrLf()
        => AssertRewrite(PromptFileKind.SemanticKernelYaml, "s.yaml",
            "name: Story # the function\r\ntemplate: |\r\n  Tell a story about {{$topic}}.   \r\n  \r\n  \r\n  \r\n  Keep it short.\r\ntemplate_format: semantic-kernel\r\nexecution_settings:\r\n  default:\r\n    max_tokens: 400\r\n",
            WhitespaceBloat.Collapse,
            "name: Story # the function\r\ntemplate: |\r\n  Tell a story about {{$topic}}.\r\n\r\n  Keep it short.\r\ntemplate_format: semantic-kernel\r\nexecution_settings:\r\n  default:\r\n    max_tokens: 400\r\n");

    [Fact]
    public void GitHubModelsLiteralContent_IsRewritten_QuotedContentWithoutWasteStaysAsWritten()
        => AssertRewrite(PromptFileKind.GitHubModels, "a.prompt.yml",
            "model: openai/gpt-4o-mini\nmodelParameters:\n  maxTokens: 200\nmessages:\n  - role: system\n    content: |\n      You are a \u201Chelpful\u201D\u00A0assistant\u200B \u2014 be brief.\n  - role: user\n    content: \"Say hi to {{name}}\"\n",
            CostlyCharacters.ToAscii,
            "model: openai/gpt-4o-mini\nmodelParameters:\n  maxTokens: 200\nmessages:\n  - role: system\n    content: |\n      You are a \"helpful\" assistant - be brief.\n  - role: user\n    content: \"Say hi to {{name}}\"\n");

    [Fact]
    public void CostlyCharactersAlsoInAQuotedMessage_NoRewrite_BecauseItWouldSaveLessThanPromised()
    {
        Assert.Null(PromptFileEdits.RewriteStaticText(PromptFileKind.GitHubModels, "a.prompt.yml",
            "model: openai/gpt-4o-mini\nmessages:\n  - role: system\n    content: |\n      Be \u201Cbrief\u201D.\n  - role: user\n    content: \"Say \u201Chi\u201D\"\n",
            CostlyCharacters.ToAscii));
    }

    [Theory]
    [InlineData(PromptFileKind.SemanticKernelYaml, "s.yaml", "name: S\ntemplate: \"Say \u201Chi\u201D.\"\n")]        // quoted: escapes
    [InlineData(PromptFileKind.SemanticKernelYaml, "s.yaml", "name: S\ntemplate: >\n  Say \u201Chi\u201D.\n")]    // folded
    [InlineData(PromptFileKind.SemanticKernelYaml, "s.yaml", "name: S\ntemplate: |\n  Say hi.\n")]                   // nothing to do
    [InlineData(PromptFileKind.Prompty, "x.prompty", "no front matter \u201Chi\u201D\n")]
    [InlineData(PromptFileKind.ToolSchema, "t.tools.json", "[{\"type\":\"function\",\"function\":{\"name\":\"f\",\"description\":\"\u201Cx\u201D\"}}]")]
    public void NothingSafeToRewrite_ReturnsNull(PromptFileKind kind, string path, string text)
    {
        Assert.Null(PromptFileEdits.RewriteStaticText(kind, path, text, CostlyCharacters.ToAscii));
    }

    [Fact]
    public void BrokenYaml_ReturnsNull_NeverThrows()
    {
        Assert.Null(PromptFileEdits.RewriteStaticText(PromptFileKind.SemanticKernelYaml, "s.yaml", "template: |\n  Say \u201Chi\u201D.\n bad: [\n", CostlyCharacters.ToAscii));
    }
    // Agent, command and skill files (a fifth held-out round): the summary counted their findings as fixable with --fix,
    // and --fix then found nothing it could edit.
    [Fact]
    public void AgentFileBody_UnpadsItsTable_FrontMatterKept()
        // The body's last line ends the message: the rule leaves it as it is, and so does the fix.
        => AssertRewrite(PromptFileKind.Agent, "release.agent.md",
            "---\nname: release-helper\ndescription: Prepares a release.\n---\n\nYou prepare releases.\n\n| Step      | Command            |\n| --------- | ------------------ |\n| Build     | `make release`     |\n| Publish   | `make publish`     |\n",
            WhitespaceBloat.Collapse,
            "---\nname: release-helper\ndescription: Prepares a release.\n---\n\nYou prepare releases.\n\n| Step | Command |\n| --- | --- |\n| Build | `make release` |\n| Publish   | `make publish`     |\n");

    [Fact]
    public void AgentFileWithoutFrontMatter_IsAllPromptText()
        => AssertRewrite(PromptFileKind.Agent, ".claude/commands/tidy.md",
            "Tidy the change log:   \n\n\n\nkeep one entry per release.\n",
            WhitespaceBloat.Collapse,
            "Tidy the change log:\n\nkeep one entry per release.\n");

    [Fact]
    public void JinjaTemplate_CollapsesItsText_TagsAndRoleLinesKept()
        => AssertRewrite(PromptFileKind.Jinja, "chat.jinja2",
            "# system:\nYou answer questions about Contoso products.   \n\n\n\n{% for item in documents %}\n{{ item.title }}: {{ item.content }}\n{% endfor %}\n\n# user:\n{{question}}\n",
            WhitespaceBloat.Collapse,
            "# system:\nYou answer questions about Contoso products.\n\n{% for item in documents %}\n{{ item.title }}: {{ item.content }}\n{% endfor %}\n\n# user:\n{{question}}\n");
}
