using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.ML.Tokenizers;
using SharpToken;

using PromptLint.Counting.Tokenizers;

namespace PromptLint.Benchmarks;

/// <summary>
/// PromptLint's counting (with its cache of identical texts) against the raw tokenizer and SharpToken: 2,000 prompts of
/// 200–4,000 tokens, a 10 MB corpus of prose, code, JSON, CJK and emoji, and the vocabulary load itself.
/// </summary>
[MemoryDiagnoser]
public class CountingBenchmarks
{
    private string[] _prompts = null!;
    private string _corpus = null!;
    private Tokenizer _raw = null!;
    private GptEncoding _sharp = null!;
    private TokenizerRegistry _warm = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(11);
        var words = new[] { "order", "shipping", "refund", "函数", "😀", "{\"id\":42}", "  ", "\n", "customer", "naïve", "550e8400-e29b-41d4", "return" };
        _prompts = Enumerable.Range(0, 2000).Select(_ =>
        {
            var sb = new StringBuilder();
            var length = (200 + random.Next(3800)) * 4;
            while (sb.Length < length)
            {
                sb.Append(words[random.Next(words.Length)]).Append(' ');
            }

            return sb.ToString();
        }).ToArray();
        var corpus = new StringBuilder(10 * 1024 * 1024);
        var pieces = new[]
        {
            "The quick brown fox jumps over the lazy dog while the support team answers tickets about late parcels. ",
            "public static int Sum(IEnumerable<int> values) => values.Where(v => v > 0).Sum();\n",
            "{\"id\":12345,\"name\":\"Contoso\",\"tags\":[\"a\",\"b\"],\"price\":19.99}\n",
            "你好，世界。这是一个用于测试分词器的中文句子。日本語の文も含まれています。",
            "😀🚀🔥👨‍👩‍👧‍👦🇫🇷 ",
        };
        while (corpus.Length < 10 * 1024 * 1024)
        {
            corpus.Append(pieces[random.Next(pieces.Length)]);
        }

        _corpus = corpus.ToString();
        _raw = TiktokenTokenizer.CreateForEncoding("o200k_base");
        _sharp = GptEncoding.GetEncoding("o200k_base");
        _warm = new TokenizerRegistry();
        foreach (var prompt in _prompts)
        {
            _warm.Count("o200k_base", prompt);
        }
    }

    [Benchmark(Baseline = true, Description = "Microsoft.ML.Tokenizers, raw")]
    public int Raw() => _prompts.Sum(p => _raw.CountTokens(p));

    [Benchmark(Description = "SharpToken")]
    public int Sharp() => _prompts.Sum(p => _sharp.CountTokens(p));

    [Benchmark(Description = "PromptLint, first count")]
    public int Cold()
    {
        var registry = new TokenizerRegistry();
        return _prompts.Sum(p => registry.Count("o200k_base", p));
    }

    [Benchmark(Description = "PromptLint, unchanged prompts (cached)")]
    public int Warm() => _prompts.Sum(p => _warm.Count("o200k_base", p));

    [Benchmark(Description = "10 MB corpus: Microsoft.ML.Tokenizers, raw")]
    public int CorpusRaw() => _raw.CountTokens(_corpus);

    [Benchmark(Description = "10 MB corpus: SharpToken")]
    public int CorpusSharp() => _sharp.CountTokens(_corpus);

    [Benchmark(Description = "10 MB corpus: PromptLint, first count")]
    public int CorpusPromptLint() => new TokenizerRegistry().Count("o200k_base", _corpus);

    // CreateForEncoding caches the parsed vocabulary after its first call, so the library's load is measured from the
    // same embedded file through Create, which parses it every time.
    [Benchmark(Description = "vocabulary load: Microsoft.ML.Tokenizers (o200k_base)")]
    public object LoadVocabularyRaw()
    {
        using var stream = typeof(TiktokenTokenizer).Assembly.GetManifestResourceStream("o200k_base.tiktoken.deflate")
            ?? System.Reflection.Assembly.Load("Microsoft.ML.Tokenizers.Data.O200kBase").GetManifestResourceStream("o200k_base.tiktoken.deflate")!;
        using var inflated = new System.IO.Compression.DeflateStream(stream, System.IO.Compression.CompressionMode.Decompress);
        return TiktokenTokenizer.Create(inflated, _raw.PreTokenizer, normalizer: null);
    }

    [Benchmark(Description = "vocabulary load: PromptLint (o200k_base)")]
    public object LoadVocabulary() => TiktokenVocabulary.LoadEmbedded("PromptLint.Core.o200k_base.plv");
}
