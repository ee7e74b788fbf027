using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using PromptLint.Core.Measuring;
using PromptLint.Core.Model;
using PromptLint.Core.Pricing;
using PromptLint.Core.Text;
using PromptLint.Core.Tokenizers;
using static PromptLint.Core.Rules.StaticTextSaving;

namespace PromptLint.Core.Rules;

/// <summary>
/// PL0014: UUIDs, long hex strings and base64 or other high-entropy runs in a prompt's static text. They tokenize
/// into many short tokens, mean nothing to the model as instructions, and are often ids, data or secrets that belong
/// in a hole or in configuration. Message only: where the value belongs is the author's call.
/// </summary>
public static class DataBlobs
{
    /// <summary>Its catalogue entry.</summary>
    internal static readonly RuleInfo Rule = new(
        RuleIds.DataBlobs,
        "Data blob in a prompt",
        RuleCategory.Cost,
        RuleSeverity.Info,
        RuleHost.Analyzer,
        hasFix: false,
        "UUIDs, long hex strings and base64 runs split into many tokens and are usually ids, data or secrets that belong in a hole or in configuration, not in instructions sent with every call.",
        new[] { SettingKeys.DataBlobMinTokens },
        ("default", "Prompt '{prompt}' has {blobs} in its static text ({kinds}) that cost {tokens} per call{money}. Ids, data and secrets do not belong in instructions: pass the value in a hole when the call needs it, or remove it."));

    private static readonly Regex Uuid = new(@"(?<![0-9A-Fa-f-])[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}(?![0-9A-Fa-f-])", RegexOptions.CultureInvariant);
    private static readonly Regex Hex = new(@"(?<![0-9A-Za-z])(?:0x)?[0-9A-Fa-f]{32,}(?![0-9A-Za-z])", RegexOptions.CultureInvariant);
    private static readonly Regex Base64 = new(@"(?<![A-Za-z0-9+/_-])[A-Za-z0-9+/_-]{40,}={0,2}(?![A-Za-z0-9+/_=-])", RegexOptions.CultureInvariant);

    /// <summary>The blobs of <paramref name="text"/>: kind ("UUID", "hex", "base64") and value, in order.</summary>
    public static IReadOnlyList<(string Kind, string Value)> Find(string text)
        => Spans(text).Select(f => (f.Kind, f.Value)).ToList();

    /// <summary>The blobs of <paramref name="text"/> with where they start, in order (PL0016 leaves these to PL0014).</summary>
    internal static IReadOnlyList<(int Index, string Kind, string Value)> Spans(string text)
    {
        // Every blob is a run of at least 32 characters of [A-Za-z0-9+/_-] (a UUID's 36 included): prose rarely has one,
        // and this loop is much cheaper than the three patterns.
        if (!HasRun(text, 32))
        {
            return Array.Empty<(int, string, string)>();
        }

        var found = new List<(int Index, string Kind, string Value)>();
        var taken = new List<(int Start, int End)>();
        void Add(Match m, string kind)
        {
            if (!taken.Any(t => m.Index < t.End && t.Start < m.Index + m.Length))
            {
                found.Add((m.Index, kind, m.Value));
                taken.Add((m.Index, m.Index + m.Length));
            }
        }

        foreach (Match m in Uuid.Matches(text))
        {
            Add(m, "UUID");
        }

        foreach (Match m in Hex.Matches(text))
        {
            Add(m, "hex");
        }

        foreach (Match m in Base64.Matches(text))
        {
            if (LooksRandom(m.Value.TrimEnd('=')))
            {
                Add(m, "base64");
            }
        }

        return found.OrderBy(f => f.Index).ToList();
    }

    internal static void Evaluate(RuleInput i) => Evaluate(i.Template, i.Measurement, i.Model, i.Registry, i.Settings, i.Findings);

    internal static void Evaluate(PromptTemplate template, PromptMeasurement m, ModelInfo? model, TokenizerRegistry registry, RuleSettings settings, List<RuleFinding> findings)
    {
        var blobs = template.Messages.SelectMany(x => x.Segments).Where(s => !s.IsHole).SelectMany(s => Find(TextNormalizer.NormalizeLineEndings(s.Text))).ToList();
        if (blobs.Count == 0)
        {
            return;
        }

        var encoding = registry.Resolve(m.Model).Encoding;
        // Of a conditional block's alternatives only the largest counts: one call sends one of them.
        var tokens = Evidence.Sum(template, text => Find(text).Sum(b => registry.Count(encoding, b.Value)));
        if (tokens < settings.DataBlobMinTokens)
        {
            return;
        }

        var kinds = blobs.GroupBy(b => b.Kind, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Count() == 1 ? g.Key : $"{g.Key} ×{g.Count()}");
        var at = Evidence.First(template, text => Spans(text) is { Count: > 0 } found ? (found[0].Index, found[0].Value.Length) : null);
        Report(findings, Rule.Message, tokens, at, ("prompt", m.Id), ("blobs", Count(blobs.Count, "data blob")), ("kinds", string.Join(", ", kinds)), ("tokens", Count(tokens, "token")), ("money", Money(tokens, model)));
    }

    private static bool HasRun(string text, int length)
    {
        var run = 0;
        foreach (var c in text)
        {
            run = c is >= 'A' and <= 'Z' or >= 'a' and <= 'z' or >= '0' and <= '9' or '+' or '/' or '_' or '-' ? run + 1 : 0;
            if (run >= length)
            {
                return true;
            }
        }

        return false;
    }

    // A base64-like run counts only when it mixes upper case, lower case and digits and its characters are spread
    // like random data (Shannon entropy of at least 4 bits per character), so long words, paths and identifiers do not.
    private static bool LooksRandom(string value)
    {
        if (!value.Any(char.IsUpper) || !value.Any(char.IsLower) || !value.Any(char.IsDigit))
        {
            return false;
        }

        var entropy = value.GroupBy(c => c).Sum(g =>
        {
            var p = (double)g.Count() / value.Length;
            return -p * Math.Log(p, 2);
        });
        return entropy >= 4.0;
    }
}
