using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.ML.Tokenizers;
using PromptLint.Core.Tokenizers;
using SharpToken;

namespace PromptLint.Benchmarks;

/// <summary>PromptLint's counting (with its cache of identical texts) against the raw tokenizer and SharpToken.</summary>
[MemoryDiagnoser]
public class CountingBenchmarks
{
    private string[] _prompts = null!;
    private Tokenizer _raw = null!;
    private GptEncoding _sharp = null!;
    private TokenizerRegistry _warm = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(11);
        var words = new[] { "order", "shipping", "refund", "函数", "😀", "{\"id\":42}", "  ", "\n", "customer", "naïve", "550e8400-e29b-41d4", "return" };
        _prompts = Enumerable.Range(0, 200).Select(_ =>
        {
            var sb = new StringBuilder();
            var length = 200 + random.Next(3800);
            while (sb.Length < length)
            {
                sb.Append(words[random.Next(words.Length)]).Append(' ');
            }

            return sb.ToString();
        }).ToArray();
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
}
