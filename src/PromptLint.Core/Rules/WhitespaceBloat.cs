using System.Collections.Generic;
using System.Linq;
using System.Text;
using PromptLint.Core.Measuring;
using PromptLint.Core.Model;
using PromptLint.Core.Pricing;
using PromptLint.Core.Tokenizers;

namespace PromptLint.Core.Rules;

/// <summary>
/// PL0011: whitespace a model does not read, in a prompt's static text: spaces and tabs at the end of a line, and
/// runs of two or more blank lines. Indentation, spaces inside a line (tables, code) and whitespace next to a hole
/// are left alone, so nothing that shapes the text is judged.
/// </summary>
public static class WhitespaceBloat
{
    /// <summary><paramref name="text"/> (LF line endings) without trailing whitespace on its lines and with at most one blank line in a row.</summary>
    public static string Collapse(string text)
    {
        var lines = text.Split('\n');
        var builder = new StringBuilder(text.Length);
        var blank = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            // The last piece does not end in a newline: what follows it is a hole or the end of the message, and its
            // trailing whitespace may separate the text from the hole's value.
            var last = i == lines.Length - 1;
            var line = last ? lines[i] : lines[i].TrimEnd(' ', '\t');
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

    internal static void Evaluate(PromptTemplate template, PromptMeasurement m, ModelInfo? model, TokenizerRegistry registry, RuleSettings settings, List<RuleFinding> findings)
    {
        var (trailing, runs) = Count(template.Messages.SelectMany(x => x.Segments).Where(s => !s.IsHole).Select(s => PromptLint.Core.Text.TextNormalizer.NormalizeLineEndings(s.Text)));
        if (trailing + runs == 0)
        {
            return;
        }

        var saved = StaticTextSaving.Tokens(template, m.Model, registry, Collapse);
        if (saved <= 0 || saved < settings.WhitespaceMinTokens)
        {
            return;
        }

        var what = new List<string>();
        if (trailing > 0)
        {
            what.Add($"{StaticTextSaving.N(trailing)} {StaticTextSaving.Plural(trailing, "line")} ending in spaces or tabs");
        }

        if (runs > 0)
        {
            what.Add($"{StaticTextSaving.N(runs)} {StaticTextSaving.Plural(runs, "run")} of blank lines");
        }

        findings.Add(new RuleFinding(
            CostRules.WhitespaceBloat,
            $"Prompt '{m.Id}' has {string.Join(" and ", what)} in its static text, which cost {StaticTextSaving.N(saved)} {StaticTextSaving.Plural(saved, "token")} per call{StaticTextSaving.Money(saved, model)}. Delete trailing whitespace and keep at most one blank line between paragraphs.",
            RuleTarget.Prompt,
            tokensSaved: saved));
    }

    private static (int Trailing, int Runs) Count(IEnumerable<string> texts)
    {
        int trailing = 0, runs = 0;
        foreach (var text in texts)
        {
            var lines = text.Split('\n');
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

        return (trailing, runs);
    }
}
