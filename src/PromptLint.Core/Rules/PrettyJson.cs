using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using PromptLint.Core.Measuring;
using PromptLint.Core.Model;
using PromptLint.Core.Pricing;
using PromptLint.Core.Text;
using PromptLint.Core.Tokenizers;

namespace PromptLint.Core.Rules;

/// <summary>
/// PL0012: pretty-printed JSON (an object or array written over several lines) in a prompt's static text, where the
/// minified form says the same for fewer tokens. A block counts only when it parses as JSON on its own and its
/// minified form parses back to an equal value; a block with a hole inside is split by the hole and never parses.
/// </summary>
public static class PrettyJson
{
    /// <summary>The multi-line JSON blocks of <paramref name="text"/>: start index, length and minified form.</summary>
    public static IReadOnlyList<(int Start, int Length, string Minified)> Blocks(string text)
    {
        var blocks = new List<(int, int, string)>();
        JsonBlocks.Scan(text, (start, end) =>
        {
            var block = text.Substring(start, end - start + 1);
            if (block.IndexOf('\n') >= 0 && Minify(block) is { } minified && minified.Length < block.Length)
            {
                blocks.Add((start, block.Length, minified));
                return true;
            }

            return false;
        });

        return blocks;
    }

    /// <summary><paramref name="text"/> with every multi-line JSON block minified.</summary>
    public static string MinifyAll(string text)
    {
        var blocks = Blocks(text);
        if (blocks.Count == 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        var position = 0;
        foreach (var (start, length, minified) in blocks)
        {
            builder.Append(text, position, start - position).Append(minified);
            position = start + length;
        }

        return builder.Append(text, position, text.Length - position).ToString();
    }

    internal static void Evaluate(PromptTemplate template, PromptMeasurement m, ModelInfo? model, TokenizerRegistry registry, RuleSettings settings, List<RuleFinding> findings)
    {
        var count = template.Messages.SelectMany(x => x.Segments).Where(s => !s.IsHole).Sum(s => Blocks(TextNormalizer.NormalizeLineEndings(s.Text)).Count);
        if (count == 0)
        {
            return;
        }

        var saved = StaticTextSaving.Tokens(template, m.Model, registry, MinifyAll);
        if (saved <= 0 || saved < settings.PrettyJsonMinTokens)
        {
            return;
        }

        findings.Add(new RuleFinding(
            CostRules.PrettyJson,
            $"Prompt '{m.Id}' has {StaticTextSaving.N(count)} pretty-printed JSON {StaticTextSaving.Plural(count, "block")} in its static text; minified, {(count == 1 ? "it says" : "they say")} the same for {StaticTextSaving.N(saved)} fewer {StaticTextSaving.Plural(saved, "token")} per call{StaticTextSaving.Money(saved, model)}. Write the JSON on one line.",
            RuleTarget.Prompt,
            tokensSaved: saved));
    }

    private static string? Minify(string block)
    {
        try
        {
            using var document = JsonDocument.Parse(block);
            if (document.RootElement.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array)
                || (document.RootElement.ValueKind == JsonValueKind.Object && !document.RootElement.EnumerateObject().Any())
                || (document.RootElement.ValueKind == JsonValueKind.Array && document.RootElement.GetArrayLength() == 0))
            {
                return null;
            }

            // Written again from its own parse, the minified form must come out the same: it then holds the same
            // values (JsonElement.DeepEquals would need System.Text.Json 9 in the compiler's process).
            var minified = JsonBlocks.Write(document.RootElement);
            using var again = JsonDocument.Parse(minified);
            return string.Equals(JsonBlocks.Write(again.RootElement), minified, StringComparison.Ordinal) ? minified : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
