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
/// PL0013: filler phrases in a prompt's static text, words that carry no instruction ("please note that", "as an AI
/// language model"), from a shipped list that <c>promptlint.filler_phrases</c> replaces. Message only: removing a
/// phrase usually needs the sentence rephrased, which only the author can do.
/// </summary>
public sealed class FillerPhrases : PromptRule
{
    /// <summary><c>promptlint.filler_phrases</c>.</summary>
    public static readonly RuleSetting<IReadOnlyList<string>?> Phrases = RuleSetting.List("promptlint.filler_phrases", "the shipped list", "`|`-separated; replaces the list; a `;` starts a comment in config values", '|', ';');

    /// <summary>Its catalogue entry.</summary>
    internal static readonly RuleInfo Rule = new(
        RuleIds.FillerPhrases,
        "Filler phrases in a prompt",
        RuleCategory.Cost,
        RuleSeverity.Info,
        RuleHost.Analyzer,
        hasFix: false,
        "Phrases such as 'please note that' or 'as an AI language model' carry no instruction and are billed with every call. The list is set by promptlint.filler_phrases.",
        new[] { Phrases.Key },
        ("default", "Prompt '{prompt}' has {phrases} in its static text ({listed}){saving}. State the instruction directly."));

    /// <inheritdoc/>
    public override RuleInfo Info => Rule;

    /// <inheritdoc/>
    public override IReadOnlyList<RuleSetting> Settings { get; } = new RuleSetting[] { Phrases };

    /// <inheritdoc/>
    public override bool Evaluates => true;

    /// <summary>The shipped list: phrases that are filler wherever they stand.</summary>
    public static readonly IReadOnlyList<string> Default = new[]
    {
        "please note that",
        "it is important to note that",
        "it's important to note that",
        "it is worth noting that",
        "it should be noted that",
        "as an ai language model",
        "as a large language model",
        "needless to say",
        "for all intents and purposes",
        "i would like you to",
        "i want you to",
        "please make sure to",
        "please ensure that you",
    };

    /// <summary>The phrases of <paramref name="phrases"/> found in <paramref name="text"/> (whole words, any case), in order.</summary>
    public static IReadOnlyList<string> Find(string text, IReadOnlyList<string> phrases)
        => Pattern(phrases) is { } pattern ? Matches(pattern, text).Select(Phrase).ToList() : Array.Empty<string>();

    // A phrase inside quotation marks on its line is quoted example data ("Message: \"I want you to cancel…\""),
    // not the prompt's own wording.
    private static IEnumerable<Match> Matches(Regex pattern, string text)
        => pattern.Matches(text).Cast<Match>().Where(m => !Quoted(text, m.Index));

    private static bool Quoted(string text, int index)
    {
        var lineStart = index == 0 ? 0 : text.LastIndexOf('\n', index - 1) + 1;
        int straight = 0, curly = 0;
        for (var i = lineStart; i < index; i++)
        {
            switch (text[i])
            {
                case '"':
                    straight++;
                    break;
                case '\u201C':
                    curly++;
                    break;
                case '\u201D':
                    curly = Math.Max(0, curly - 1);
                    break;
            }
        }

        return straight % 2 == 1 || curly > 0;
    }

    /// <inheritdoc/>
    // Judges instruction prose only: code, examples, output formats, data and front matter are blanked (JudgedText).
    internal override void Evaluate(RuleInput i) => Evaluate(JudgedText.Of(i.Template, JudgedText.NotProse), i.Measurement, i.Model, i.Registry, i.Settings, i.Findings);

    internal static void Evaluate(PromptTemplate template, PromptMeasurement m, ModelInfo? model, TokenizerRegistry registry, RuleSettings settings, List<RuleFinding> findings)
    {
        var phrases = settings.Get(Phrases) ?? Default;
        var pattern = Pattern(phrases);
        if (pattern is null)
        {
            return;
        }

        var found = template.Messages.SelectMany(x => x.Segments).Where(s => !s.IsHole)
            .SelectMany(s => Matches(pattern, TextNormalizer.NormalizeLineEndings(s.Text)).Select(Phrase))
            .ToList();
        if (found.Count == 0)
        {
            return;
        }

        // What the phrases themselves cost: the text without them (and the space after each).
        var saved = StaticTextSaving.Tokens(template, m.Model, registry, text => pattern.Replace(text, match => Quoted(text, match.Index) ? match.Value : string.Empty));
        var listed = found.GroupBy(p => p, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Count() == 1 ? $"'{g.Key}'" : $"'{g.Key}' ×{g.Count()}");
        var cost = saved > 0 ? $", about {N(saved)} {Plural(saved, "token")} per call{Money(saved, model)}" : string.Empty;
        var at = Evidence.First(template, text => Matches(pattern, text).Select(match => ((int, int)?)(match.Index, match.Groups["phrase"].Length)).FirstOrDefault());
        Report(findings, Rule.Message, saved > 0 ? saved : null, at, ("prompt", m.Id), ("phrases", Count(found.Count, "filler phrase")), ("listed", string.Join(", ", listed)), ("saving", cost));
    }

    // The phrase as listed: lower case, one space between words.
    private static string Phrase(Match match) => Regex.Replace(match.Groups["phrase"].Value, @"\s+", " ").ToLowerInvariant();

    private static readonly Dictionary<string, Regex?> Patterns = new(StringComparer.Ordinal);

    // One case-insensitive pattern of whole-word alternatives, longest first; the space after a phrase goes with it.
    private static Regex? Pattern(IReadOnlyList<string> phrases)
    {
        var key = string.Join("\n", phrases);
        lock (Patterns)
        {
            if (!Patterns.TryGetValue(key, out var pattern))
            {
                var alternatives = phrases.Select(p => p.Trim()).Where(p => p.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase)
                    .OrderByDescending(p => p.Length).ThenBy(p => p, StringComparer.Ordinal)
                    .Select(p => Regex.Escape(p).Replace("\\ ", "\\s+"))
                    .ToList();
                pattern = alternatives.Count == 0
                    ? null
                    : new Regex(@"(?<![\w'])(?<phrase>" + string.Join("|", alternatives) + @")(?![\w'])[ \t]?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
                Patterns[key] = pattern;
            }

            return pattern;
        }
    }
}
