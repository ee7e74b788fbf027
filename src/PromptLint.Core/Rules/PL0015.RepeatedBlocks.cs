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
using PromptLint.Counting.Tokenizers;
using static PromptLint.Core.Engine.StaticTextSaving;

namespace PromptLint.Core.Rules;

/// <summary>
/// PL0015: the same paragraph, list item or sentence more than once in one prompt's static text, within a message or
/// across the messages of one call. Every copy after the first is billed on every call and tells the model nothing new.
/// Message only: which copy to keep (and whether a reminder is deliberate) is the author's call.
/// </summary>
public sealed class RepeatedBlocks : PromptRule
{
    /// <summary><c>promptlint.repeated_block_min_tokens</c>.</summary>
    public static readonly RuleSetting<int> MinTokens = RuleSetting.Positive("promptlint.repeated_block_min_tokens", 12, "tokens a repeated block must have");

    /// <summary>Its catalogue entry.</summary>
    internal static readonly RuleInfo Rule = new(
        RuleIds.RepeatedBlocks,
        "Repeated block in a prompt",
        RuleCategory.Cost,
        RuleSeverity.Info,
        RuleHost.Analyzer,
        hasFix: false,
        "A paragraph, list item or sentence that appears more than once in one prompt is billed for every copy on every call and tells the model nothing new. The minimum size is set by promptlint.repeated_block_min_tokens.",
        new[] { MinTokens.Key },
        ("one", "Prompt '{prompt}' repeats 1 block of {blockTokens} (\"{preview}\") {times} times; the copies cost {tokens} per call{money}. Keep one copy."),
        ("several", "Prompt '{prompt}' repeats {blocks} blocks ({listed}); the copies cost {tokens} per call{money}. Keep one copy of each."));

    /// <inheritdoc/>
    public override RuleInfo Info => Rule;

    /// <inheritdoc/>
    public override IReadOnlyList<RuleSetting> Settings { get; } = new RuleSetting[] { MinTokens };

    /// <inheritdoc/>
    public override bool Evaluates => true;

    private static readonly Regex Word = new(@"(?<![\p{L}\p{N}_])\p{L}+(?:['’-]\p{L}+)*(?![\p{L}\p{N}_])", RegexOptions.CultureInvariant);

    private const int PreviewLength = 40;

    // "POST /report?type=all HTTP/1.1": a request in an example.
    private static readonly Regex HttpRequest = new(@"^(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) /", RegexOptions.CultureInvariant);

    private static readonly Regex KeyValue = new(@"(?<![\w-])[A-Za-z_][\w-]*:[ \t\n]", RegexOptions.CultureInvariant);

    /// <summary>
    /// The repeated blocks of <paramref name="template"/>'s static text that pass the prose test: the first occurrence's
    /// text and every occurrence's text, in order. Larger units first; a unit inside a copy of a larger one is not
    /// counted again. The token minimum is applied by the rule, not here.
    /// </summary>
    internal static IReadOnlyList<(StaticTextUnit First, IReadOnlyList<StaticTextUnit> Copies)> Find(PromptTemplate template, Func<string, bool> counts)
    {
        var units = StaticTextUnits.Of(template);
        var headings = new Dictionary<int, List<int>>();
        int Section(StaticTextUnit unit)
        {
            if (!headings.TryGetValue(unit.Message, out var starts))
            {
                headings[unit.Message] = starts = StaticTextUnits.HeadingStarts(template, unit.Message);
            }

            var at = starts.BinarySearch(unit.Start);
            return at >= 0 ? at + 1 : ~at;
        }

        var headingLines = new Dictionary<int, List<string>>();
        string? Heading(StaticTextUnit unit)
        {
            if (!headingLines.TryGetValue(unit.Message, out var lines))
            {
                headingLines[unit.Message] = lines = StaticTextUnits.HeadingLines(template, unit.Message);
            }

            var index = Section(unit);
            return index == 0 ? null : lines[index - 1];
        }

        var copies = new List<StaticTextUnit>();
        var found = new List<(StaticTextUnit First, IReadOnlyList<StaticTextUnit> Copies)>();
        foreach (var level in new[] { UnitLevel.Paragraph, UnitLevel.ListItem, UnitLevel.Sentence })
        {
            var copied = new StaticTextUnitIndex(copies);
            var groups = units.Where(u => u.Level == level && !copied.AnyContains(u))
                .GroupBy(u => StaticTextUnits.Key(u.Text), StringComparer.Ordinal)
                .Where(g => g.Key.Length > 0 && g.Skip(1).Any())
                .ToList();
            foreach (var group in groups)
            {
                var first = group.First();
                if (!LooksLikeProse(first.Text) || CrossReference.IsPointer(first.Text) || !counts(first.Text))
                {
                    continue;
                }

                // A copy is a unit sent together with an earlier one: the same text in the if and the else of a
                // conditional is sent once per call, whichever branch is taken.
                var members = group.ToList();
                var rest = members.Skip(1).Where(u => members.TakeWhile(e => e != u).Any(e => Evidence.SentTogether(template, e, u)) && !IsExampleMaterial(template, u) && !CopyContext.IsFieldOfAnotherItem(template, members, u, Section) && !SiblingItemAttributes.OfItsOwnItem(template, members, u, Section) && !CopyContext.RefersBackInAnotherSection(members, u, Section) && !CopyContext.RefersBackToItsOwnItem(units, members, u) && !CopyContext.DescribesAnotherNamedItem(units, members, u) && !CopyContext.ActionOfAnotherStep(units, members, u, Section, Heading) && !CopyContext.LeadInInAnotherSection(members, u, Section) && !FewShotTurns.AnswerRepeatsItsInput(template, members, u) && !ParallelProcedures.IsStepOfAnotherProcedure(units, members, u, Section, Heading)).ToList();
                if (rest.Count == 0)
                {
                    continue;
                }

                copies.AddRange(rest);
                found.Add((first, rest));
            }
        }

        return found.OrderBy(f => f.First.Message).ThenBy(f => f.First.Start).ToList();
    }

    // A copy that is itself a heading ("## Step 2") names a section, it does not instruct. Examples, output formats,
    // data and code are not judged at all: the rule runs on the prompt's prose (JudgedText), so their repeats never reach here.
    private static bool IsExampleMaterial(PromptTemplate template, StaticTextUnit copy)
        => copy.Text.TrimStart().StartsWith("#", StringComparison.Ordinal);

    /// <summary>
    /// Prose, not data: at least 4 words of letters, letters at least half of the visible characters, not starting
    /// like a table row, JSON, markup or an HTTP request line, and not fields separated by '|', code or YAML. Repeated table rows and JSON records are data, not instructions.
    /// </summary>
    internal static bool LooksLikeProse(string text)
    {
        var first = text.TrimStart();
        if (first.Length == 0 || "{[|<".IndexOf(first[0]) >= 0 || HttpRequest.IsMatch(first))
        {
            return false;
        }

        // "- JunaAI | JunaAI is a platform … | https://…": fields in list form are data too, and so is code outside a fence
        // ("defineProps<{ item: NavItem }>()", many brackets and operators) and YAML ("id: x info: name: y", key after key).
        var visibleChars = text.Count(c => !char.IsWhiteSpace(c));
        if (text.Count(c => c == '|') >= 1 || text.Count(c => "{}()[];=<>".IndexOf(c) >= 0) * 12 >= visibleChars || AtLeast(KeyValue, text, 3))
        {
            return false;
        }

        var visible = text.Count(c => !char.IsWhiteSpace(c));
        var letters = text.Count(char.IsLetter);
        return AtLeast(Word, text, 4) && letters * 2 >= visible;
    }

    // Matches(text).Count >= count without finding every match: a repeated paragraph is judged once per group (issue 30).
    private static bool AtLeast(Regex pattern, string text, int count)
    {
        for (var match = pattern.Match(text); match.Success; match = match.NextMatch())
        {
            if (--count <= 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <inheritdoc/>
    // Judges instruction prose only: code, examples, output formats, data and front matter are blanked (JudgedText).
    internal override void Evaluate(RuleInput i) => Evaluate(JudgedText.Of(i.Template, JudgedText.NotProse), i.Measurement, i.Model, i.Registry, i.Settings, i.Findings);

    internal static void Evaluate(PromptTemplate template, PromptMeasurement m, ModelInfo? model, TokenizerRegistry registry, RuleSettings settings, List<RuleFinding> findings)
    {
        var encoding = registry.Resolve(m.Model).Encoding;
        var blocks = Find(template, text => registry.Count(encoding, text) >= settings.Get(MinTokens))
            .Select(b => (Copy: b.Copies[0], Preview: Preview(b.First.Text), Tokens: registry.Count(encoding, b.First.Text), Times: b.Copies.Count + 1, Saved: b.Copies.Sum(c => registry.Count(encoding, c.Text))))
            .ToList();
        if (blocks.Count == 0)
        {
            return;
        }

        var saved = blocks.Sum(b => b.Saved);
        // Reported at the first copy: that is the text to remove.
        var at = Evidence.Of(template, blocks[0].Copy);
        if (blocks.Count == 1)
        {
            Report(findings, Rule.MessageNamed("one"), saved, at, ("prompt", m.Id), ("blockTokens", Count(blocks[0].Tokens, "token")), ("preview", blocks[0].Preview), ("times", N(blocks[0].Times)), ("tokens", Count(saved, "token")), ("money", Money(saved, model)));
        }
        else
        {
            var listed = string.Join(", ", blocks.Take(3).Select(b => $"\"{b.Preview}\" {Count(b.Tokens, "token")} ×{N(b.Times)}")) + (blocks.Count > 3 ? $", {N(blocks.Count - 3)} more" : string.Empty);
            Report(findings, Rule.MessageNamed("several"), saved, at, ("prompt", m.Id), ("blocks", N(blocks.Count)), ("listed", listed), ("tokens", Count(saved, "token")), ("money", Money(saved, model)));
        }
    }

    // The first 40 characters, whitespace collapsed, with an ellipsis when cut.
    private static string Preview(string text)
    {
        var collapsed = StaticTextUnits.Collapse(text);
        return collapsed.Length <= PreviewLength ? collapsed : collapsed.Substring(0, PreviewLength).TrimEnd() + "…";
    }
}
