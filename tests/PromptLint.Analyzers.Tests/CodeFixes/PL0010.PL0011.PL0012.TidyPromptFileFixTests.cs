using PromptLint.CodeFixes;

namespace PromptLint.Analyzers.Tests.CodeFixes;

/// <summary>PL0010, PL0011 and PL0012 fixed in prompt files of every text kind; the count drops by what the message promised.</summary>
public class TidyPromptFileFixTests
{
    [Fact]
    public async Task CostlyCharacters_BecomeAscii_AndTheFileShrinksByThePromisedTokens()
    {
        const string before = "Answer in one paragraph\u00A0\u00A0\u2026 no \u201Cmarketing\u201D words.\r\nDon\u2019t guess.\r\n";

        var (diagnostic, fixes) = await PromptFileFixHarness.FixesAsync(new TidyPromptFileFix(), "PL0010", "tone.md", before);

        var fix = Assert.Single(fixes);
        Assert.Equal("Replace the characters with ASCII in the prompt file", fix.Title);
        Assert.Equal("Answer in one paragraph  ... no \"marketing\" words.\r\nDon't guess.\r\n", fix.FixedText);
        Assert.Equal(diagnostic.Properties["tokensSaved"], (Count(before) - Count(fix.FixedText)).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Whitespace_IsRemoved_KeepingLineEndingsAndOneBlankLine()
    {
        const string before = "# Role   \nYou answer billing questions.\t\t\n\n\n\n\n## Rules  \n- Be brief.    \n- Cite the policy.\n\n\n\nEnd.\n";
        var (diagnostic, fixes) = await PromptFileFixHarness.FixesAsync(new TidyPromptFileFix(), "PL0011", "billing.md", before);

        var fix = Assert.Single(fixes);
        Assert.Equal("# Role\nYou answer billing questions.\n\n## Rules\n- Be brief.\n- Cite the policy.\n\nEnd.\n", fix.FixedText);
        Assert.Equal(diagnostic.Properties["tokensSaved"], (Count(before) - Count(fix.FixedText)).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task TemplateWithHoles_StaticTextIsTidied_HolesAsWritten()
    {
        const string before = "Hello {{name}},   \n\n\n\n\nAnswer in one paragraph.   \nBe brief.   \n";
        var (diagnostic, fixes) = await PromptFileFixHarness.FixesAsync(new TidyPromptFileFix(), "PL0011", "greeting.md", before);

        var fix = Assert.Single(fixes);
        Assert.Equal("Hello {{name}},\n\nAnswer in one paragraph.\nBe brief.\n", fix.FixedText);
        Assert.Equal(diagnostic.Properties["tokensSaved"], (StaticCount(before) - StaticCount(fix.FixedText)).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task PrettyJsonInAPromptyBody_IsMinified_FrontMatterKept()
    {
        const string before = "---\nname: Extract # the extractor\nmodel:\n  configuration:\n    name: gpt-4o\n  parameters:\n    max_tokens: 300\n---\nsystem:\nExtract the order. Reply like this:\n{\n    \"order_id\": \"A-1\",\n    \"items\": [\n        {\n            \"sku\": \"X-100\",\n            \"qty\": 2\n        }\n    ]\n}\n\nuser:\n{{message}}\n";
        var (diagnostic, fixes) = await PromptFileFixHarness.FixesAsync(new TidyPromptFileFix(), "PL0012", "extract.prompty", before);

        var fix = Assert.Single(fixes);
        Assert.Equal("Minify the JSON or XML in the prompt file", fix.Title);
        Assert.Equal("---\nname: Extract # the extractor\nmodel:\n  configuration:\n    name: gpt-4o\n  parameters:\n    max_tokens: 300\n---\nsystem:\nExtract the order. Reply like this:\n{\"order_id\":\"A-1\",\"items\":[{\"sku\":\"X-100\",\"qty\":2}]}\n\nuser:\n{{message}}\n", fix.FixedText);
        Assert.Equal("Prompty", diagnostic.Properties["promptFileKind"]);
        Assert.Equal(diagnostic.Properties["tokensSaved"], (StaticCount(before, "prompty") - StaticCount(fix.FixedText, "prompty")).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task SemanticKernelYamlLiteralTemplate_IsFixedInPlace_QuotedTemplateGetsNoFix()
    {
        const string literal = "name: Support # keep\ntemplate: |\n  You answer \u201Cbilling\u201D\u00A0questions\u200B for {{$product}}.\ntemplate_format: semantic-kernel\nexecution_settings:\n  default:\n    max_tokens: 200\n";
        var (_, fixes) = await PromptFileFixHarness.FixesAsync(new TidyPromptFileFix(), "PL0010", "support.yaml", literal, new() { ["build_metadata.AdditionalFiles.PromptLintKind"] = "sk-yaml" });
        Assert.Equal("name: Support # keep\ntemplate: |\n  You answer \"billing\" questions for {{$product}}.\ntemplate_format: semantic-kernel\nexecution_settings:\n  default:\n    max_tokens: 200\n", Assert.Single(fixes).FixedText);

        const string quoted = "name: Support\ntemplate: \"You answer \u201Cbilling\u201D\u00A0questions\u200B for {{$product}}.\"\nexecution_settings:\n  default:\n    max_tokens: 200\n";
        Assert.Empty((await PromptFileFixHarness.FixesAsync(new TidyPromptFileFix(), "PL0010", "support.yaml", quoted, new() { ["build_metadata.AdditionalFiles.PromptLintKind"] = "sk-yaml" })).Fixes);
    }

    [Fact]
    public async Task FixAllInProject_TidiesEveryPromptFileOnce_AndLeavesCleanFilesAlone()
    {
        var files = new Dictionary<string, string>
        {
            ["a.md"] = "First prompt.   \n\n\n\nMore text.\t\n",
            ["b.md"] = "Second {{x}} prompt.  \n\n\n\n\nEnd.\n",
            ["clean.md"] = "Nothing to tidy here.\n",
        };

        var fixedFiles = await PromptFileFixHarness.FixAllAsync(new TidyPromptFileFix(), "PL0011", files);

        Assert.Equal("First prompt.\n\nMore text.\n", fixedFiles["a.md"]);
        Assert.Equal("Second {{x}} prompt.\n\nEnd.\n", fixedFiles["b.md"]);
        Assert.Equal("Nothing to tidy here.\n", fixedFiles["clean.md"]);
    }

    // The footprint counts LF text with an independent tokenizer as the oracle.
    private static int Count(string text) => SharpToken.GptEncoding.GetEncoding("o200k_base").CountTokens(text.Replace("\r\n", "\n"));

    // Static text of a prompt file as its front end reads it, counted by the oracle.
    private static int StaticCount(string text, string kind = "text")
        => Core.FrontEnds.PromptFileReader.Read(new Core.FrontEnds.PromptFileInput("p", "p", text), Core.FrontEnds.PromptFileKinds.Parse(kind)!.Value).Templates
            .SelectMany(t => t.Messages).SelectMany(m => m.Segments).Where(s => !s.IsHole).Sum(s => Count(s.Text));
}
