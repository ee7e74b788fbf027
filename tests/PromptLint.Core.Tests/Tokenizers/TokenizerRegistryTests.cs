using System.Text;
using SharpToken;

using PromptLint.Counting.Tokenizers;

namespace PromptLint.Core.Tests.Tokenizers;

/// <summary>Counts must equal an independent tiktoken implementation (SharpToken) on a varied corpus.</summary>
public class TokenizerRegistryTests
{
    public static TheoryData<string, string> Corpus()
    {
        var data = new TheoryData<string, string>();
        foreach (var encoding in TokenizerRegistry.Encodings)
        {
            foreach (var (name, text) in Samples())
            {
                data.Add(encoding, name);
            }
        }

        return data;
    }

    private static IEnumerable<(string Name, string Text)> Samples()
    {
        yield return ("english", "You are a support triage assistant for Contoso. Classify each ticket as billing, outage or how-to, and answer in one sentence.");
        yield return ("code", "public static async Task<int> CountAsync(IEnumerable<string> items, CancellationToken ct = default)\n{\n    var n = 0;\n    foreach (var item in items) { ct.ThrowIfCancellationRequested(); n += item.Length; }\n    return n;\n}\n");
        yield return ("json", "{\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"description\":\"Get the weather\",\"parameters\":{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}}}");
        yield return ("pretty-json", "{\n    \"name\": \"Ada\",\n    \"tags\": [\n        \"a\",\n        \"b\"\n    ]\n}");
        yield return ("cjk", "你是一个乐于助人的助手。请用简体中文回答用户的问题，并保持简洁。日本語のテキストも含みます。한국어 문장도 있습니다.");
        yield return ("emoji", "Reply with a mood: 😀😃😄😁 or 🚀🔥💯 — never 🤖. Family: 👨‍👩‍👧‍👦, flags: 🇫🇷🇯🇵.");
        yield return ("whitespace-runs", "a    b\t\t\tc\n\n\n\n   d        \n\t \t end   ");
        yield return ("long-line", string.Concat(Enumerable.Repeat("lorem ipsum dolor sit amet, consectetur adipiscing elit; ", 400)));
        yield return ("digits", "Order 1234567890123 shipped on 2026-11-25T14:08:33Z with id 550e8400-e29b-41d4-a716-446655440000 and total 98765.4321.");
        yield return ("mixed-scripts", "Привет, мир! Γειά σου Κόσμε! مرحبا بالعالم! שלום עולם! नमस्ते दुनिया!");
        yield return ("markdown", "# Title\n\n- item **bold** and _italic_\n- `code` and [link](https://example.com)\n\n| a | b |\n|---|---|\n| 1 | 2 |\n");
        yield return ("long-word", new string('x', 5000) + " " + new string('9', 3000));
    }

    [Theory]
    [MemberData(nameof(Corpus))]
    public void Count_MatchesSharpToken(string encoding, string sample)
    {
        var text = Samples().Single(s => s.Name == sample).Text;
        var oracle = GptEncoding.GetEncoding(encoding).CountTokens(text);

        Assert.Equal(oracle, new TokenizerRegistry().Count(encoding, text));
    }

    [Fact]
    public void GeneratedLargeCorpus_MatchesSharpTokenForBothEncodings()
    {
        var random = new Random(42);
        var words = new[] { "prompt", "token", "函数", "😀", "\n", "  ", "{\"a\":1}", "GUID", "1234567", "naïve", "straße", "\t", "-->", "ünïcödé" };
        var sb = new StringBuilder();
        for (var i = 0; i < 20_000; i++)
        {
            sb.Append(words[random.Next(words.Length)]).Append(random.Next(3) == 0 ? "" : " ");
        }

        var text = sb.ToString();
        foreach (var encoding in TokenizerRegistry.Encodings)
        {
            Assert.Equal(GptEncoding.GetEncoding(encoding).CountTokens(text), new TokenizerRegistry().Count(encoding, text));
        }
    }

    [Fact]
    public void CrLf_IsCountedAsLf()
    {
        var registry = new TokenizerRegistry();
        var lf = "line one\nline two\n\nline four\n";

        Assert.Equal(registry.Count("o200k_base", lf), registry.Count("o200k_base", lf.Replace("\n", "\r\n")));
        Assert.Equal(GptEncoding.GetEncoding("o200k_base").CountTokens(lf), registry.Count("o200k_base", lf.Replace("\n", "\r")));
    }

    [Fact]
    public void IdenticalText_IsCountedOnceAndCached()
    {
        var registry = new TokenizerRegistry();
        registry.Count("o200k_base", "same text");
        registry.Count("o200k_base", "same text");
        registry.Count("o200k_base", "same text\r\n".TrimEnd('\r', '\n'));
        Assert.Equal(1, registry.CachedCounts);

        registry.Count("cl100k_base", "same text");
        Assert.Equal(2, registry.CachedCounts);
    }

    [Fact]
    public void ConcurrentCounting_GivesTheSameResultEverywhere()
    {
        var registry = new TokenizerRegistry();
        var texts = Enumerable.Range(0, 64).Select(i => $"Prompt number {i}: " + string.Concat(Enumerable.Repeat("word ", i))).ToArray();
        var expected = texts.Select(t => GptEncoding.GetEncoding("o200k_base").CountTokens(t)).ToArray();

        var results = new int[texts.Length];
        Parallel.For(0, texts.Length * 4, i => results[i % texts.Length] = registry.Count("o200k_base", texts[i % texts.Length]));

        Assert.Equal(expected, results);
    }

    [Theory]
    [InlineData("gpt-4o", "o200k_base", true)]
    [InlineData("gpt-4o-mini", "o200k_base", true)]
    [InlineData("openai/gpt-4o-mini", "o200k_base", true)]
    [InlineData("gpt-4.1-nano", "o200k_base", true)]
    [InlineData("gpt-5", "o200k_base", true)]
    [InlineData("gpt-5-mini", "o200k_base", true)]
    [InlineData("o1-preview", "o200k_base", true)]
    [InlineData("o3-mini", "o200k_base", true)]
    [InlineData("o4-mini", "o200k_base", true)]
    [InlineData("gpt-4", "cl100k_base", true)]
    [InlineData("gpt-4-turbo", "cl100k_base", true)]
    [InlineData("gpt-3.5-turbo", "cl100k_base", true)]
    [InlineData("gpt-35-turbo", "cl100k_base", true)]
    [InlineData("GPT-4O", "o200k_base", true)]
    public void KnownOpenAiModel_MapsToItsEncodingExactly(string model, string encoding, bool exact)
    {
        var choice = new TokenizerRegistry().Resolve(model);

        Assert.Equal(encoding, choice.Encoding);
        Assert.Equal(exact, choice.Exact);
        Assert.True(choice.KnownModel);
        Assert.Equal(encoding, choice.TokenizerName);
    }

    [Theory]
    [InlineData("claude-sonnet-4-5")]
    [InlineData("claude-3-5-haiku-latest")]
    [InlineData("gemini-2.5-pro")]
    [InlineData("anthropic/claude-opus-4")]
    public void ClaudeAndGemini_AreLabelledEstimates(string model)
    {
        var choice = new TokenizerRegistry().Resolve(model);

        Assert.False(choice.Exact);
        Assert.True(choice.KnownModel);
        Assert.Equal("estimate:o200k_base", choice.TokenizerName);
    }

    [Fact]
    public void UnknownModel_IsAnUnknownEstimate()
    {
        var choice = new TokenizerRegistry().Resolve("my-azure-deployment");

        Assert.False(choice.KnownModel);
        Assert.False(choice.Exact);
        Assert.Equal("o200k_base", choice.Encoding);
    }

    [Fact]
    public void NoModel_UsesGpt4o()
    {
        var choice = new TokenizerRegistry().Resolve(null);

        Assert.Equal("gpt-4o", choice.Model);
        Assert.True(choice.Exact);
    }
}
