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
/// PL0016: long numbers in a prompt's static text (ids, account, order and phone numbers, Unix timestamps, decimals with
/// many places). Tokenizers split digit runs into groups of at most three digits, so a 16-digit number costs six tokens
/// or more, and such numbers are usually per-request values or more precision than the model needs. Message only.
/// </summary>
public sealed class LongNumbers : PromptRule
{
    /// <summary><c>promptlint.long_number_min_digits</c>.</summary>
    public static readonly RuleSetting<int> MinDigits = RuleSetting.Positive("promptlint.long_number_min_digits", 10, "digits a number must have");

    /// <summary><c>promptlint.long_number_min_tokens</c>.</summary>
    public static readonly RuleSetting<int> MinTokens = RuleSetting.Positive("promptlint.long_number_min_tokens", 8, "tokens the long numbers must cost before it reports");

    /// <summary>Its catalogue entry.</summary>
    internal static readonly RuleInfo Rule = new(
        RuleIds.LongNumbers,
        "Long numbers in a prompt",
        RuleCategory.Cost,
        RuleSeverity.Info,
        RuleHost.Analyzer,
        hasFix: false,
        "Tokenizers split digit runs into groups of at most three digits, so ids, account and phone numbers, timestamps and long decimals cost many tokens with every call; they usually belong in a hole, rounded, or nowhere.",
        new[] { MinDigits.Key, MinTokens.Key },
        ("default", "Prompt '{prompt}' has {numbers} in its static text ({shown}) that split into {tokens} per call{money}. Pass ids in a hole, round measurements, or drop digits the model does not need."));

    /// <inheritdoc/>
    public override RuleInfo Info => Rule;

    /// <inheritdoc/>
    public override IReadOnlyList<RuleSetting> Settings { get; } = new RuleSetting[] { MinDigits, MinTokens };

    /// <inheritdoc/>
    public override bool Evaluates => true;

    // Digit groups joined by single '-', '_', '.' or ',' characters, not glued to letters, digits or '_' on either side.
    private static readonly Regex Candidate = new(@"(?<![\p{L}\p{N}_])[0-9]+(?:[-_.,][0-9]+)*(?![\p{L}\p{N}_])", RegexOptions.CultureInvariant);

    // A number inside a web address ("https://pubs.example.org/onlinepubs/9699919799/utilities/") is part of the address:
    // the link breaks without its digits, and no hole or rounding can stand in for them.
    private static readonly Regex Url = new(@"\bhttps?://[^\s<>()\[\]""'`]+", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    // ',' only as a thousands separator: 1,234,567,890 (optionally with decimals), never a list such as 1,2,3.
    private static readonly Regex Thousands = new(@"^[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?$", RegexOptions.CultureInvariant);

    /// <summary>The numbers of <paramref name="text"/> with at least <paramref name="minDigits"/> digits, in order.</summary>
    /// <remarks>
    /// Left out: anything with two or more '.' (versions, IP addresses, dotted dates), ',' that is not a thousands
    /// separator (lists), digits next to letters (codes, hex), and what PL0014 reports (UUIDs, hex, base64).
    /// </remarks>
    public static IReadOnlyList<string> Find(string text, int minDigits)
    {
        if (!HasDigitRun(text, minDigits))
        {
            return Array.Empty<string>();
        }

        List<(int Start, int End)>? blobs = null;
        List<(int Start, int End)>? urls = null;
        var numbers = new List<string>();
        foreach (Match m in Candidate.Matches(text))
        {
            var value = m.Value;
            if (value.Count(char.IsDigit) < minDigits
                || value.Count(c => c == '.') > 1
                || (value.IndexOf(',') >= 0 && !Thousands.IsMatch(value))
                || (blobs ??= DataBlobs.Spans(text).Select(b => (Start: b.Index, End: b.Index + b.Value.Length)).ToList()).Any(b => m.Index < b.End && b.Start < m.Index + m.Length)
                || (urls ??= Url.Matches(text).Cast<Match>().Select(u => (Start: u.Index, End: u.Index + u.Length)).ToList()).Any(u => u.Start <= m.Index && m.Index + m.Length <= u.End)
                || IsValueToUse(text, m.Index, m.Length))
            {
                continue;
            }

            numbers.Add(value);
        }

        return numbers;
    }

    // "use the test number `+420604240203`", "enter `4111111111111111` as the card": a value in a code span that the prompt
    // gives as the one to use, type or enter. The model must reproduce it as written: no hole, rounding or shorter
    // form can stand in for it. A number in a code span without such a verb ("order `1234567890123` failed") is still judged.
    // A fixture value named as one ("the test phone number `+420…`", "sandbox card `4111…`") is the same: a literal to reproduce.
    private static readonly Regex UseVerbBefore = new(@"(?:\b(?:use|using|enter|type|dial|paste|fill in|set (?:it )?to)\b(?:[ \t]+[\w'-]+){0,3}|\b(?:test|sample|dummy|fake|sandbox|fixture)\b(?:[ \t]+[\w'-]+){0,2})[ \t]*$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    private static bool IsValueToUse(string text, int index, int length)
    {
        var open = text.LastIndexOf('`', Math.Max(0, index - 1), Math.Min(index, 40));
        var close = text.IndexOf('`', index + length);
        if (open < 0 || close < 0 || close - open > 60 || text.IndexOf('\n', open, close - open) >= 0)
        {
            return false;
        }

        var lineStart = open == 0 ? 0 : text.LastIndexOf('\n', open - 1) + 1;
        if (text.Substring(lineStart, open - lineStart).Count(c => c == '`') % 2 != 0)
        {
            return false; // that backtick closes an earlier span
        }

        var before = text.Substring(Math.Max(lineStart, open - 60), open - Math.Max(lineStart, open - 60));
        return UseVerbBefore.IsMatch(before);
    }

    // A stretch of digits and single separators holding at least minDigits digits: a cheap test before the patterns.
    private static bool HasDigitRun(string text, int minDigits)
    {
        var digits = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is >= '0' and <= '9')
            {
                if (++digits >= minDigits)
                {
                    return true;
                }
            }
            else if (!(c is '-' or '_' or '.' or ',' && i + 1 < text.Length && text[i + 1] is >= '0' and <= '9'))
            {
                digits = 0;
            }
        }

        return false;
    }

    /// <inheritdoc/>
    // Judges instruction prose only: code, examples, output formats, data and front matter are blanked (JudgedText).
    internal override void Evaluate(RuleInput i) => Evaluate(JudgedText.Of(i.Template, JudgedText.NotProse), i.Measurement, i.Model, i.Registry, i.Settings, i.Findings);

    internal static void Evaluate(PromptTemplate template, PromptMeasurement m, ModelInfo? model, TokenizerRegistry registry, RuleSettings settings, List<RuleFinding> findings)
    {
        var numbers = template.Messages.SelectMany(x => x.Segments).Where(s => !s.IsHole)
            .SelectMany(s => Find(TextNormalizer.NormalizeLineEndings(s.Text), settings.Get(MinDigits))).ToList();
        if (numbers.Count == 0)
        {
            return;
        }

        var encoding = registry.Resolve(m.Model).Encoding;
        // Of a conditional block's alternatives only the largest counts: one call sends one of them.
        var tokens = Evidence.Sum(template, text => Find(text, settings.Get(MinDigits)).Sum(n => registry.Count(encoding, n)));
        if (tokens < settings.Get(MinTokens))
        {
            return;
        }

        var shown = string.Join(", ", numbers.Take(3)) + (numbers.Count > 3 ? ", …" : string.Empty);
        var at = Evidence.First(template, text => Find(text, settings.Get(MinDigits)) is { Count: > 0 } found && text.IndexOf(found[0], StringComparison.Ordinal) is >= 0 and var index ? (index, found[0].Length) : null);
        Report(findings, Rule.Message, tokens, at, ("prompt", m.Id), ("numbers", Count(numbers.Count, "long number")), ("shown", shown), ("tokens", Count(tokens, "token")), ("money", Money(tokens, model)));
    }
}
