using System.Collections.Generic;
using System.Linq;
using System.Text;
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
/// PL0010: typographic and invisible characters in a prompt's static text (curly quotes, dashes, non-breaking and
/// other special spaces, zero-width characters, BOM, soft hyphens) that cost more tokens than their ASCII form.
/// Only static text is read: what fills a hole at run time is never judged.
/// </summary>
public sealed class CostlyCharacters : PromptRule
{
    /// <summary><c>promptlint.costly_characters_min_tokens</c>.</summary>
    public static readonly RuleSetting<int> MinTokens = RuleSetting.Positive("promptlint.costly_characters_min_tokens", 1, "tokens it must save before it reports");

    /// <summary>Its catalogue entry.</summary>
    internal static readonly RuleInfo Rule = new(
        RuleIds.CostlyCharacters,
        "Characters that cost more tokens than their ASCII form",
        RuleCategory.Cost,
        RuleSeverity.Info,
        RuleHost.Analyzer,
        hasFix: true,
        "Curly quotes, special dashes and spaces, zero-width characters and byte order marks pasted from word processors often split into more tokens than plain ASCII, on every call. Text inside holes is not judged.",
        new[] { MinTokens.Key },
        ("default", "Prompt '{prompt}' has {characters} in its static text ({kinds}) that cost {more} per call than their ASCII form{money}. Use plain ASCII quotes, dashes and spaces, and delete invisible characters."));

    /// <inheritdoc/>
    public override RuleInfo Info => Rule;

    /// <inheritdoc/>
    public override IReadOnlyList<RuleSetting> Settings { get; } = new RuleSetting[] { MinTokens };

    /// <inheritdoc/>
    public override bool Evaluates => true;

    /// <summary>Fix data: how many costly characters the prompt holds; the fix replaces them only where it can see every one.</summary>
    public const string CountFixData = "costlyCharacters";

    /// <inheritdoc/>
    public override void AddFixData(RuleFinding finding, PromptTemplate template, PromptMeasurement measurement, IDictionary<string, string?> data)
    {
        AddEncoding(measurement, data);
        data[CountFixData] = CountIn(template).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    // Characters with an ASCII form of the same meaning to a model. Joiners (U+200C, U+200D) are left alone: they
    // shape Persian and Indic text and emoji sequences, so removing them changes what the text says.
    private static readonly Dictionary<char, (string Ascii, string Name)> Forms = new()
    {
        ['\u2018'] = ("'", "curly quote"),
        ['\u2019'] = ("'", "curly quote"),
        ['\u201A'] = ("'", "curly quote"),
        ['\u201B'] = ("'", "curly quote"),
        ['\u201C'] = ("\"", "curly quote"),
        ['\u201D'] = ("\"", "curly quote"),
        ['\u201E'] = ("\"", "curly quote"),
        ['\u201F'] = ("\"", "curly quote"),
        ['\u2032'] = ("'", "prime"),
        ['\u2033'] = ("\"", "prime"),
        ['\u2012'] = ("-", "dash"),
        ['\u2013'] = ("-", "dash"),
        ['\u2014'] = ("-", "dash"),
        ['\u2015'] = ("-", "dash"),
        ['\u2212'] = ("-", "minus sign"),
        ['\u2026'] = ("...", "ellipsis"),
        ['\u00A0'] = (" ", "non-breaking space"),
        ['\u2002'] = (" ", "special space"),
        ['\u2003'] = (" ", "special space"),
        ['\u2004'] = (" ", "special space"),
        ['\u2005'] = (" ", "special space"),
        ['\u2006'] = (" ", "special space"),
        ['\u2007'] = (" ", "special space"),
        ['\u2008'] = (" ", "special space"),
        ['\u2009'] = (" ", "special space"),
        ['\u200A'] = (" ", "special space"),
        ['\u202F'] = (" ", "non-breaking space"),
        ['\u205F'] = (" ", "special space"),
        ['\u3000'] = (" ", "special space"),
        ['\u200B'] = (string.Empty, "zero-width space"),
        ['\u2060'] = (string.Empty, "word joiner"),
        ['\uFEFF'] = (string.Empty, "byte order mark"),
        ['\u00AD'] = (string.Empty, "soft hyphen"),
    };

    /// <summary>The ASCII form of <paramref name="c"/>, or null when it has none (it is not a costly character).</summary>
    public static string? AsciiFormOf(char c) => Forms.TryGetValue(c, out var form) ? form.Ascii : null;

    /// <summary>How many costly characters the prompt's static text holds (what a fix must replace).</summary>
    public static int CountIn(PromptTemplate template)
        => template.Messages.SelectMany(x => x.Segments).Where(s => !s.IsHole).Sum(s => Judged(TextNormalizer.NormalizeLineEndings(s.Text)).Count);

    // The costly characters the rule judges, by offset: not in code or front matter (code and configuration are what they
    // are), and not a character that is itself the subject, written alone in brackets or quotes ("em dashes (—)").
    private static List<int> Judged(string text)
    {
        var judged = new List<int>();
        TextRegions? regions = null;
        for (var c = 0; c < text.Length; c++)
        {
            if (!Forms.ContainsKey(text[c]))
            {
                continue;
            }

            regions ??= TextRegions.Of(text);
            if ((regions.KindAt(c) & (PromptRegionKind.Code | PromptRegionKind.InlineCode | PromptRegionKind.NotSent)) == 0 && !Mentioned(text, c))
            {
                judged.Add(c);
            }
        }

        return judged;
    }

    private static bool Mentioned(string text, int c)
        => c > 0 && c + 1 < text.Length && Pairs.IndexOf(text[c - 1]) is var open && open >= 0 && open % 2 == 0 && text[c + 1] == Pairs[open + 1];

    // Opening and closing characters, in pairs, that set a character apart as the thing talked about.
    private const string Pairs = "()[]\"\"''``“”‘’«»";

    /// <summary><paramref name="text"/> with every costly character replaced by its ASCII form.</summary>
    public static string ToAscii(string text)
    {
        var judged = Judged(text);
        if (judged.Count == 0)
        {
            return text;
        }

        var next = 0;
        StringBuilder? builder = null;
        for (var i = 0; i < text.Length; i++)
        {
            if (next < judged.Count && judged[next] == i && Forms.TryGetValue(text[i], out var form))
            {
                next++;
                builder ??= new StringBuilder(text, 0, i, text.Length);
                builder.Append(form.Ascii);
            }
            else
            {
                builder?.Append(text[i]);
            }
        }

        return builder?.ToString() ?? text;
    }

    /// <inheritdoc/>
    internal override void Evaluate(RuleInput i) => Evaluate(i.Template, i.Measurement, i.Model, i.Registry, i.Settings, i.Findings);

    internal static void Evaluate(PromptTemplate template, PromptMeasurement m, ModelInfo? model, TokenizerRegistry registry, RuleSettings settings, List<RuleFinding> findings)
    {
        var found = template.Messages.SelectMany(x => x.Segments).Where(s => !s.IsHole)
            .SelectMany(s => { var text = TextNormalizer.NormalizeLineEndings(s.Text); return Judged(text).Select(c => text[c]); }).ToList();
        if (found.Count == 0)
        {
            return;
        }

        var saved = StaticTextSaving.Tokens(template, m.Model, registry, ToAscii);
        if (saved <= 0 || saved < settings.Get(MinTokens))
        {
            return;
        }

        var kinds = found.Select(c => Forms[c].Name).Distinct().OrderBy(k => k, System.StringComparer.Ordinal);
        var at = Evidence.First(template, text =>
        {
            var judged = Judged(text);
            return judged.Count > 0 ? (judged[0], 1) : null;
        });
        Report(findings, Rule.Message, saved, at, ("prompt", m.Id), ("characters", Count(found.Count, "typographic or invisible character")), ("kinds", string.Join(", ", kinds)), ("more", N(saved) + " more " + Plural(saved, "token")), ("money", Money(saved, model)));
    }
}
