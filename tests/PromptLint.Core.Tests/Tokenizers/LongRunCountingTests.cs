using SharpToken;

using PromptLint.Counting.Tokenizers;

namespace PromptLint.Core.Tests.Tokenizers;

/// <summary>
/// Runs of one kind of character (no space or digit to break them) make tiktoken's byte-pair merge quadratic. The
/// counter merges long pieces with a heap instead, in the same order, so such runs are counted exactly and fast.
/// </summary>
public class LongRunCountingTests
{
    private static readonly GptEncoding Oracle = GptEncoding.GetEncoding("o200k_base");

    [Theory]
    [InlineData("abcdefghijklmnopqrstuvwxyz", 40)]        // one letter run of 1,040
    [InlineData("ACGT", 250)]                             // a sequence of 1,000 capitals
    [InlineData("=-", 400)]                               // 800 symbols
    [InlineData("\U0001F600\U0001F4A1", 150)]             // 300 emoji
    [InlineData("\u4E2D\u6587", 1500)]                    // 3,000 CJK characters
    public void LongRun_IsCountedExactly(string unit, int times)
    {
        var text = string.Concat(Enumerable.Repeat(unit, times));

        Assert.Equal(Oracle.CountTokens(text), new TokenizerRegistry().Count(TokenizerRegistry.O200kBase, text));
    }

    [Theory]
    [InlineData("o200k_base")]
    [InlineData("cl100k_base")]
    public void HeapMerge_GivesTheSameCountsAsTiktokensScan_OnLongPieces(string encoding)
    {
        var counter = TokenizerRegistry.CounterFor(encoding);
        var random = new Random(11);
        var alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJ=-_.:/\u00e9\u4E2D\u6587\U0001F600";
        var scratch = new TiktokenCounter.Scratch();
        for (var sample = 0; sample < 300; sample++)
        {
            var length = random.Next(2, 900);
            var chars = new System.Text.StringBuilder();
            for (var i = 0; i < length; i++)
            {
                chars.Append(alphabet[random.Next(sample % 3 == 0 ? 4 : alphabet.Length - 2)]);
            }

            var bytes = System.Text.Encoding.UTF8.GetBytes(chars.ToString());
            var byScan = counter.CountPiece(bytes, bytes.Length, scratch, heapFrom: int.MaxValue);
            var byHeap = counter.CountPiece(bytes, bytes.Length, scratch, heapFrom: 0);
            Assert.Equal(byScan, byHeap);
        }
    }

    [Fact]
    public void OrdinaryTextAndLongMinifiedJson_AreCountedExactly()
    {
        var json = "[" + string.Join(",", Enumerable.Range(0, 300).Select(i => $"{{\"id\":{i},\"name\":\"customer{i}\",\"tier\":\"gold\"}}")) + "]";
        var prose = string.Concat(Enumerable.Repeat("Answer the customer's question about orders, shipping and returns. ", 400));

        Assert.Equal(Oracle.CountTokens(json), new TokenizerRegistry().Count(TokenizerRegistry.O200kBase, json));
        Assert.Equal(Oracle.CountTokens(prose), new TokenizerRegistry().Count(TokenizerRegistry.O200kBase, prose));
    }

    [Fact]
    public void AMegabyteWithoutASpace_IsCounted()
    {
        // Quadratic merging would take hours here; the heap takes a fraction of a second. Every CJK character of this
        // run is one token and no two of them merge.
        var text = new string('\u4E2D', 1_000_000);

        var count = new TokenizerRegistry().Count(TokenizerRegistry.O200kBase, text);

        Assert.InRange(count, 1, 1_000_000);
        Assert.Equal(count, new TokenizerRegistry().Count(TokenizerRegistry.O200kBase, text));
    }
}
