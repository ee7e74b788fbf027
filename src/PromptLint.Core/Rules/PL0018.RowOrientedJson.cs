using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using PromptLint.Core.Measuring;
using PromptLint.Core.Model;
using PromptLint.Core.Pricing;
using PromptLint.Core.Text;
using PromptLint.Core.Tokenizers;
using static PromptLint.Core.Rules.StaticTextSaving;

namespace PromptLint.Core.Rules;

/// <summary>
/// PL0018: a JSON array of three or more objects with the same keys in a prompt's static text (row-oriented example
/// data), which repeats every key in every row. Written as a table, the keys once in a header line and then one line
/// of values per row, it says the same for fewer tokens. Compared with the minified JSON, so the saving is not the
/// whitespace PL0012 reports. Message only: whether the model needs the JSON shape is the author's call.
/// </summary>
public static class RowOrientedJson
{
    /// <summary>Its catalogue entry.</summary>
    internal static readonly RuleInfo Rule = new(
        RuleIds.RowOrientedJson,
        "Row-oriented JSON in a prompt",
        RuleCategory.Cost,
        RuleSeverity.Info,
        RuleHost.Analyzer,
        hasFix: false,
        "A JSON array of objects with the same keys repeats every key in every row; a table with the keys once in a header line says the same for fewer tokens with every call.",
        new[] { SettingKeys.TableFormMinTokens },
        ("one", "Prompt '{prompt}' has a JSON array of {rows} objects with the same {keys} ({names}); written as a table with one header row it costs {fewer} per call{money}. Repeat the keys once, in a header."),
        ("several", "Prompt '{prompt}' has {arrays} JSON arrays of objects with the same keys (the largest: {rows} objects with {keys}, {names}); written as tables with one header row each they cost {fewer} per call{money}. Repeat the keys once, in a header."));

    /// <summary>The arrays of <paramref name="text"/> that have a table form: their keys, rows, minified JSON and table text.</summary>
    public static IReadOnlyList<(IReadOnlyList<string> Keys, int Rows, string Minified, string Table)> Arrays(string text)
    {
        var arrays = new List<(IReadOnlyList<string>, int, string, string)>();
        JsonBlocks.Scan(text, (start, end) =>
        {
            if (text[start] != '[' || Parse(text.Substring(start, end - start + 1)) is not { } found)
            {
                return false;
            }

            arrays.Add(found);
            return true;
        });

        return arrays;
    }

    /// <summary>
    /// The table form of rows of objects: <c>key1|key2</c>, then one line per object with its values in the header's
    /// order, each written as minified JSON (strings keep their quotes, so no value is lost and a '|' inside one is not
    /// a separator). No spaces around '|': they would cost a token each.
    /// </summary>
    public static string Table(IReadOnlyList<string> keys, IEnumerable<IReadOnlyDictionary<string, string>> rows)
        => string.Join("\n", new[] { string.Join("|", keys) }.Concat(rows.Select(r => string.Join("|", keys.Select(k => r[k])))));

    private static readonly System.Text.RegularExpressions.Regex ArrayOfObjects = new(@"\[\s*\{", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    internal static void Evaluate(RuleInput i) => Evaluate(i.Template, i.Measurement, i.Model, i.Registry, i.Settings, i.Findings);

    internal static void Evaluate(PromptTemplate template, PromptMeasurement m, ModelInfo? model, TokenizerRegistry registry, RuleSettings settings, List<RuleFinding> findings)
    {
        var encoding = registry.Resolve(m.Model).Encoding;
        var saving = template.Messages.SelectMany(x => x.Segments).Where(s => !s.IsHole)
            .SelectMany(s => Arrays(TextNormalizer.NormalizeLineEndings(s.Text)))
            .Select(a => (a.Keys, a.Rows, Saved: registry.Count(encoding, a.Minified) - registry.Count(encoding, a.Table)))
            .Where(a => a.Saved > 0)
            .ToList();
        var saved = saving.Sum(a => a.Saved);
        if (saving.Count == 0 || saved < settings.TableFormMinTokens)
        {
            return;
        }

        var largest = saving.OrderByDescending(a => a.Saved).First();
        var at = Evidence.First(template, text => Arrays(text).Any(a => registry.Count(encoding, a.Minified) > registry.Count(encoding, a.Table)) && ArrayOfObjects.Match(text) is { Success: true } found ? (found.Index, 1) : null);
        var keys = string.Join(", ", largest.Keys.Take(3)) + (largest.Keys.Count > 3 ? ", …" : string.Empty);
        if (saving.Count == 1)
        {
            Report(findings, Rule.MessageNamed("one"), saved, at, ("prompt", m.Id), ("rows", N(largest.Rows)), ("keys", Count(largest.Keys.Count, "key")), ("names", keys), ("fewer", N(saved) + " fewer " + Plural(saved, "token")), ("money", Money(saved, model)));
        }
        else
        {
            Report(findings, Rule.MessageNamed("several"), saved, at, ("prompt", m.Id), ("arrays", N(saving.Count)), ("rows", N(largest.Rows)), ("keys", Count(largest.Keys.Count, "key")), ("names", keys), ("fewer", N(saved) + " fewer " + Plural(saved, "token")), ("money", Money(saved, model)));
        }
    }

    // An array of three or more objects that all have the same keys, each once; null for anything else.
    private static (IReadOnlyList<string>, int, string, string)? Parse(string block)
    {
        try
        {
            using var document = JsonDocument.Parse(block);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Array || root.GetArrayLength() < 3)
            {
                return null;
            }

            var rows = new List<IReadOnlyDictionary<string, string>>();
            List<string>? keys = null;
            foreach (var item in root.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object)
                {
                    return null;
                }

                var row = new Dictionary<string, string>(StringComparer.Ordinal);
                var order = new List<string>();
                foreach (var property in item.EnumerateObject())
                {
                    if (row.ContainsKey(property.Name))
                    {
                        return null;
                    }

                    row.Add(property.Name, JsonBlocks.Write(property.Value));
                    order.Add(property.Name);
                }

                keys ??= order;
                if (order.Count == 0 || order.Count != keys.Count || !keys.All(row.ContainsKey))
                {
                    return null;
                }

                rows.Add(row);
            }

            return (keys!, rows.Count, JsonBlocks.Write(root), Table(keys!, rows));
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException) // an unpaired surrogate, raw or escaped
        {
            return null;
        }
    }
}
