using System.Text;
using PromptLint.Core.FrontEnds;

namespace PromptLint.Core.Tests.FrontEnds;

/// <summary>
/// Issue 29, fourth held-out round: two of six fresh repositories hold skill and rule files that are valid UTF-8 but
/// contain U+FFFD characters (an earlier lossy copy turned their emoji into them). Such a file is not "not UTF-8": it is
/// measured as it is. A U+FFFD still means bad bytes where the decoder was lenient and the bytes cannot be checked.
/// </summary>
public sealed class LiteralReplacementCharacterTests
{
    private const string Skill = "---\nname: dates\ndescription: Date handling\n---\n\n\uFFFD Wrong: parse local time.\n\uFFFD Right: parse, then convert to UTC.\n";

    [Fact]
    public void ValidUtf8BytesHoldingU_FFFD_AreReadWithoutAProblem()
    {
        var decoded = PromptFileDecoding.Decode("skills/dates/SKILL.md", Encoding.UTF8.GetBytes(Skill));

        Assert.Null(decoded.Problem);
        Assert.Equal(Skill, decoded.Text);
    }

    [Fact]
    public void TextTheCompilerDecodedStrictly_HoldingU_FFFD_HasNoProblem()
    {
        var strict = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

        Assert.True(PromptFileDecoding.DecodedStrictly(strict));
        Assert.Null(PromptFileDecoding.FromCompiler("skills/dates/SKILL.md", Skill, strict));
    }

    [Fact]
    public void TextALenientDecoderProduced_HoldingU_FFFD_IsStillNotUtf8()
    {
        Assert.False(PromptFileDecoding.DecodedStrictly(Encoding.UTF8));
        Assert.False(PromptFileDecoding.DecodedStrictly(null));
        Assert.NotNull(PromptFileDecoding.FromCompiler("skills/dates/SKILL.md", Skill, Encoding.UTF8));
        Assert.NotNull(PromptFileDecoding.FromCompiler("skills/dates/SKILL.md", Skill, null));
    }

    [Fact]
    public void StrictlyDecodedFileHoldingU_FFFD_IsMeasured_NotMalformed()
    {
        var strict = PromptFileReader.Read(new PromptFileInput("skills/dates/SKILL.md", "skills/dates/SKILL.md", Skill) { DecodedStrictly = true }, PromptFileKind.Agent);
        var unknown = PromptFileReader.Read(new PromptFileInput("skills/dates/SKILL.md", "skills/dates/SKILL.md", Skill), PromptFileKind.Agent);

        Assert.Empty(strict.Problems);
        Assert.Single(strict.Templates);
        Assert.Contains("U+FFFD", Assert.Single(unknown.Problems).Message, StringComparison.Ordinal);
    }
}
