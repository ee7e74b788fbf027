using System.Text;
using Microsoft.ML.Tokenizers;

using PromptLint.Counting.Tokenizers;

namespace PromptLint.Core.Tests.Tokenizers;

/// <summary>
/// PromptLint's counter against Microsoft.ML.Tokenizers over the same vocabularies: identical counts on hostile and
/// generated text, special tokens and lone surrogates included.
/// </summary>
public class TiktokenCounterTests
{
    // A new oracle per test: Microsoft.ML.Tokenizers caches counts per piece, and a piece holding a lone surrogate
    // leaves an entry that a later, different piece reads back (its count of repository text changed with the tests
    // that ran before it). PromptLint's counter keeps no such cache.
    private readonly Dictionary<string, Tokenizer> Oracles = new()
    {
        ["o200k_base"] = TiktokenTokenizer.CreateForEncoding("o200k_base"),
        ["cl100k_base"] = TiktokenTokenizer.CreateForEncoding("cl100k_base"),
    };

    // Lone surrogates serialize alike, so xUnit would take "\udc00" and "\ud83d" for one case and skip the other: the
    // cases travel as an index, with the text escaped for the test's display name.
    private static readonly string[] EdgeCaseTexts =
    [
        "hello <|endoftext|> world", "<|endofprompt|>", "<|fim_prefix|>x<|fim_suffix|>", "<|endoftext", "<<||endoftext|>|>",
        "a\ud800b", "\udc00", "x\ud83d\ude00y", "\ud83d", "end\ud83d", "\0\0\0", "\ufeffBOM", "é́́́", "\r\n\r\n  \n", "\t\t x",
        "I'm you'RE they'll it's", "1234567890", "   leading", "trailing   ", "a  \n  b", "\u00a0nbsp\u2009thin", "👨‍👩‍👧‍👦🇫🇷",
        "ﬁ ligature, Ⅻ numeral, ① circled", "क्षत्रिय", "ÅÄÖ åäö", "ALLCAPS WordCase camelCase", "/path/to/file.cs\n/",
    ];

    public static TheoryData<string, int, string> EdgeCases()
    {
        var data = new TheoryData<string, int, string>();
        foreach (var encoding in new[] { "o200k_base", "cl100k_base" })
        {
            for (var i = 0; i < EdgeCaseTexts.Length; i++)
            {
                data.Add(encoding, i, string.Concat(EdgeCaseTexts[i].Select(c => c < ' ' || char.IsSurrogate(c) ? $"\\u{(int)c:x4}" : c.ToString())));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EdgeCases))]
    public void EdgeCase_MatchesMicrosoftMlTokenizers(string encoding, int index, string shown)
    {
        var text = EdgeCaseTexts[index];
        Assert.NotEmpty(shown);
        Assert.Equal(OracleCount(encoding, text), TokenizerRegistry.CounterFor(encoding).Count(text));
    }

    // Regression (issue 29): "<|endoftext|>" inside a message counted as one special token; the API encodes message
    // content as ordinary text (tiktoken's encode_ordinary), so it is several tokens.
    [Theory]
    [InlineData("o200k_base")]
    [InlineData("cl100k_base")]
    public void SpecialTokenText_IsCountedAsOrdinaryText(string encoding)
    {
        var count = TokenizerRegistry.CounterFor(encoding).Count("<|endoftext|>");

        Assert.True(count > 1, $"{count} token(s)");
        Assert.Equal(OrdinaryOracle(encoding, "<|endoftext|>"), count);
        Assert.Equal(OrdinaryOracle(encoding, "stop at <|endofprompt|> now"), TokenizerRegistry.CounterFor(encoding).Count("stop at <|endofprompt|> now"));
    }

    // Microsoft.ML.Tokenizers always matches special tokens; for a text holding one, the ordinary count is the sum of
    // its pieces' counts under the encoding's own pre-tokenizer pattern with no special tokens.
    private int OracleCount(string encoding, string text)
        => text.Contains("<|", StringComparison.Ordinal) ? OrdinaryOracle(encoding, text) : Oracles[encoding].CountTokens(text);

    private int OrdinaryOracle(string encoding, string text)
    {
        var field = encoding == "o200k_base" ? "O200kPattern" : "Cl100kPattern";
        var pattern = (string)typeof(TokenizerRegistry).GetField(field, System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!.GetRawConstantValue()!;
        var pieces = new RegexPreTokenizer(new System.Text.RegularExpressions.Regex(pattern), null).PreTokenize(text);
        return pieces.Sum(p => Oracles[encoding].CountTokens(text.Substring(p.Offset, p.Length)));
    }

    [Theory]
    [InlineData("o200k_base")]
    [InlineData("cl100k_base")]
    public void RandomUnicode_MatchesMicrosoftMlTokenizers(string encoding)
    {
        // Code points from every plane PromptLint meets in prompts, lone surrogates and controls included.
        var random = new Random(20261204);
        var ranges = new (int From, int To)[]
        {
            (0x00, 0x7F), (0x80, 0x24F), (0x370, 0x52F), (0x590, 0x6FF), (0x900, 0x97F), (0x3040, 0x30FF),
            (0x4E00, 0x9FFF), (0xAC00, 0xD7A3), (0xD800, 0xDFFF), (0xFE00, 0xFFFF), (0x1F300, 0x1FAFF), (0x2000, 0x206F),
        };
        for (var sample = 0; sample < 400; sample++)
        {
            var text = new StringBuilder();
            var length = random.Next(1, 200);
            for (var i = 0; i < length; i++)
            {
                var (from, to) = ranges[random.Next(ranges.Length)];
                var code = random.Next(from, to + 1);
                if (random.Next(4) == 0)
                {
                    text.Append(" \n\t'"[random.Next(4)]);
                }
                else if (code > 0xFFFF)
                {
                    text.Append(char.ConvertFromUtf32(code));
                }
                else
                {
                    text.Append((char)code);
                }
            }

            var s = text.ToString();
            var oracle = TiktokenTokenizer.CreateForEncoding(encoding);
            Assert.True(oracle.CountTokens(s) == TokenizerRegistry.CounterFor(encoding).Count(s), $"sample {sample}: {Escape(s)}");
        }
    }

    [Theory]
    [InlineData("o200k_base")]
    [InlineData("cl100k_base")]
    public void RepositoryText_MatchesMicrosoftMlTokenizers(string encoding)
    {
        // Real prose, code, JSON and YAML: the repository's own documents, samples and sources.
        var root = TestPaths.RepoRoot;
        var files = new[] { "docs", "prompts-samples", "src", "tests/PromptLint.Core.Tests/Corpus" }
            .SelectMany(d => Directory.EnumerateFiles(Path.Combine(root, d), "*", SearchOption.AllDirectories))
            .Where(f => !f.Contains("/bin/", StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal) && new FileInfo(f).Length < 200_000)
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToList();
        Assert.True(files.Count > 100);
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            var expected = OracleCount(encoding, text);
            var actual = TokenizerRegistry.CounterFor(encoding).Count(text);
            Assert.True(expected == actual, $"{file}: {expected} by Microsoft.ML.Tokenizers, {actual} by PromptLint");
        }
    }

    private static string Escape(string s) => string.Concat(s.Select(c => c < 0x20 || c > 0x7E ? $"\\u{(int)c:x4}" : c.ToString()));
}
