using PromptLint.CodeFixes;

namespace PromptLint.Analyzers.Tests.CodeFixes;

/// <summary>PL0010 and PL0011 fixed in plain-text prompt files; the count drops by what the message promised.</summary>
public class TidyTextPromptFileFixTests
{
    [Fact]
    public async Task CostlyCharacters_BecomeAscii_AndTheFileShrinksByThePromisedTokens()
    {
        const string before = "Answer in one paragraph\u00A0\u00A0\u2026 no \u201Cmarketing\u201D words.\r\nDon\u2019t guess.\r\n";

        var (diagnostic, fixes) = await PromptFileFixHarness.FixesAsync(new TidyTextPromptFileFix(), "PL0010", "tone.md", before);

        var fix = Assert.Single(fixes);
        Assert.Equal("Replace the characters with ASCII in the prompt file", fix.Title);
        Assert.Equal("Answer in one paragraph  ... no \"marketing\" words.\r\nDon't guess.\r\n", fix.FixedText);
        Assert.Equal(diagnostic.Properties["tokensSaved"], (Count(before) - Count(fix.FixedText)).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Whitespace_IsRemoved_KeepingLineEndingsAndOneBlankLine()
    {
        const string before = "# Role   \nYou answer billing questions.\t\t\n\n\n\n\n## Rules  \n- Be brief.    \n- Cite the policy.\n\n\n\nEnd.\n";
        var (diagnostic, fixes) = await PromptFileFixHarness.FixesAsync(new TidyTextPromptFileFix(), "PL0011", "billing.md", before);

        var fix = Assert.Single(fixes);
        Assert.Equal("# Role\nYou answer billing questions.\n\n## Rules\n- Be brief.\n- Cite the policy.\n\nEnd.\n", fix.FixedText);
        Assert.Equal(diagnostic.Properties["tokensSaved"], (Count(before) - Count(fix.FixedText)).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task FilesWithHoles_GetNoFix()
    {
        const string before = "Hello {{name}},   \n\n\n\n\nAnswer in one paragraph.   \nBe brief.   \n";

        Assert.Empty((await PromptFileFixHarness.FixesAsync(new TidyTextPromptFileFix(), "PL0011", "greeting.md", before)).Fixes);
    }

    // The footprint counts LF text with an independent tokenizer as the oracle.
    private static int Count(string text) => SharpToken.GptEncoding.GetEncoding("o200k_base").CountTokens(text.Replace("\r\n", "\n"));
}
