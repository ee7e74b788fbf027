using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using PromptLint.Contracts.Pricing;
using PromptLint.Contracts.Rules;
using PromptLint.Core.Engine;
using PromptLint.Core.Measuring;
using PromptLint.Core.Model;
using PromptLint.Core.Text;
using PromptLint.Counting.Text;
using PromptLint.Counting.Tokenizers;
using static PromptLint.Core.Engine.StaticTextSaving;

namespace PromptLint.Core.Rules;

/// <summary>
/// PL0014: UUIDs, long hex strings, base64 (random-looking runs, padded or plainly encoded data, <c>data:</c> URIs)
/// and other high-entropy runs in a prompt's static text. They tokenize
/// into many short tokens, mean nothing to the model as instructions, and are often ids, data or secrets that belong
/// in a hole or in configuration. Message only: where the value belongs is the author's call.
/// </summary>
public sealed class DataBlobs : PromptRule
{
    /// <summary><c>promptlint.data_blob_min_tokens</c>.</summary>
    public static readonly RuleSetting<int> MinTokens = RuleSetting.Positive("promptlint.data_blob_min_tokens", 10, "tokens the blobs must cost before it reports");

    /// <summary>Its catalogue entry.</summary>
    internal static readonly RuleInfo Rule = new(
        RuleIds.DataBlobs,
        "Data blob in a prompt",
        RuleCategory.Cost,
        RuleSeverity.Info,
        RuleHost.Analyzer,
        hasFix: false,
        "UUIDs, long hex strings and base64 runs split into many tokens and are usually ids, data or secrets that belong in a hole or in configuration, not in instructions sent with every call.",
        new[] { MinTokens.Key },
        ("default", "Prompt '{prompt}' has {blobs} in its static text ({kinds}) that cost {tokens} per call{money}. Ids, data and secrets do not belong in instructions: pass the value in a hole when the call needs it, or remove it."));

    /// <inheritdoc/>
    public override RuleInfo Info => Rule;

    /// <inheritdoc/>
    public override IReadOnlyList<RuleSetting> Settings { get; } = new RuleSetting[] { MinTokens };

    /// <inheritdoc/>
    public override bool Evaluates => true;

    private static readonly Regex Uuid = new(@"(?<![0-9A-Fa-f-])[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}(?![0-9A-Fa-f-])", RegexOptions.CultureInvariant);
    private static readonly Regex Hex = new(@"(?<![0-9A-Za-z])(?:0x)?[0-9A-Fa-f]{32,}(?![0-9A-Za-z])", RegexOptions.CultureInvariant);
    private static readonly Regex Base64 = new(@"(?<![A-Za-z0-9+/_-])[A-Za-z0-9+/_-]{40,}={0,2}(?![A-Za-z0-9+/_=-])", RegexOptions.CultureInvariant);
    private static readonly Regex DataUri = new(@"\bdata:[A-Za-z0-9.+-]+/[A-Za-z0-9.+-]+(?:;[A-Za-z0-9.+-]+=[A-Za-z0-9.+\-""]+)*;base64,[A-Za-z0-9+/]{16,}={0,2}", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    /// <summary>The blobs of <paramref name="text"/>: kind ("UUID", "hex", "base64", "data: URI") and value, in order.</summary>
    public static IReadOnlyList<(string Kind, string Value)> Find(string text)
        => Spans(text).Select(f => (f.Kind, f.Value)).ToList();

    /// <summary>The blobs of <paramref name="text"/> with where they start, in order (PL0016 leaves these to PL0014).</summary>
    internal static IReadOnlyList<(int Index, string Kind, string Value)> Spans(string text)
    {
        // Every blob but a short data: URI is a run of at least 32 characters of [A-Za-z0-9+/_-] (a UUID's 36 included):
        // prose rarely has one, and this loop is much cheaper than the patterns.
        var dataUri = text.IndexOf(";base64,", StringComparison.OrdinalIgnoreCase) >= 0;
        if (!dataUri && !HasRun(text, 32))
        {
            return Array.Empty<(int, string, string)>();
        }

        var found = new List<(int Index, string Kind, string Value)>();
        // A credential is PL0021's: one finding per secret, whose advice is to revoke it, not to pass it in a hole.
        var taken = SecretInPrompt.Find(text).Select(s => (Start: s.Index, End: s.Index + s.Length)).ToList();
        void Add(Match m, string kind)
        {
            if (!taken.Any(t => m.Index < t.End && t.Start < m.Index + m.Length))
            {
                found.Add((m.Index, kind, m.Value));
                taken.Add((m.Index, m.Index + m.Length));
            }
        }

        // A data: URI first: its payload is an embedded file however regular its bytes are (an icon's base64 repeats a lot).
        if (dataUri)
        {
            foreach (Match m in DataUri.Matches(text))
            {
                Add(m, "data: URI");
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

        // A URL's path is addressing, not encoded data: an article id joined to its title slug
        // (".../articles/23920389749655-Code-Connect") is not base64. A UUID or a hash in a URL is still the id it is.
        var urls = UrlSpans.Of(text);
        foreach (Match m in Base64.Matches(text))
        {
            if (urls.Any(u => u.Start <= m.Index && m.Index < u.End))
            {
                continue;
            }

            if (LooksRandom(m.Value.TrimEnd('=')) || LooksEncoded(m.Value))
            {
                Add(m, "base64");
            }
        }

        return found.OrderBy(f => f.Index).ToList();
    }

    /// <inheritdoc/>
    // Judges instruction prose only: code, examples, output formats, data and front matter are blanked (JudgedText).
    internal override void Evaluate(RuleInput i) => Evaluate(JudgedText.Of(i.Template, JudgedText.NotProse), i.Measurement, i.Model, i.Registry, i.Settings, i.Findings);

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
        if (tokens < settings.Get(MinTokens))
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

    // Identifiers and paths are made of words: most of their characters are in runs of three or more lower-case
    // letters (after an optional capital), which random base64 rarely has (a run of three has odds of about 1 in 15).
    private static readonly Regex Word = new(@"[A-Za-z]?[a-z]{3,}", RegexOptions.CultureInvariant);

    private static bool Wordy(string value) => Word.Matches(value).Cast<Match>().Sum(m => m.Length) * 2 >= value.Length;

    // Base64 of regular data (text, an image's repeating bytes) is not spread like random data, but still has the
    // encoding's marks: at least 64 characters of the standard alphabet only (no '_' or '-', which identifiers and
    // slugs have), a length that is a multiple of 4, and '=' padding or a '+' or '/' among mixed case and digits. A
    // path has '/' far more often than base64's one in 64, so runs with more slashes are left alone.
    private static bool LooksEncoded(string value)
    {
        if (value.Length < 64 || value.Length % 4 != 0 || value.IndexOf('_') >= 0 || value.IndexOf('-') >= 0)
        {
            return false;
        }

        var slashes = value.Count(c => c == '/');
        if (slashes > Math.Max(2, value.Length / 20) || value.Contains("//"))
        {
            return false;
        }

        if (Wordy(value))
        {
            return false;
        }

        var padded = value.EndsWith("=", StringComparison.Ordinal);
        var marked = value.IndexOf('+') >= 0 || slashes > 0;
        return padded || (marked && value.Any(char.IsUpper) && value.Any(char.IsLower) && value.Any(char.IsDigit));
    }

    // A base64-like run counts only when it mixes upper case, lower case and digits and its characters are spread
    // like random data (Shannon entropy of at least 4 bits per character), so long words, paths and identifiers do not.
    private static bool LooksRandom(string value)
    {
        if (!value.Any(char.IsUpper) || !value.Any(char.IsLower) || !value.Any(char.IsDigit) || Wordy(value))
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
