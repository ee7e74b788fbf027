using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
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
/// PL0012: pretty-printed JSON (an object or array written over several lines), XML (see <see cref="XmlBlocks"/>) or
/// HTML (see <see cref="HtmlBlocks"/>) in a prompt's static text, where the
/// minified form says the same for fewer tokens. A block counts only when it parses as JSON on its own and its
/// minified form parses back to an equal value; a block with a hole inside is split by the hole and never parses.
/// </summary>
public sealed class PrettyJson : PromptRule
{
    /// <summary><c>promptlint.pretty_json_min_tokens</c>.</summary>
    public static readonly RuleSetting<int> MinTokens = RuleSetting.Positive("promptlint.pretty_json_min_tokens", 10, "tokens it must save before it reports");

    /// <summary>Its catalogue entry.</summary>
    internal static readonly RuleInfo Rule = new(
        RuleIds.PrettyJson,
        "Pretty-printed JSON, XML or HTML in a prompt",
        RuleCategory.Cost,
        RuleSeverity.Info,
        RuleHost.Analyzer,
        hasFix: true,
        "Indentation and line breaks of a JSON, XML or HTML example are sent and billed with every call; the model reads the minified form just as well.",
        new[] { MinTokens.Key },
        ("default", "Prompt '{prompt}' has {blocks} in its static text; minified, {pronoun} the same for {fewer} per call{money}. Write the {format} on one line."));

    /// <inheritdoc/>
    public override RuleInfo Info => Rule;

    /// <inheritdoc/>
    public override IReadOnlyList<RuleSetting> Settings { get; } = new RuleSetting[] { MinTokens };

    /// <inheritdoc/>
    public override bool Evaluates => true;

    /// <inheritdoc/>
    public override void AddFixData(RuleFinding finding, PromptTemplate template, PromptMeasurement measurement, IDictionary<string, string?> data)
        => AddEncoding(measurement, data);

    /// <summary>The multi-line JSON, XML and HTML blocks of <paramref name="text"/>: start index, length and minified form, in order.</summary>
    public static IReadOnlyList<(int Start, int Length, string Minified)> Blocks(string text) => Blocks(text, JsonFileContent.Carry.None, out _, out _);

    // One scan per text: the rule counts the blocks, measures the minified text and points at the first block, and the
    // fix's read-back minifies each segment twice, each time the same string. A 0.75 M-character template holding one
    // JSON block was parsed, written and located in its regions three times per check (issue 30, sk-yaml #702).
    private static readonly ConditionalWeakTable<string, BlockScan> Scans = new();

    /// <summary>For tests: called with a text's length each time its blocks are looked for (work, not time).</summary>
    internal static readonly System.Threading.AsyncLocal<Action<int>?> BlockScans = new();

    private static IReadOnlyList<(int Start, int Length, string Minified)> Blocks(string text, JsonFileContent.Carry carry, out int xml, out int html)
    {
        // Short texts are scanned again rather than remembered: a template with 100,000 holes has 100,000 pieces of text
        // between them, and an entry per piece in the weak table (a GC handle each) cost more than the scans it saved.
        if (text.IndexOf('\n') < 0)
        {
            // Every block this rule reports is written over several lines (JSON, XML and HTML alike).
            xml = 0;
            html = 0;
            return Array.Empty<(int Start, int Length, string Minified)>();
        }

        // A piece that starts inside JSON a hole split is judged with what came before it, so it is not remembered by its text alone.
        if (text.Length < CachedFrom || carry.IsOpen)
        {
            return Scan(text, carry, out xml, out html);
        }

        var scan = Scans.GetValue(text, t => new BlockScan(Scan(t, JsonFileContent.Carry.None, out var x, out var h), x, h));
        xml = scan.Xml;
        html = scan.Html;
        return scan.Blocks;
    }

    private const int CachedFrom = 4096;

    private sealed class BlockScan
    {
        public BlockScan((int Start, int Length, string Minified)[] blocks, int xml, int html)
        {
            Blocks = blocks;
            Xml = xml;
            Html = html;
        }

        public (int Start, int Length, string Minified)[] Blocks { get; }

        public int Xml { get; }

        public int Html { get; }
    }

    private static (int Start, int Length, string Minified)[] Scan(string text, JsonFileContent.Carry carry, out int xml, out int html)
    {
        BlockScans.Value?.Invoke(text.Length);
        var blocks = new List<(int Start, int Length, string Minified)>();
        JsonBlocks.Scan(text, (start, end) =>
        {
            var block = text.Substring(start, end - start + 1);
            if (block.IndexOf('\n') >= 0 && Minify(block) is { } minified && minified.Length < block.Length)
            {
                blocks.Add((start, block.Length, minified));
                return true;
            }

            return false;
        });

        // XML elements that do not overlap a JSON block (a JSON string may hold markup, and the other way round).
        // Markup in code (a fenced HTML example, a page the model is to write out) is code: its indentation is the
        // code's. JSON is judged in code too (an output example in a fence), but not in front matter, which is never sent.
        // A block that starts in an inline code span ("`<h1>` followed by `<h3>`") is a fragment of it, never a block.
        TextRegions? regions = null;
        bool InCode((int Start, int Length, string Minified) b)
            => ((regions ??= TextRegions.Of(text)).KindAt(b.Start) & (PromptRegionKind.Code | PromptRegionKind.InlineCode | PromptRegionKind.NotSent)) != 0;
        // A fence labelled with another language holds that language's code, not JSON: a ```python dict literal, a
        // ```csharp object, a ```markdown document (a README template the model writes out as a file) are laid out as
        // their language lays them out, and "write the JSON on one line" is no advice for them. Only an unlabelled fence
        // or one labelled as JSON or plain text is judged.
        bool NotSent((int Start, int Length, string Minified) b)
            => ((regions ??= TextRegions.Of(text)).KindAt(b.Start) & (PromptRegionKind.InlineCode | PromptRegionKind.NotSent)) != 0
                || regions.FenceAt(b.Start) is { } fence && !IsJsonFence(fence.Info);
        blocks.RemoveAll(NotSent);
        blocks.RemoveAll(b => IndentationAskedFor(text, b.Start));
        // JSON that is a named file's or a configuration's content, also when a hole splits it (see JsonFileContent).
        var split = JsonFileContent.SplitRanges(text, carry, out _);
        blocks.RemoveAll(b => JsonFileContent.IsFileContent(text, b.Start) || split.Exists(r => r.Start <= b.Start && b.Start < r.End));
        // JSON the model writes out as it stands: a record for a document it produces, a template, a named file's entries.
        blocks.RemoveAll(b => JsonToReproduce.IsToReproduce(text, b.Start));
        var xmlBlocks = XmlBlocks.Blocks(text).Where(x => !Overlaps(x, blocks) && !InCode(x)).ToList();
        xml = xmlBlocks.Count;
        blocks.AddRange(xmlBlocks);

        // HTML that is not XML, outside the blocks above.
        var htmlBlocks = HtmlBlocks.Blocks(text).Where(h => !Overlaps(h, blocks) && !InCode(h)).ToList();
        html = htmlBlocks.Count;
        return blocks.Concat(htmlBlocks).OrderBy(b => b.Start).ToArray();
    }

    private static bool IsJsonFence(string info)
        => info.Trim().Split(' ')[0].ToLowerInvariant() is "" or "json" or "jsonc" or "json5" or "jsonl" or "ndjson" or "text" or "txt" or "plaintext" or "http";

    // "Output format: valid JSON, indented with 2 spaces" a few lines before the example: the prompt asks for that layout,
    // and the example shows it. Minified, the example would contradict the instruction it illustrates. Only a request on
    // one line that names both the layout and JSON or the output counts, and only in the lines just before the block.
    private static bool IndentationAskedFor(string text, int blockStart)
    {
        var from = blockStart;
        for (var lines = 0; lines < IndentationRequestLines && from > 0; lines++)
        {
            var end = from - 1;
            from = end > 0 ? text.LastIndexOf('\n', end - 1) + 1 : 0;
            var line = text.Substring(from, end - from);
            if (IndentationRequest.IsMatch(line) && OutputWord.IsMatch(line))
            {
                return true;
            }
        }

        return false;
    }

    private const int IndentationRequestLines = 10;

    private static readonly Regex IndentationRequest = new(@"\bindent(?:ed|ation)?\b|\bpretty[- ]?print(?:ed)?\b|\b\d[- ]space\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    private static readonly Regex OutputWord = new(@"\b(?:json|output|response|answer)\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    private static bool Overlaps((int Start, int Length, string Minified) block, List<(int Start, int Length, string Minified)> others)
        => others.Any(o => block.Start < o.Start + o.Length && o.Start < block.Start + block.Length);

    /// <summary><paramref name="text"/> with every multi-line JSON, XML and HTML block minified.</summary>
    public static string MinifyAll(string text) => MinifyAll(text, JsonFileContent.Carry.None);

    private static string MinifyAll(string text, JsonFileContent.Carry carry)
    {
        var blocks = Blocks(text, carry, out _, out _);
        if (blocks.Count == 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        var position = 0;
        foreach (var (start, length, minified) in blocks)
        {
            builder.Append(text, position, start - position).Append(minified);
            position = start + length;
        }

        return builder.Append(text, position, text.Length - position).ToString();
    }

    /// <inheritdoc/>
    internal override void Evaluate(RuleInput i) => Evaluate(i.Template, i.Measurement, i.Model, i.Registry, i.Settings, i.Findings);

    internal static void Evaluate(PromptTemplate template, PromptMeasurement m, ModelInfo? model, TokenizerRegistry registry, RuleSettings settings, List<RuleFinding> findings)
    {
        // Each static piece is judged with the JSON a hole before it left open (see JsonFileContent).
        var carries = SplitJsonCarries(template);
        JsonFileContent.Carry CarryOf(int message, int segment) => carries.TryGetValue((message, segment), out var c) ? c : JsonFileContent.Carry.None;
        int count = 0, xml = 0, html = 0;
        for (var mi = 0; mi < template.Messages.Count; mi++)
        {
            var segments = template.Messages[mi].Segments;
            for (var si = 0; si < segments.Count; si++)
            {
                if (!segments[si].IsHole)
                {
                    count += Blocks(TextNormalizer.NormalizeLineEndings(segments[si].Text), CarryOf(mi, si), out var xmlInSegment, out var htmlInSegment).Count;
                    xml += xmlInSegment;
                    html += htmlInSegment;
                }
            }
        }

        if (count == 0)
        {
            return;
        }

        var saved = StaticTextSaving.Tokens(template, m.Model, registry, (mi, si, text) => MinifyAll(text, CarryOf(mi, si)));
        if (saved <= 0 || saved < settings.Get(MinTokens))
        {
            return;
        }

        var at = Evidence.First(template, (mi, si, text) => Blocks(text, CarryOf(mi, si), out _, out _) is { Count: > 0 } found ? (found[0].Start, found[0].Length) : null);
        var kinds = new[] { (N: count - xml - html, Format: "JSON"), (N: xml, Format: "XML"), (N: html, Format: "HTML") }.Where(k => k.N > 0).ToList();
        Report(findings, Rule.Message, saved, at, ("prompt", m.Id), ("blocks", Kinds(kinds)), ("pronoun", count == 1 ? "it says" : "they say"), ("fewer", N(saved) + " fewer " + Plural(saved, "token")), ("money", Money(saved, model)), ("format", And(kinds.Select(k => k.Format).ToList())));
    }

    // The pieces of static text that start inside file-content JSON a hole split, by message and segment index: a hole
    // passes the open structure on unchanged.
    private static Dictionary<(int Message, int Segment), JsonFileContent.Carry> SplitJsonCarries(PromptTemplate template)
    {
        var carries = new Dictionary<(int Message, int Segment), JsonFileContent.Carry>();
        for (var mi = 0; mi < template.Messages.Count; mi++)
        {
            var carry = JsonFileContent.Carry.None;
            var segments = template.Messages[mi].Segments;
            for (var si = 0; si < segments.Count; si++)
            {
                if (segments[si].IsHole)
                {
                    continue;
                }

                if (carry.IsOpen)
                {
                    carries[(mi, si)] = carry;
                }

                JsonFileContent.SplitRanges(TextNormalizer.NormalizeLineEndings(segments[si].Text), carry, out carry);
            }
        }

        return carries;
    }

    // "1 pretty-printed JSON block", "2 pretty-printed XML blocks", "1 pretty-printed JSON block and 1 XML block",
    // "1 pretty-printed JSON block, 1 XML block and 2 HTML blocks".
    private static string Kinds(List<(int N, string Format)> kinds)
        => And(kinds.Select((k, i) => $"{N(k.N)} {(i == 0 ? "pretty-printed " : string.Empty)}{k.Format} {Plural(k.N, "block")}").ToList());

    private static string And(List<string> parts)
        => parts.Count == 1 ? parts[0] : string.Join(", ", parts.Take(parts.Count - 1)) + " and " + parts[parts.Count - 1];

    private static string? Minify(string block)
    {
        try
        {
            using var document = JsonDocument.Parse(block);
            if (document.RootElement.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array)
                || (document.RootElement.ValueKind == JsonValueKind.Object && !document.RootElement.EnumerateObject().Any())
                || (document.RootElement.ValueKind == JsonValueKind.Array && document.RootElement.GetArrayLength() == 0))
            {
                return null;
            }

            // Written again from its own parse, the minified form must come out the same: it then holds the same
            // values (JsonElement.DeepEquals would need System.Text.Json 9 in the compiler's process).
            var minified = JsonBlocks.Write(document.RootElement);
            using var again = JsonDocument.Parse(minified);
            return string.Equals(JsonBlocks.Write(again.RootElement), minified, StringComparison.Ordinal) ? minified : null;
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException)
        {
            // Not JSON, or JSON System.Text.Json will not transcode or write (an unpaired surrogate, raw or escaped):
            // no block to minify.
            return null;
        }
    }
}
