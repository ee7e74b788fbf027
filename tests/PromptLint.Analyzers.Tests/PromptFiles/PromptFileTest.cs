using SharpToken;

using PromptLint.Contracts.Baseline;

namespace PromptLint.Analyzers.Tests.PromptFiles;

/// <summary>What the prompt-file tests share: a Prompty file, its count by an independent tokenizer, and a baseline.</summary>
internal static class PromptFileTest
{
    public const string Dir = AnalyzerTest<PromptFootprintAnalyzer>.ProjectDirectory;

    public const string Triage = """
        ---
        name: Triage
        model:
          api: chat
          configuration:
            type: openai
            name: gpt-4o-mini
          parameters:
            max_tokens: 400
        ---
        system:
        You are a support triage assistant for Contoso. Classify the ticket into billing, outage, or how-to.

        user:
        {{ticket}}
        """;

    public static readonly int TriageTokens =
        Tokens("You are a support triage assistant for Contoso. Classify the ticket into billing, outage, or how-to.");

    // Expected counts come from an independent tokenizer, not from the code under test.
    public static int Tokens(string text) => GptEncoding.GetEncoding("o200k_base").CountTokens(text);

    public static string Baseline(params (string Id, int Tokens)[] entries)
        => BaselineSerializer.Write(entries.Select(e => new BaselineEntry(e.Id, "o200k_base", e.Tokens, e.Tokens, 0, "sha256:0")));
}
