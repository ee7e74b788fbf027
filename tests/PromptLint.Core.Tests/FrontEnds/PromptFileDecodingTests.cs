using System.Text;
using PromptLint.Core.FrontEnds;

namespace PromptLint.Core.Tests.FrontEnds;

/// <summary>
/// Regression (issue 30): a prompt saved as Windows-1252 was measured from replacement characters without a word, and
/// 20 KB of random bytes in a .txt was measured as a 100,000-token prompt with a PL0014 "hex blob" finding.
/// </summary>
public class PromptFileDecodingTests
{
    private const string French = "Réponds en français, café, « guillemets ».\nSois bref.\n";

    // Windows-1252 and Latin-1 agree on every character of the text above.
    private static readonly byte[] Windows1252 = Encoding.Latin1.GetBytes(French);

    [Theory]
    [InlineData("utf-8")]
    [InlineData("utf-8-bom")]
    [InlineData("utf-16le-bom")]
    [InlineData("utf-16be-bom")]
    [InlineData("utf-32le-bom")]
    public void UnicodeWithOrWithoutItsByteOrderMark_IsReadAsSuch(string form)
    {
        var bytes = form switch
        {
            "utf-8" => Encoding.UTF8.GetBytes(French),
            "utf-8-bom" => Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(French)).ToArray(),
            "utf-16le-bom" => Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(French)).ToArray(),
            "utf-16be-bom" => Encoding.BigEndianUnicode.GetPreamble().Concat(Encoding.BigEndianUnicode.GetBytes(French)).ToArray(),
            _ => Encoding.UTF32.GetPreamble().Concat(Encoding.UTF32.GetBytes(French)).ToArray(),
        };

        var decoded = PromptFileDecoding.Decode("fr.txt", bytes);

        Assert.Null(decoded.Problem);
        Assert.Equal(French, decoded.Text);
    }

    [Fact]
    public void Windows1252_IsNotMeasured_AndTheProblemNamesTheFirstBadByte()
    {
        var decoded = PromptFileDecoding.Decode("Prompts/fr.txt", Windows1252);

        Assert.Null(decoded.Text);
        var problem = Assert.Single(decoded.Problem!.Problems);
        Assert.Equal(("Prompts/fr.txt", 1, 2), (problem.Path, problem.Line, problem.Column));
        Assert.StartsWith("it is not UTF-8: the byte 0xE9 at offset 1 (line 1) is not valid UTF-8; save it as UTF-8.", problem.Message, StringComparison.Ordinal);
        Assert.Empty(decoded.Problem.Templates);
    }

    [Fact]
    public void BadByteOnALaterLine_IsPlacedOnThatLineAfterValidUtf8()
    {
        var bytes = Encoding.UTF8.GetBytes("Sois bref.\nRéponds ").Concat(new byte[] { 0xE0, 0x20 }).ToArray();

        var problem = Assert.Single(PromptFileDecoding.Decode("fr.txt", bytes).Problem!.Problems);

        Assert.Equal((2, 9), (problem.Line, problem.Column));
        Assert.Contains("the byte 0xE0 at offset 20 (line 2)", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[] { 0xC0, 0xAF })] // overlong '/'
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })] // a UTF-16 surrogate
    [InlineData(new byte[] { 0xF4, 0x90, 0x80, 0x80 })] // past U+10FFFF
    [InlineData(new byte[] { 0xE2, 0x82 })] // cut short at the end
    public void InvalidUtf8Forms_AreFoundWhereTheyStart(byte[] bad)
    {
        var bytes = Encoding.ASCII.GetBytes("ok ").Concat(bad).ToArray();

        Assert.Equal(3, PromptFileDecoding.FirstInvalidUtf8(bytes, 0));
        Assert.Equal(-1, PromptFileDecoding.FirstInvalidUtf8(Encoding.UTF8.GetBytes("ok € 😀 ok"), 0));
    }

    [Fact]
    public void RandomBytes_AreNotATextFile()
    {
        var random = new Random(30);
        var bytes = new byte[20_000];
        random.NextBytes(bytes);
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = bytes[i] == 0 ? (byte)1 : bytes[i];
        }

        var decoded = PromptFileDecoding.Decode("Prompts/noise.txt", bytes);

        Assert.Null(decoded.Text);
        Assert.Contains("it is not a text file", Assert.Single(decoded.Problem!.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RandomBytes_ThroughTheReader_AreNotMeasuredAsAHexBlob()
    {
        var random = new Random(30);
        var text = new string(Enumerable.Range(0, 20_000).Select(_ => (char)random.Next(1, 256)).ToArray());

        var result = PromptFileReader.Read(new PromptFileInput("Prompts/noise.txt", "Prompts/noise.txt", text), PromptFileKind.Text);

        Assert.Empty(result.Templates);
        Assert.Contains("it is not a text file", Assert.Single(result.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidUtf8WithNuls_IsNotATextFile_AtTheLineOfTheFirstNul()
    {
        var problem = Assert.Single(PromptFileDecoding.Decode("a.txt", Encoding.UTF8.GetBytes("line one\nab\0cd")).Problem!.Problems);

        Assert.Equal((2, 3), (problem.Line, problem.Column));
        Assert.StartsWith("it is not a text file (a NUL character at line 2)", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TextTheCompilerDecodedWithACodePage_IsNotUtf8_WithTheByteRebuiltFromThatCodePage()
    {
        var problem = Assert.Single(PromptFileDecoding.FromCompiler("fr.txt", Encoding.Latin1.GetString(Windows1252), Encoding.Latin1)!.Problems);

        Assert.Contains("the byte 0xE9 at offset 1 (line 1) is not valid UTF-8 (the compiler read it as iso-8859-1); save it as UTF-8", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TextDecodedWithReplacementCharacters_IsNotUtf8()
    {
        var problem = Assert.Single(PromptFileDecoding.FromCompiler("fr.txt", Encoding.UTF8.GetString(Windows1252), Encoding.UTF8)!.Problems);

        Assert.Equal((1, 2), (problem.Line, problem.Column));
        Assert.StartsWith("it is not UTF-8: it was decoded with replacement characters (U+FFFD at line 1, column 2); save it as UTF-8.", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Utf8TextFromTheCompiler_HasNoProblem()
    {
        Assert.Null(PromptFileDecoding.FromCompiler("fr.txt", French, new UTF8Encoding(true)));
        Assert.Null(PromptFileDecoding.FromCompiler("fr.txt", French, null));
    }
}
