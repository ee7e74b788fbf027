using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
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
/// PL0011: whitespace a model does not read, in a prompt's static text: spaces and tabs at the end of a line, runs of
/// two or more blank lines, the alignment padding of Markdown tables, and runs of spaces between two words of a line
/// ("Name:    value", "end.  Next"). Indentation, code (fenced, or indented by four spaces or a tab), columns aligned
/// with the line above or below, and whitespace next to a hole are left alone, so nothing that shapes the text is judged.
/// </summary>
public sealed class WhitespaceBloat : PromptRule
{
    /// <summary><c>promptlint.whitespace_min_tokens</c>.</summary>
    public static readonly RuleSetting<int> MinTokens = RuleSetting.Positive("promptlint.whitespace_min_tokens", 2, "tokens it must save before it reports");

    /// <summary>Its catalogue entry.</summary>
    internal static readonly RuleInfo Rule = new(
        RuleIds.WhitespaceBloat,
        "Whitespace that costs tokens",
        RuleCategory.Cost,
        RuleSeverity.Info,
        RuleHost.Analyzer,
        hasFix: true,
        "Spaces and tabs at line ends, runs of blank lines and the alignment padding of Markdown tables are sent and billed with every call, and tell the model nothing. Indentation and other spaces inside lines are not judged.",
        new[] { MinTokens.Key },
        ("default", "Prompt '{prompt}' has {listed} in its static text, which cost {tokens} per call{money}. Delete trailing whitespace and keep at most one blank line between paragraphs."),
        ("tables", "Prompt '{prompt}' has {listed} in its static text, which cost {tokens} per call{money}. Delete trailing whitespace and table padding, and keep at most one blank line between paragraphs."),
        ("spaces", "Prompt '{prompt}' has {listed} in its static text, which cost {tokens} per call{money}. Delete trailing whitespace, write one space between words and keep at most one blank line between paragraphs."),
        ("tables_spaces", "Prompt '{prompt}' has {listed} in its static text, which cost {tokens} per call{money}. Delete trailing whitespace and table padding, write one space between words and keep at most one blank line between paragraphs."));

    /// <inheritdoc/>
    public override RuleInfo Info => Rule;

    /// <inheritdoc/>
    public override IReadOnlyList<RuleSetting> Settings { get; } = new RuleSetting[] { MinTokens };

    /// <inheritdoc/>
    public override bool Evaluates => true;

    /// <inheritdoc/>
    public override void AddFixData(RuleFinding finding, PromptTemplate template, PromptMeasurement measurement, IDictionary<string, string?> data)
        => AddEncoding(measurement, data);

    /// <summary>
    /// <paramref name="text"/> (LF line endings) without trailing whitespace on its lines, with at most one blank line
    /// in a row, with the padding of Markdown table rows removed (one space around each cell, <c>---</c> rules), and
    /// with one space where prose has several between two words.
    /// </summary>
    public static string Collapse(string text) => WhitespaceLayout.Collapse(text, null, 0);

    /// <inheritdoc/>
    internal override void Evaluate(RuleInput i) => Evaluate(i.Template, i.Measurement, i.Model, i.Registry, i.Settings, i.Findings);

    internal static void Evaluate(PromptTemplate template, PromptMeasurement m, ModelInfo? model, TokenizerRegistry registry, RuleSettings settings, List<RuleFinding> findings)
    {
        var regions = PromptRegions.Of(template);
        string Rewrite(int message, int segment, string text) => WhitespaceLayout.Collapse(text, regions.Message(message), regions.SegmentOffset(message, segment));
        var texts = new List<(string Text, TextRegions Regions, int Offset)>();
        for (var x = 0; x < template.Messages.Count; x++)
        {
            for (var s = 0; s < template.Messages[x].Segments.Count; s++)
            {
                if (!template.Messages[x].Segments[s].IsHole)
                {
                    texts.Add((TextNormalizer.NormalizeLineEndings(template.Messages[x].Segments[s].Text), regions.Message(x), regions.SegmentOffset(x, s)));
                }
            }
        }

        var (trailing, runs, padded, spaced) = Count(texts);
        if (trailing + runs + padded + spaced == 0)
        {
            return;
        }

        var encoding = registry.Resolve(m.Model).Encoding;
        var saved = Evidence.Sum(template, (x, s, text) => Rewrite(x, s, text) is var rewritten && !string.Equals(text, rewritten, StringComparison.Ordinal) ? registry.Count(encoding, text) - registry.Count(encoding, rewritten) : 0);
        if (saved <= 0 || saved < settings.Get(MinTokens))
        {
            return;
        }

        var what = new List<string>();
        if (trailing > 0)
        {
            what.Add($"{N(trailing)} {Plural(trailing, "line")} ending in spaces or tabs");
        }

        if (runs > 0)
        {
            what.Add($"{N(runs)} {Plural(runs, "run")} of blank lines");
        }

        if (padded > 0)
        {
            what.Add($"{N(padded)} padded Markdown table {Plural(padded, "row")}");
        }

        if (spaced > 0)
        {
            what.Add($"{N(spaced)} {Plural(spaced, "line")} with runs of spaces between words");
        }

        var listed = what.Count <= 2 ? string.Join(" and ", what) : string.Join(", ", what.Take(what.Count - 1)) + " and " + what[what.Count - 1];
        Report(findings, Rule.MessageNamed((padded > 0, spaced > 0) switch { (true, true) => "tables_spaces", (true, false) => "tables", (false, true) => "spaces", _ => "default" }), saved, Evidence.FirstChange(template, Rewrite), ("prompt", m.Id), ("listed", listed), ("tokens", StaticTextSaving.Count(saved, "token")), ("money", Money(saved, model)));
    }

    private static (int Trailing, int Runs, int Padded, int Spaced) Count(IEnumerable<(string Text, TextRegions Regions, int Offset)> texts)
    {
        int trailing = 0, runs = 0, padded = 0, spaced = 0;
        foreach (var (text, regions, offset) in texts)
        {
            var lines = text.Split('\n');
            var kept = WhitespaceLayout.KeptLines(text, lines, regions, offset);
            var table = WhitespaceLayout.TableRows(lines, kept);
            var prose = WhitespaceLayout.ProseRows(lines, table, kept);
            spaced += prose.Count(p => p);
            padded += Enumerable.Range(0, lines.Length).Count(i => table[i] && !string.Equals(WhitespaceLayout.Unpad(lines[i].TrimEnd(' ', '\t')), lines[i].TrimEnd(' ', '\t'), StringComparison.Ordinal));
            var blank = 0;
            for (var i = 0; i < lines.Length - 1; i++)
            {
                if (kept[i])
                {
                    blank = 0;
                    continue;
                }

                // A line of spaces alone ends in spaces too: the rewrite empties it, so the message counts it (and the
                // diagnostic, placed at the first change, may stand on it).
                var trimmed = lines[i].TrimEnd(' ', '\t');
                if (trimmed.Length != lines[i].Length)
                {
                    trailing++;
                }

                blank = trimmed.Length == 0 && i > 0 ? blank + 1 : 0;
                if (blank == 2)
                {
                    runs++;
                }
            }
        }

        return (trailing, runs, padded, spaced);
    }
}
