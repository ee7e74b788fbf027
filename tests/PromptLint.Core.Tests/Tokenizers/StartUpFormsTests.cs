using System.Text;
using System.Text.RegularExpressions;

using PromptLint.Counting.Tokenizers;

namespace PromptLint.Core.Tests.Tokenizers;

/// <summary>
/// The forms the counter starts from without work at start-up: the vocabulary embedded as a ready lookup table (checked
/// token by token against Microsoft.ML.Tokenizers' own vocabulary) and the pre-tokenizer patterns as source-generated
/// regexes (checked piece by piece against the same pattern interpreted, which the netstandard2.0 analyzer build runs).
/// </summary>
public sealed class StartUpFormsTests
{
    [Theory]
    [InlineData("o200k_base")]
    [InlineData("cl100k_base")]
    public void EmbeddedVocabulary_IsAReadyTable_InWhichEveryTokenFindsItsRank(string encoding)
    {
        var resource = "PromptLint.Core." + encoding + ".plv";
        using (var stream = typeof(TokenizerRegistry).Assembly.GetManifestResourceStream(resource)!)
        {
            var magic = new byte[4];
            Assert.Equal(4, stream.Read(magic, 0, 4));
            Assert.Equal("PLV2", Encoding.ASCII.GetString(magic)); // stored as the table, not deflated text
        }

        var vocabulary = TiktokenVocabulary.LoadEmbedded(resource);
        var oracle = TiktokenText(encoding);
        Assert.True(oracle.Count > 100_000);
        Assert.Equal(oracle.Count, vocabulary.Count);
        foreach (var (bytes, rank) in oracle)
        {
            Assert.True(vocabulary.Rank(bytes, 0, bytes.Length) == rank, $"{encoding} token of rank {rank} looked up as {vocabulary.Rank(bytes, 0, bytes.Length)}");
        }

        Assert.Equal(-1, vocabulary.Rank(Encoding.UTF8.GetBytes("not a single token, surely"), 0, 26));
    }

    // The data package's own tiktoken text (a base64 token per line, with its rank or in rank order; deflated), read
    // independently of the build's table.
    private static List<(byte[] Bytes, int Rank)> TiktokenText(string encoding)
    {
        var assembly = System.Reflection.Assembly.Load(encoding == "o200k_base" ? "Microsoft.ML.Tokenizers.Data.O200kBase" : "Microsoft.ML.Tokenizers.Data.Cl100kBase");
        using var deflated = assembly.GetManifestResourceStream(encoding + ".tiktoken.deflate")!;
        using var reader = new StreamReader(new System.IO.Compression.DeflateStream(deflated, System.IO.Compression.CompressionMode.Decompress), Encoding.ASCII);
        var tokens = new List<(byte[], int)>();
        for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            var parts = line.Trim().Split(' ');
            if (parts[0].Length > 0 && !line.StartsWith("Capacity:", StringComparison.Ordinal))
            {
                var rank = parts.Length > 1 ? int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) : tokens.Count;
                tokens.Add((Convert.FromBase64String(parts[0]), rank));
            }
        }

        return tokens;
    }

    [Fact]
    public void Vocabulary_OfAnotherLayout_IsRejectedWithAMessage()
    {
        var error = Assert.Throws<InvalidDataException>(() => TiktokenVocabulary.Load(new MemoryStream(Encoding.ASCII.GetBytes("PLV1\0\0\0\0\0\0\0\0"))));
        Assert.Contains("rebuild PromptLint.Counting", error.Message);
        Assert.Throws<InvalidDataException>(() => TiktokenVocabulary.Load(new MemoryStream(new byte[] { (byte)'P', (byte)'L', (byte)'V', (byte)'2', 5, 0, 0, 0, 8, 0, 0, 0 })));
    }

    [Theory]
    [InlineData("o200k_base", TokenizerRegistry.O200kPattern)]
    [InlineData("cl100k_base", TokenizerRegistry.Cl100kPattern)]
    public void GeneratedPattern_SplitsRepositoryTextLikeTheInterpretedPattern(string encoding, string pattern)
    {
        var generated = TokenizerRegistry.GeneratedPattern(encoding);
        Assert.NotNull(generated);
        Assert.Equal(pattern, generated!.ToString());
        var interpreted = new Regex(pattern, RegexOptions.CultureInvariant);

        var root = TestPaths.RepoRoot;
        var texts = new[] { "docs", "prompts-samples", "src/PromptLint.Core/Rules" }
            .SelectMany(d => Directory.EnumerateFiles(Path.Combine(root, d), "*", SearchOption.AllDirectories))
            .Where(f => !f.Contains("/bin/", StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal))
            .OrderBy(f => f, StringComparer.Ordinal)
            .Select(File.ReadAllText)
            .Append("I'M you'Re\r\n\r\n  \t x\u00a0y 12345 👨‍👩‍👧 क्षत्रिय a\ud800b ÅÄÖ camelCase ALLCAPS /path/to/x.cs\n/")
            .ToList();
        Assert.True(texts.Count > 50);
        foreach (var text in texts)
        {
            var expected = interpreted.Matches(text).Select(m => (m.Index, m.Length));
            var actual = generated.Matches(text).Select(m => (m.Index, m.Length));
            Assert.Equal(expected, actual);
        }
    }
}
