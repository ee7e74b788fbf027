using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
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
/// PL0018: a JSON array of three or more objects with the same keys in a prompt's static text (row-oriented example
/// data), which repeats every key in every row. Written as a table, the keys once in a header line and then one line
/// of values per row, it says the same for fewer tokens. Compared with the minified JSON, so the saving is not the
/// whitespace PL0012 reports. Long keys are what this saves most on: the table says each key once. A column whose
/// string values all start with the same word (<c>"STATUS_ACTIVE"</c>, <c>"STATUS_CLOSED"</c>: enum names written out)
/// says that prefix once too, in its header (<c>status:STATUS_*</c>), and the message names it. Message only: whether
/// the model needs the JSON shape is the author's call.
/// </summary>
public sealed class RowOrientedJson : PromptRule
{
    /// <summary><c>promptlint.table_form_min_tokens</c>.</summary>
    public static readonly RuleSetting<int> MinTokens = RuleSetting.Positive("promptlint.table_form_min_tokens", 20, "tokens the table form must save before it reports");

    /// <summary>Its catalogue entry.</summary>
    internal static readonly RuleInfo Rule = new(
        RuleIds.RowOrientedJson,
        "Row-oriented JSON in a prompt",
        RuleCategory.Cost,
        RuleSeverity.Info,
        RuleHost.Analyzer,
        hasFix: false,
        "A JSON array of objects with the same keys repeats every key in every row; a table with the keys once in a header line says the same for fewer tokens with every call.",
        new[] { MinTokens.Key },
        ("one", "Prompt '{prompt}' has a JSON array of {rows} objects with the same {keys} ({names}); written as a table with one header row it costs {fewer} per call{money}. Repeat the keys once, in a header."),
        ("several", "Prompt '{prompt}' has {arrays} JSON arrays of objects with the same keys (the largest: {rows} objects with {keys}, {names}); written as tables with one header row each they cost {fewer} per call{money}. Repeat the keys once, in a header."),
        ("prefixed", "Prompt '{prompt}' has {arrays} of objects with the same keys (the largest: {rows} objects with {keys}, {names}), and the values of '{column}' all start with '{prefix}'; written as {tables} with one header row, the prefix said once in its column's header, {pronoun} {fewer} per call{money}. Repeat the keys and the prefix once, in a header."));

    /// <inheritdoc/>
    public override RuleInfo Info => Rule;

    /// <inheritdoc/>
    public override IReadOnlyList<RuleSetting> Settings { get; } = new RuleSetting[] { MinTokens };

    /// <inheritdoc/>
    public override bool Evaluates => true;

    /// <summary>
    /// The arrays of <paramref name="text"/> that have a table form: their keys, rows, minified JSON, table text, and the
    /// prefixes the table states once (column and prefix).
    /// </summary>
    public static IReadOnlyList<(IReadOnlyList<string> Keys, int Rows, string Minified, string Table, IReadOnlyList<(string Column, string Prefix)> Prefixes)> Arrays(string text)
    {
        var arrays = new List<(IReadOnlyList<string>, int, string, string, IReadOnlyList<(string, string)>)>();
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
        => Table(keys, rows, new Dictionary<string, string>());

    // The table with each prefixed column's prefix in its header ("status:STATUS_*") and cut from its values.
    private static string Table(IReadOnlyList<string> keys, IEnumerable<IReadOnlyDictionary<string, string>> rows, IReadOnlyDictionary<string, string> prefixes)
    {
        string Header(string key) => prefixes.TryGetValue(key, out var prefix) ? key + ":" + prefix + "*" : key;
        string Cell(IReadOnlyDictionary<string, string> row, string key) => prefixes.TryGetValue(key, out var prefix) ? "\"" + row[key].Substring(1 + prefix.Length) : row[key];
        return string.Join("\n", new[] { string.Join("|", keys.Select(Header)) }.Concat(rows.Select(r => string.Join("|", keys.Select(k => Cell(r, k))))));
    }

    // A column's shared prefix: its values are all strings, at least two different ones, and start with the same text up
    // to and including a '_', '-' or space, at least 4 characters long (STATUS_, order-). A shared start that is not
    // a whole word ("APPRO" of APPROVED and APPROXIMATE) is no prefix. Escaped characters make a column no candidate.
    private static string? SharedPrefix(IReadOnlyList<IReadOnlyDictionary<string, string>> rows, string key)
    {
        var values = rows.Select(r => r[key]).ToList();
        if (!values.All(v => v.Length >= 2 && v[0] == '"' && v.IndexOf('\\') < 0) || values.Distinct(StringComparer.Ordinal).Count() < 2)
        {
            return null;
        }

        var first = values[0].Substring(1, values[0].Length - 2);
        var length = first.Length;
        foreach (var value in values.Skip(1))
        {
            var other = value.Substring(1, value.Length - 2);
            var i = 0;
            while (i < length && i < other.Length && first[i] == other[i])
            {
                i++;
            }

            length = i;
        }

        while (length > 0 && first[length - 1] is not ('_' or '-' or ' '))
        {
            length--;
        }

        // Every value keeps something after the prefix.
        return length >= 4 && values.All(v => v.Length - 2 > length) ? first.Substring(0, length) : null;
    }

    private static readonly System.Text.RegularExpressions.Regex ArrayOfObjects = new(@"\[\s*\{", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    /// <inheritdoc/>
    // Judges instruction prose only: code, examples, output formats, data and front matter are blanked (JudgedText).
    internal override void Evaluate(RuleInput i) => Evaluate(JudgedText.Of(i.Template, JudgedText.NotProse), i.Measurement, i.Model, i.Registry, i.Settings, i.Findings);

    internal static void Evaluate(PromptTemplate template, PromptMeasurement m, ModelInfo? model, TokenizerRegistry registry, RuleSettings settings, List<RuleFinding> findings)
    {
        var encoding = registry.Resolve(m.Model).Encoding;
        var saving = template.Messages.SelectMany(x => x.Segments).Where(s => !s.IsHole)
            .SelectMany(s => Arrays(TextNormalizer.NormalizeLineEndings(s.Text)))
            .Select(a => (a.Keys, a.Rows, a.Prefixes, Saved: registry.Count(encoding, a.Minified) - registry.Count(encoding, a.Table)))
            .Where(a => a.Saved > 0)
            .ToList();
        var saved = saving.Sum(a => a.Saved);
        if (saving.Count == 0 || saved < settings.Get(MinTokens))
        {
            return;
        }

        var largest = saving.OrderByDescending(a => a.Saved).First();
        var at = Evidence.First(template, text => Arrays(text).Any(a => registry.Count(encoding, a.Minified) > registry.Count(encoding, a.Table)) && ArrayOfObjects.Match(text) is { Success: true } found ? (found.Index, 1) : null);
        var keys = string.Join(", ", largest.Keys.Take(3)) + (largest.Keys.Count > 3 ? ", …" : string.Empty);
        if (saving.SelectMany(a => a.Prefixes).FirstOrDefault() is { Column: not null } prefixed)
        {
            Report(findings, Rule.MessageNamed("prefixed"), saved, at, ("prompt", m.Id), ("arrays", saving.Count == 1 ? "a JSON array" : N(saving.Count) + " JSON arrays"), ("rows", N(largest.Rows)), ("keys", Count(largest.Keys.Count, "key")), ("names", keys), ("column", prefixed.Column), ("prefix", prefixed.Prefix), ("tables", saving.Count == 1 ? "a table" : "tables"), ("pronoun", saving.Count == 1 ? "it costs" : "they cost"), ("fewer", N(saved) + " fewer " + Plural(saved, "token")), ("money", Money(saved, model)));
        }
        else if (saving.Count == 1)
        {
            Report(findings, Rule.MessageNamed("one"), saved, at, ("prompt", m.Id), ("rows", N(largest.Rows)), ("keys", Count(largest.Keys.Count, "key")), ("names", keys), ("fewer", N(saved) + " fewer " + Plural(saved, "token")), ("money", Money(saved, model)));
        }
        else
        {
            Report(findings, Rule.MessageNamed("several"), saved, at, ("prompt", m.Id), ("arrays", N(saving.Count)), ("rows", N(largest.Rows)), ("keys", Count(largest.Keys.Count, "key")), ("names", keys), ("fewer", N(saved) + " fewer " + Plural(saved, "token")), ("money", Money(saved, model)));
        }
    }

    // An array of three or more objects that all have the same keys, each once; null for anything else.
    private static (IReadOnlyList<string>, int, string, string, IReadOnlyList<(string, string)>)? Parse(string block)
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

            var prefixes = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var key in keys!)
            {
                if (SharedPrefix(rows, key) is { } prefix)
                {
                    prefixes.Add(key, prefix);
                }
            }

            return (keys!, rows.Count, JsonBlocks.Write(root), Table(keys!, rows, prefixes), keys!.Where(prefixes.ContainsKey).Select(k => (k, prefixes[k])).ToList());
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException) // an unpaired surrogate, raw or escaped
        {
            return null;
        }
    }
}
