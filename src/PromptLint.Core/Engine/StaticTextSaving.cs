using System;
using System.Globalization;
using System.Linq;
using PromptLint.Contracts.Pricing;
using PromptLint.Contracts.Rules;
using PromptLint.Core.Model;
using PromptLint.Counting.Tokenizers;

namespace PromptLint.Core.Engine;

/// <summary>
/// What a rewrite of a prompt's static text saves, counted the way the footprint is counted: each static run whole,
/// before and after, line endings normalized. Holes are never rewritten.
/// </summary>
internal static class StaticTextSaving
{
    /// <summary>Tokens per call that <paramref name="rewrite"/> (applied to the normalized text of each static run) saves.</summary>
    public static int Tokens(PromptTemplate template, string model, TokenizerRegistry registry, Func<string, string> rewrite)
        => Tokens(template, model, registry, (_, _, text) => rewrite(text));

    /// <summary>As <see cref="Tokens(PromptTemplate, string, TokenizerRegistry, Func{string, string})"/>, the rewrite given each segment's message and segment index too.</summary>
    public static int Tokens(PromptTemplate template, string model, TokenizerRegistry registry, Func<int, int, string, string> rewrite)
    {
        var encoding = registry.Resolve(model).Encoding;
        // Of a conditional block's alternatives only the largest saving counts: one call sends one of them.
        return Evidence.Sum(template, (m, s, text) =>
        {
            var rewritten = rewrite(m, s, text);
            return string.Equals(text, rewritten, StringComparison.Ordinal) ? 0 : registry.Count(encoding, text) - registry.Count(encoding, rewritten);
        });
    }

    /// <summary>" ($x per 1K calls at {model}'s input price)", or nothing when the model has no price.</summary>
    public static string Money(int tokens, ModelInfo? model)
        => model is null ? string.Empty : $" ({Cost.Format(Cost.PerThousandCalls(tokens, model.Input))} per 1K calls at {model.Id}'s input price)";

    /// <summary>"1 token", "2,048 tokens": a count and its noun phrase.</summary>
    public static string Count(int value, string noun) => N(value) + " " + Plural(value, noun);

    /// <summary>Adds a finding about the prompt's static text.</summary>
    public static void Report(System.Collections.Generic.List<RuleFinding> findings, RuleMessage message, int? tokensSaved, params (string Name, string Value)[] arguments)
        => findings.Add(new RuleFinding(message, RuleTarget.Prompt, tokensSaved, arguments));

    /// <summary>Adds a finding about the prompt's static text at <paramref name="evidence"/> (its first instance).</summary>
    public static void Report(System.Collections.Generic.List<RuleFinding> findings, RuleMessage message, int? tokensSaved, PromptTextSpan? evidence, params (string Name, string Value)[] arguments)
        => findings.Add(new RuleFinding(message, RuleTarget.Prompt, tokensSaved, evidence, arguments));

    public static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Plural(int value, string word) => value == 1 ? word : word + "s";
}
