using System;
using System.Collections.Concurrent;
using System.Collections.Generic;

using PromptLint.Counting.Text;

namespace PromptLint.Counting.Tokenizers;

/// <summary>
/// Maps model names to encodings and counts tokens offline with the encodings' own vocabularies (embedded, never
/// downloaded). Each vocabulary loads at most once per process (lazily, thread-safe); counts of identical
/// text are cached by content hash, so re-analysis of unchanged prompts costs a hash.
/// </summary>
public sealed partial class TokenizerRegistry
{
    /// <summary>The o200k_base encoding (GPT-4o, GPT-4.1, GPT-5, o-series).</summary>
    public const string O200kBase = "o200k_base";

    /// <summary>The cl100k_base encoding (GPT-4, GPT-3.5).</summary>
    public const string Cl100kBase = "cl100k_base";

    /// <summary>Model used when a project names none.</summary>
    public const string DefaultModel = "gpt-4o";

    // Longest prefix wins, so "gpt-4o" is found before "gpt-4".
    private static readonly (string Prefix, string Encoding)[] ExactPrefixes =
    {
        ("gpt-4o", O200kBase),
        ("chatgpt-4o", O200kBase),
        ("gpt-4.1", O200kBase),
        ("gpt-4.5", O200kBase),
        ("gpt-5", O200kBase),
        ("gpt-oss", O200kBase),
        ("o1", O200kBase),
        ("o3", O200kBase),
        ("o4", O200kBase),
        ("codex-mini", O200kBase),
        ("gpt-4", Cl100kBase),
        ("gpt-35", Cl100kBase),
        ("gpt-3.5", Cl100kBase),
        ("text-embedding-3", Cl100kBase),
        ("text-embedding-ada-002", Cl100kBase),
    };

    // Families with no public tokenizer: counted with o200k_base and labelled as an estimate.
    private static readonly string[] EstimatedPrefixes = { "claude", "gemini", "gemma" };

    // The encodings' pre-tokenizer patterns, as tiktoken defines them. No special tokens: what PromptLint counts is
    // message content and tool schemas, which the APIs encode as ordinary text ("<|endoftext|>" in a prompt is several
    // ordinary tokens, not 1), the way tiktoken's encode_ordinary does.
    internal const string O200kPattern = @"[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?|[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+";
    internal const string Cl100kPattern = @"'(?i:[sdmt]|ll|ve|re)|(?>[^\r\n\p{L}\p{N}]?)(?>\p{L}+)|(?>\p{N}{1,3})| ?(?>[^\s\p{L}\p{N}]+)(?>[\r\n]*)|(?>\s+)$|\s*[\r\n]|\s+(?!\S)|\s";

    private static readonly Lazy<TiktokenCounter> O200k = new(
        () => Load(O200kBase, O200kPattern, Array.Empty<string>()),
        isThreadSafe: true);

    private static readonly Lazy<TiktokenCounter> Cl100k = new(
        () => Load(Cl100kBase, Cl100kPattern, Array.Empty<string>()),
        isThreadSafe: true);

    private static readonly ConcurrentDictionary<string, long> LoadTimes = new(StringComparer.Ordinal);

    private static TiktokenCounter Load(string encoding, string pattern, string[] specialTokens)
    {
        var start = System.Diagnostics.Stopwatch.GetTimestamp();
        var counter = new TiktokenCounter(encoding, TiktokenVocabulary.LoadEmbedded("PromptLint.Core." + encoding + ".plv"), pattern, specialTokens, GeneratedPattern(encoding));
        LoadTimes[encoding] = (System.Diagnostics.Stopwatch.GetTimestamp() - start) * 1000 / System.Diagnostics.Stopwatch.Frequency;
        return counter;
    }

    /// <summary>Milliseconds the vocabulary of an encoding took to load in this process, or null when it is not loaded.</summary>
    public static long? LoadMilliseconds(string encoding) => LoadTimes.TryGetValue(encoding, out var milliseconds) ? milliseconds : null;

    private readonly ConcurrentDictionary<CountKey, int> _counts = new();
    private readonly ConcurrentDictionary<string, TokenizerChoice> _choices = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The process-wide registry: one vocabulary load and one count cache for every compilation.</summary>
    public static TokenizerRegistry Shared { get; } = new();

    /// <summary>Number of cached counts (for tests and benchmarks).</summary>
    public int CachedCounts => _counts.Count;

    /// <summary>Chooses the encoding for a model name; null or empty means <see cref="DefaultModel"/>.</summary>
    public TokenizerChoice Resolve(string? model)
    {
        var name = string.IsNullOrWhiteSpace(model) ? DefaultModel : model!.Trim();
        return _choices.GetOrAdd(name, Choose);
    }

    private static TokenizerChoice Choose(string model)
    {
        // "openai/gpt-4o-mini" (GitHub Models), "azure/gpt-4o": the part after the last '/' names the model.
        var bare = model.Substring(model.LastIndexOf('/') + 1).ToLowerInvariant();
        string? best = null;
        var bestLength = -1;
        foreach (var (prefix, encoding) in ExactPrefixes)
        {
            if (bare.StartsWith(prefix, StringComparison.Ordinal) && prefix.Length > bestLength)
            {
                best = encoding;
                bestLength = prefix.Length;
            }
        }

        if (best is not null)
        {
            return new TokenizerChoice(model, best, exact: true, knownModel: true, method: best, family: best);
        }

        foreach (var prefix in EstimatedPrefixes)
        {
            if (bare.StartsWith(prefix, StringComparison.Ordinal))
            {
                return new TokenizerChoice(model, O200kBase, exact: false, knownModel: true, method: "estimate:" + O200kBase, family: prefix);
            }
        }

        return new TokenizerChoice(model, O200kBase, exact: false, knownModel: false, method: "estimate:" + O200kBase, family: null);
    }

    /// <summary>Counts the tokens of <paramref name="text"/> (line endings normalized first) with an encoding.</summary>
    public int Count(string encoding, string text)
    {
        if (text.Length == 0)
        {
            return 0;
        }

        var normalized = TextNormalizer.NormalizeLineEndings(text);
        var key = new CountKey(encoding, ContentHash.Digest(normalized));
        if (_counts.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var count = CounterFor(encoding).Count(normalized);
        _counts.TryAdd(key, count);
        return count;
    }

    /// <summary>Counts with the encoding chosen for <paramref name="choice"/>.</summary>
    public int Count(TokenizerChoice choice, string text) => Count(choice.Encoding, text);

    /// <summary>Whether an encoding's vocabulary has been loaded in this process (for cold-start tests and benchmarks).</summary>
    public static bool IsLoaded(string encoding) => encoding switch
    {
        O200kBase => O200k.IsValueCreated,
        Cl100kBase => Cl100k.IsValueCreated,
        _ => false,
    };

    internal static TiktokenCounter CounterFor(string encoding) => encoding switch
    {
        O200kBase => O200k.Value,
        Cl100kBase => Cl100k.Value,
        _ => throw new ArgumentException($"Unknown encoding '{encoding}'.", nameof(encoding)),
    };

    /// <summary>The encodings the registry can count with.</summary>
    public static IReadOnlyList<string> Encodings { get; } = new[] { O200kBase, Cl100kBase };

    private readonly struct CountKey : IEquatable<CountKey>
    {
        private readonly string _encoding;
        private readonly ulong _a;
        private readonly ulong _b;

        public CountKey(string encoding, byte[] digest)
        {
            _encoding = encoding;
            _a = BitConverter.ToUInt64(digest, 0);
            _b = BitConverter.ToUInt64(digest, 8);
        }

        public bool Equals(CountKey other) => _a == other._a && _b == other._b && string.Equals(_encoding, other._encoding, StringComparison.Ordinal);

        public override bool Equals(object? obj) => obj is CountKey other && Equals(other);

        public override int GetHashCode() => unchecked((int)_a ^ (int)(_a >> 32) ^ _encoding.Length);
    }
}
