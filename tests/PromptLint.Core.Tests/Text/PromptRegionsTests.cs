using PromptLint.Core.FrontEnds;
using PromptLint.Core.Model;
using PromptLint.Core.Text;

namespace PromptLint.Core.Tests.Text;

/// <summary>The regions model itself: what each stretch of a prompt's text is taken for (docs/regions.md).</summary>
public sealed class PromptRegionsTests
{
    private static PromptRegionKind KindOf(string text, string probe) => TextRegions.Of(text).KindAt(text.IndexOf(probe, StringComparison.Ordinal));

    [Fact]
    public void PlainInstructions_AreProse()
    {
        Assert.Equal(PromptRegionKind.Prose, KindOf("You are a support agent.\nAnswer in two sentences.\n", "Answer"));
    }

    [Fact]
    public void FencedBlock_IsCodeWithItsFenceLinesAndInfoString()
    {
        const string text = "Run this:\n\n```bash\ndotnet build\n```\n\nThen report.\n";
        var regions = TextRegions.Of(text);

        Assert.Equal(PromptRegionKind.Code, regions.KindAt(text.IndexOf("```bash", StringComparison.Ordinal)));
        Assert.Equal(PromptRegionKind.Code, regions.KindAt(text.IndexOf("dotnet", StringComparison.Ordinal)));
        Assert.Equal(PromptRegionKind.Prose, regions.KindAt(text.IndexOf("Then", StringComparison.Ordinal)));
        Assert.Equal("bash", Assert.Single(regions.Fences).Info);
    }

    [Fact]
    public void ClosingFenceWithAnInfoString_DoesNotCloseTheBlock()
    {
        const string text = "```\nfirst\n```bash\nstill code\n```\nprose\n";
        Assert.Equal(PromptRegionKind.Code, KindOf(text, "still code"));
        Assert.Equal(PromptRegionKind.Prose, KindOf(text, "prose"));
    }

    [Fact]
    public void BacktickSpan_IsInlineCode()
    {
        Assert.Equal(PromptRegionKind.InlineCode, KindOf("Save it under `skills/{name}/SKILL.md` now.", "{name}"));
        Assert.Equal(PromptRegionKind.Prose, KindOf("Save it under `skills/{name}/SKILL.md` now.", "now"));
    }

    [Theory]
    [InlineData("## Examples\n\n### Example 1\nInput: a\n\n## Rules\nBe brief.\n", "Input: a", PromptRegionKind.Example)]
    [InlineData("## Examples\n\n### Example 1\nInput: a\n\n## Rules\nBe brief.\n", "Be brief", PromptRegionKind.Prose)]
    [InlineData("EXAMPLE\nConversation history:\nHuman: hi\nEND OF EXAMPLE\nNow answer.\n", "Human: hi", PromptRegionKind.Example)]
    [InlineData("EXAMPLE\nConversation history:\nHuman: hi\nEND OF EXAMPLE\nNow answer.\n", "Now answer", PromptRegionKind.Prose)]
    [InlineData("<examples>\nQ: one\n</examples>\nAnswer now.\n", "Q: one", PromptRegionKind.Example)]
    [InlineData("## Output Format\n\nReturn exactly:\n{\"ok\": true}\n", "{\"ok\"", PromptRegionKind.OutputFormat)]
    [InlineData("Respond in this JSON format:\n{\"ok\": true}\n", "{\"ok\"", PromptRegionKind.OutputFormat)]
    [InlineData("| id | name |\n|---|---|\n| 1 | Ada |\n", "Ada", PromptRegionKind.Data)]
    [InlineData("- **Dependency file**: requirements.txt, pyproject.toml\n", "requirements", PromptRegionKind.Data)]
    [InlineData("- **Note**: always answer in English, whatever the question.\n", "always", PromptRegionKind.Prose)]
    [InlineData("USER: EXECUTION RESULT of [run]:\n[1]+  Done    app.py\n", "[1]+", PromptRegionKind.Verbatim)]
    [InlineData("---\ndescription: a reviewer\ntools: ['search']\n---\nReview the code.\n", "description", PromptRegionKind.NotSent)]
    [InlineData("---\ndescription: a reviewer\ntools: ['search']\n---\nReview the code.\n", "Review", PromptRegionKind.Prose)]
    [InlineData("Intro.\n\n---\n\nkey: not front matter\n---\n", "key:", PromptRegionKind.Prose)]
    public void Sections_AreTakenForWhatTheirNameSays(string text, string probe, PromptRegionKind expected)
    {
        Assert.Equal(expected, KindOf(text, probe) & ~PromptRegionKind.InlineCode);
    }

    [Fact]
    public void AFenceAroundAHole_IsSeenWholeInItsMessage()
    {
        var segments = TemplateSyntax.Split("Reply with:\n```bash\n{{cli}}\n```\nThen stop.\n", TemplateFlavor.Plain);
        var template = new PromptTemplate("p", new SourceLocation("p.md", 1, 1), PromptRole.System, new[] { new PromptMessage(PromptRole.System, segments) });
        var regions = PromptRegions.Of(template);
        var after = segments.Count - 1;

        Assert.True(segments[1].IsHole);
        Assert.Equal(PromptRegionKind.Code, regions.KindOfHole(0, 1));
        Assert.Equal(PromptRegionKind.Prose, regions.KindAt(0, after, segments[after].Text.IndexOf("Then", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("<a")]
    [InlineData("`` `")]
    [InlineData("- **a**: b, ")]
    [InlineData("Respond in: ")]
    public async Task HostileLongLines_AreReadInOnePass(string unit)
    {
        // One line of 200,000 characters and the same as 20,000 lines: a quadratic pass would not finish.
        var line = unit + new string('a', 200_000);
        var lines = string.Concat(Enumerable.Repeat(unit + "\n", 20_000));
        var work = Task.Run(() => (TextRegions.Of(line).Length, TextRegions.Of(lines).Length));

        var finished = await Task.WhenAny(work, Task.Delay(TimeSpan.FromMinutes(2)));
        Assert.True(finished == work, "the regions of a long hostile text took more than two minutes");
        Assert.Equal((line.Length, lines.Length), await work);
    }
}
