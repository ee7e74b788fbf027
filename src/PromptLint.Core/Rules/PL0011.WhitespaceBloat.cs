using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using PromptLint.Core.Measuring;
using PromptLint.Core.Model;
using PromptLint.Core.Pricing;
using PromptLint.Core.Tokenizers;
using static PromptLint.Core.Rules.StaticTextSaving;

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
    public static string Collapse(string text)
    {
        var lines = text.Split('\n');
        var table = TableRows(lines);
        var prose = ProseRows(lines, table);
        var builder = new StringBuilder(text.Length);
        var blank = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            // The last piece does not end in a newline: what follows it is a hole or the end of the message, and its
            // trailing whitespace may separate the text from the hole's value.
            var last = i == lines.Length - 1;
            var line = last ? lines[i] : lines[i].TrimEnd(' ', '\t');
            if (table[i])
            {
                line = Unpad(line);
            }
            else if (prose[i])
            {
                line = Unspace(line);
            }

            if (!last && line.Length == 0 && i > 0)
            {
                blank++;
                if (blank > 1)
                {
                    continue;
                }
            }
            else
            {
                blank = 0;
            }

            builder.Append(line);
            if (!last)
            {
                builder.Append('\n');
            }
        }

        return builder.ToString();
    }

    // Rows of Markdown tables: two or more consecutive lines that start and end with '|' (after indentation), one of
    // them a separator row (|---|:--:|), outside fenced code blocks. The last piece (before a hole) is never one.
    private static bool[] TableRows(string[] lines)
    {
        var rows = new bool[lines.Length];
        var fenced = false;
        var start = -1;
        for (var i = 0; i <= lines.Length; i++)
        {
            var trimmed = i < lines.Length - 1 ? lines[i].Trim() : string.Empty;
            if (trimmed.StartsWith("```", StringComparison.Ordinal) || trimmed.StartsWith("~~~", StringComparison.Ordinal))
            {
                fenced = !fenced;
            }

            var row = !fenced && trimmed.Length > 1 && trimmed[0] == '|' && trimmed[trimmed.Length - 1] == '|';
            if (row && start < 0)
            {
                start = i;
            }
            else if (!row && start >= 0)
            {
                if (i - start >= 2 && Enumerable.Range(start, i - start).Any(r => Separator.IsMatch(lines[r].Trim())))
                {
                    for (var r = start; r < i; r++)
                    {
                        rows[r] = true;
                    }
                }

                start = -1;
            }
        }

        return rows;
    }

    // Lines whose runs of spaces between words may go: outside fenced code, not indented like code (four spaces or a
    // tab), not code-like (braces, ';', '='), not table rows, and with no run that ends in the same column as a run, or
    // the indentation, of a line up to three above or below (a column aligned on purpose: options and their wrapped
    // descriptions, a hand-made table).
    private static bool[] ProseRows(string[] lines, bool[] table)
    {
        var rows = new bool[lines.Length];
        // Most prompts have no two spaces after a word at all: nothing to look at, no per-line lists (this runs on every
        // analysis of every prompt, in the IDE on every keystroke).
        if (!lines.Any(l => l.TrimStart(' ', '\t').IndexOf("  ", StringComparison.Ordinal) > 0))
        {
            return rows;
        }

        var fenced = false;
        List<int>?[] ends = new List<int>?[lines.Length];
        for (var i = 0; i < lines.Length; i++)
        {
            var trimmed = lines[i].TrimStart(' ', '\t');
            if (trimmed.StartsWith("```", StringComparison.Ordinal) || trimmed.StartsWith("~~~", StringComparison.Ordinal))
            {
                fenced = !fenced;
                continue;
            }

            if (!fenced && !table[i] && !lines[i].StartsWith("    ", StringComparison.Ordinal) && !lines[i].StartsWith("\t", StringComparison.Ordinal))
            {
                ends[i] = RunEnds(lines[i]);
            }
        }

        for (var i = 0; i < lines.Length; i++)
        {
            // Within three lines either way: a wrapped description ("--update  Update patterns." then an indented
            // continuation line) sits between two aligned rows.
            rows[i] = ends[i] is { Count: > 0 } mine
                && !LooksLikeCode(lines[i])
                && !Enumerable.Range(i - AlignmentReach, (2 * AlignmentReach) + 1).Any(j => j != i && j >= 0 && j < lines.Length && Aligned(mine, Columns(lines[j])));
        }

        return rows;
    }

    private const int AlignmentReach = 3;

    private static bool Aligned(List<int> mine, List<int> theirs) => mine.Any(theirs.Contains);

    // Where a line's words start after a run of spaces, and where its text starts when it is indented by two or more:
    // a wrapped description continues at its column.
    private static List<int> Columns(string line)
    {
        var columns = RunEnds(line);
        var indent = 0;
        while (indent < line.Length && line[indent] == ' ')
        {
            indent++;
        }

        if (indent >= 2 && indent < line.Length)
        {
            columns.Add(indent);
        }

        return columns;
    }

    // Code outside a fence (CSS, a shell line): braces, semicolons, an assignment or a comment after two spaces (PEP 8's
    // "x = 1  # why") say its spacing may be its own.
    private static bool LooksLikeCode(string line)
        => line.IndexOfAny(CodeMarks) >= 0 || line.IndexOf("  #", StringComparison.Ordinal) >= 0 || line.IndexOf("  //", StringComparison.Ordinal) >= 0;

    private static readonly char[] CodeMarks = { '{', '}', ';', '=' };

    // Columns where a word starts after two or more spaces that follow a word of the line (tabs are left alone: a
    // tab between fields is how tab-separated data looks).
    private static List<int> RunEnds(string line)
    {
        var ends = new List<int>();
        for (var i = 1; i < line.Length; i++)
        {
            if (line[i] == ' ' && line[i - 1] is not (' ' or '\t'))
            {
                var end = i;
                while (end < line.Length && line[end] == ' ')
                {
                    end++;
                }

                if (end < line.Length && end - i >= 2 && line[end] != '\t')
                {
                    ends.Add(end);
                }

                i = end;
            }
        }

        return ends;
    }

    // "Name:    value" -> "Name: value": each run RunEnds finds becomes one space; indentation and the line's end stay.
    private static string Unspace(string line)
    {
        var builder = new StringBuilder(line.Length);
        var position = 0;
        foreach (var end in RunEnds(line))
        {
            var start = end;
            while (line[start - 1] == ' ')
            {
                start--;
            }

            builder.Append(line, position, start - position).Append(' ');
            position = end;
        }

        return builder.Append(line, position, line.Length - position).ToString();
    }

    private static readonly Regex Separator = new(@"^\|(?:[ \t]*:?-+:?[ \t]*\|)+$", RegexOptions.CultureInvariant);
    private static readonly Regex PaddingBeforePipe = new(@"(?<=\S)[ \t]{2,}\|", RegexOptions.CultureInvariant);
    private static readonly Regex PaddingAfterPipe = new(@"\|[ \t]{2,}(?=\S)", RegexOptions.CultureInvariant);
    private static readonly Regex LongRule = new(@"-{4,}", RegexOptions.CultureInvariant);

    // "|  Plan    | Seats |" -> "| Plan | Seats |"; "|:-------:|" -> "|:---:|". Only shortens: one space stays where there
    // were several, a compact row stays compact, indentation and escaped pipes are kept.
    private static string Unpad(string line)
    {
        if (line.Contains("\\|"))
        {
            return line;
        }

        var unpadded = PaddingAfterPipe.Replace(PaddingBeforePipe.Replace(line, " |"), "| ");
        return Separator.IsMatch(unpadded.Trim()) ? LongRule.Replace(unpadded, "---") : unpadded;
    }

    /// <inheritdoc/>
    internal override void Evaluate(RuleInput i) => Evaluate(i.Template, i.Measurement, i.Model, i.Registry, i.Settings, i.Findings);

    internal static void Evaluate(PromptTemplate template, PromptMeasurement m, ModelInfo? model, TokenizerRegistry registry, RuleSettings settings, List<RuleFinding> findings)
    {
        var (trailing, runs, padded, spaced) = Count(template.Messages.SelectMany(x => x.Segments).Where(s => !s.IsHole).Select(s => PromptLint.Core.Text.TextNormalizer.NormalizeLineEndings(s.Text)));
        if (trailing + runs + padded + spaced == 0)
        {
            return;
        }

        var saved = StaticTextSaving.Tokens(template, m.Model, registry, Collapse);
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
        Report(findings, Rule.MessageNamed((padded > 0, spaced > 0) switch { (true, true) => "tables_spaces", (true, false) => "tables", (false, true) => "spaces", _ => "default" }), saved, Evidence.FirstChange(template, Collapse), ("prompt", m.Id), ("listed", listed), ("tokens", StaticTextSaving.Count(saved, "token")), ("money", Money(saved, model)));
    }

    private static (int Trailing, int Runs, int Padded, int Spaced) Count(IEnumerable<string> texts)
    {
        int trailing = 0, runs = 0, padded = 0, spaced = 0;
        foreach (var text in texts)
        {
            var lines = text.Split('\n');
            var table = TableRows(lines);
            var prose = ProseRows(lines, table);
            spaced += prose.Count(p => p);
            padded += Enumerable.Range(0, lines.Length).Count(i => table[i] && !string.Equals(Unpad(lines[i].TrimEnd(' ', '\t')), lines[i].TrimEnd(' ', '\t'), StringComparison.Ordinal));
            var blank = 0;
            for (var i = 0; i < lines.Length - 1; i++)
            {
                var trimmed = lines[i].TrimEnd(' ', '\t');
                if (trimmed.Length != lines[i].Length && trimmed.Length > 0)
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
