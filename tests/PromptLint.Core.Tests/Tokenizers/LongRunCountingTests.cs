using PromptLint.Core.Tokenizers;
using SharpToken;

namespace PromptLint.Core.Tests.Tokenizers;

/// <summary>
/// Runs of one kind of character long enough to make byte-pair merging quadratic are counted in pieces: within a token
/// few tokens per cut of the exact count (a cut breaks the merges around it), never splitting a surrogate pair, and ordinary text is still counted whole and exactly.
/// </summary>
public class LongRunCountingTests
{
    private static readonly Microsoft.ML.Tokenizers.Tokenizer O200k = TokenizerRegistry.GetTokenizer(TokenizerRegistry.O200kBase);
    private static readonly GptEncoding Oracle = GptEncoding.GetEncoding("o200k_base");

    [Theory]
    [InlineData("abcdefghijklmnopqrstuvwxyz", 40)]        // one letter run of 1,040
    [InlineData("ACGT", 250)]                             // a sequence of 1,000 capitals
    [InlineData("=-", 400)]                               // 800 symbols
    [InlineData("\U0001F600\U0001F4A1", 150)]             // 300 emoji: 600 UTF-16 units, cut at odd places
    public void LongRun_IsCutIntoPieces_CountWithinAFewTokensPerCut(string unit, int times)
    {
        var text = string.Concat(Enumerable.Repeat(unit, times));
        const int maxRun = 63;
        var cuts = (text.Length - 1) / maxRun;

        var counted = TokenizerRegistry.CountPieces(O200k, text, maxRun);

        var exact = Oracle.CountTokens(text);
        Assert.True(cuts > 0);
        Assert.InRange(counted, exact - (8 * cuts), exact + (8 * cuts));
    }

    [Fact]
    public void EmojiRun_IsNeverCutInsideASurrogatePair()
    {
        // Cut in the middle of a pair, each half would count as a replacement character: far more than one token per cut.
        var text = string.Concat(Enumerable.Repeat("\U0001F600", 500));

        var counted = TokenizerRegistry.CountPieces(O200k, text, 63);

        Assert.InRange(counted, Oracle.CountTokens(text) - 16, Oracle.CountTokens(text) + 16);
    }

    [Fact]
    public void OrdinaryTextAndLongMinifiedJson_AreCountedWholeAndExactly()
    {
        var json = "[" + string.Join(",", Enumerable.Range(0, 300).Select(i => $"{{\"id\":{i},\"name\":\"customer{i}\",\"tier\":\"gold\"}}")) + "]";
        var prose = string.Concat(Enumerable.Repeat("Answer the customer's question about orders, shipping and returns. ", 400));

        Assert.Equal(Oracle.CountTokens(json), new TokenizerRegistry().Count(TokenizerRegistry.O200kBase, json));
        Assert.Equal(Oracle.CountTokens(prose), new TokenizerRegistry().Count(TokenizerRegistry.O200kBase, prose));
    }

    [Fact]
    public void FiftyThousandCjkCharactersInARow_AreCounted()
    {
        var text = new string('\u4E2D', 50_000);

        Assert.Equal(50_000, new TokenizerRegistry().Count(TokenizerRegistry.O200kBase, text));
    }
}
