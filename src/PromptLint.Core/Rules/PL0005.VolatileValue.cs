using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using PromptLint.Contracts.Rules;
using PromptLint.Core.Engine;
using PromptLint.Core.Model;
using PromptLint.Core.Text;
using PromptLint.Counting.Text;
using static PromptLint.Core.Engine.StaticTextSaving;

namespace PromptLint.Core.Rules;

/// <summary>
/// PL0005: a value that changes on every call in a system message, or as the first hole when most static text still
/// follows it; at the end of a user message it is where it belongs. Also a date or time written into the static text
/// as the current one ("Current date: 2025-03-04", "Generated at 2025-03-04T10:22:13Z"): hard-coded it is stale the
/// next day, rendered into the text it changes the prompt, and with it the cacheable prefix, whenever it changes.
/// </summary>
public sealed class VolatileValueRule : PromptRule
{
    internal static readonly RuleInfo Rule = new(
        RuleIds.VolatileInStaticPrompt,
        "Volatile value in a static prompt",
        RuleCategory.Cost,
        RuleSeverity.Warning,
        RuleHost.Analyzer,
        hasFix: false,
        "A timestamp, GUID, random value or trace id in the system prompt or the static prefix changes every call and defeats prompt caching.",
        new string[0],
        ("default", "Prompt '{prompt}' puts a value that changes on every call ({value}) in its {where}, so the {tokens} static tokens after it never come from the provider's prompt cache and every call pays full price for them. Move the value to the end of the user message."),
        ("literal", "Prompt '{prompt}' writes {value} into its static text as the {kind} ({label}). Written by hand it is wrong from the next day on; filled in when the text is rendered it changes the prompt whenever it changes, so the {tokens} static tokens after it never come from the provider's prompt cache. Pass it in a hole at the end of the user message, or delete it."));

    /// <inheritdoc/>
    public override RuleInfo Info => Rule;

    /// <inheritdoc/>
    public override bool Evaluates => true;

    /// <inheritdoc/>
    internal override void Evaluate(RuleInput i)
    {
        if (!ReportVolatileHole(i))
        {
            ReportVolatileLiteral(i);
        }
    }

    private static bool ReportVolatileHole(RuleInput i)
    {
        var m = i.Measurement;
        var after = m.StaticTokens - m.StaticPrefixTokens;
        if (after <= 0)
        {
            return false;
        }

        // A prompt whose static text is under the provider's cache minimum is never served from the cache, wherever its
        // volatile value stands: moving the value saves nothing (a date before 11 static tokens of a 100-token prompt).
        var cache = i.Model is not null ? i.Catalog.CacheRuleFor(i.Model) : i.Catalog.CacheRules.FirstOrDefault(r => r.Provider == "openai" && r.ModelPrefix.Length == 0);
        if (m.StaticTokens < (cache?.MinPrefixTokens ?? 1024))
        {
            return false;
        }

        var first = true;
        var bulkFollows = after > m.StaticPrefixTokens;
        foreach (var message in i.Template.Messages)
        {
            foreach (var segment in message.Segments.Where(s => s.IsHole))
            {
                if (segment.IsVolatile && ((first && bulkFollows) || message.Role == PromptRole.System))
                {
                    var where = message.Role == PromptRole.System ? "system message" : "static prefix";
                    i.Report(Rule.Message, RuleTarget.Prompt, after, ("prompt", m.Id), ("value", segment.Text), ("where", where), ("tokens", N(after)));
                    return true;
                }

                first = false;
            }
        }

        return false;
    }

    // The first current date or time in the static text, reported at the value with the static tokens sent after it.
    // A date in a code sample, an example or a tool's output shown as it was ("last updated: 2025-01-02" in a fenced
    // listing of what a command prints) is sample data, not the prompt calling it today: only the rest is searched. A
    // context section is still searched, where "Current date: …" is usually written.
    private const PromptRegionKind NotCurrent = PromptRegionKind.Code | PromptRegionKind.Example | PromptRegionKind.Verbatim | PromptRegionKind.NotSent;

    private static void ReportVolatileLiteral(RuleInput i)
    {
        var judged = JudgedText.Of(i.Template, NotCurrent);
        if (Evidence.First(judged, text => VolatileLiterals.Find(text) is { Count: > 0 } found ? (found[0].Index, found[0].Value.Length) : null) is not { } at)
        {
            return;
        }

        var literal = VolatileLiterals.Find(TextNormalizer.NormalizeLineEndings(judged.Messages[at.Message].Segments[at.Segment].Text))[0];
        var tokens = StaticTokensAfter(i, at);
        i.Findings.Add(new RuleFinding(Rule.MessageNamed("literal"), RuleTarget.Prompt, null, at, ("prompt", i.Measurement.Id), ("value", literal.Value), ("kind", literal.Kind), ("label", literal.Label), ("tokens", N(tokens))));
    }

    // Static tokens sent from the value on: the rest of its segment and every later static segment of the prompt.
    private static int StaticTokensAfter(RuleInput i, PromptTextSpan at)
    {
        var encoding = i.Registry.Resolve(i.Measurement.Model).Encoding;
        var tokens = 0;
        for (var m = at.Message; m < i.Template.Messages.Count; m++)
        {
            var segments = i.Template.Messages[m].Segments;
            for (var s = m == at.Message ? at.Segment : 0; s < segments.Count; s++)
            {
                if (segments[s].IsHole)
                {
                    continue;
                }

                var text = TextNormalizer.NormalizeLineEndings(segments[s].Text);
                tokens += i.Registry.Count(encoding, m == at.Message && s == at.Segment ? text.Substring(at.Start) : text);
            }
        }

        return tokens;
    }
}

/// <summary>
/// Dates and times written into static text as the current ones: after a label that says so ("Today is", "Current
/// date:", "Generated at", "Last updated:"), in ISO 8601, RFC 1123, or a written-out form ("March 4, 2025"). A date
/// in an example or a format description, a knowledge cut-off or a date of an event carries no such label and is left alone.
/// </summary>
public static class VolatileLiterals
{
    private const string Month = "(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)";
    private const string Weekday = "(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*";
    private const string Iso = @"\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])(?:[T ](?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:[.,]\d+)?)?(?:Z|[+-](?:[01]\d|2[0-3]):?[0-5]\d| ?UTC)?)?";
    private const string Rfc1123 = Weekday + @", \d{1,2} " + Month + @" \d{4} \d{2}:\d{2}:\d{2} (?:GMT|UTC|[+-]\d{4})";
    private const string Written = "(?:" + Weekday + ",? )?(?:" + Month + @" \d{1,2}(?:st|nd|rd|th)?,? \d{4}|\d{1,2}(?:st|nd|rd|th)? (?:of )?" + Month + @",? \d{4})(?:,? (?:at )?\d{1,2}:\d{2}(?::\d{2})?(?: ?[AaPp][Mm])?(?: UTC| GMT)?)?";
    private const string Numeric = @"(?:0?[1-9]|[12]\d|3[01])[/.](?:0?[1-9]|[12]\d|3[01])[/.]\d{4}";

    // "Current date: 2025-03-04", "Today is Tuesday, March 4, 2025", "generated at 2025-03-04T10:22:13Z".
    private static readonly Regex Labelled = new(
        @"(?<label>\b(?:today(?:'s date)? is|today:|the (?:current )?date (?:today )?is|current (?:date(?: and time)?|time|datetime|timestamp)(?: is| \(UTC\))?:?|(?:current|today's) date:|date today:|now is|it is now|right now it is|as of today,?|(?:generated|rendered|created) (?:at|on)|last (?:updated|modified|refreshed)(?: at| on)?:?|timestamp:|request time:)) *(?:\*\*)?(?<value>"
        + Rfc1123 + "|" + Iso + "|" + Written + "|" + Numeric + @")(?![\w:-])",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    /// <summary>The current dates and times in <paramref name="text"/>, in order: where the value starts, the value, the kind and the label before it.</summary>
    public static IReadOnlyList<(int Index, string Value, string Kind, string Label)> Find(string text)
    {
        // Every form has a four-digit year: no run of four digits, no date (and no pattern run) for most prompts.
        if (!HasFourDigits(text))
        {
            return Array.Empty<(int, string, string, string)>();
        }

        var found = new List<(int, string, string, string)>();
        for (var match = Labelled.Match(text); match.Success; match = match.NextMatch())
        {
            var value = match.Groups["value"];
            if (IsRevisionFooter(text, match))
            {
                continue;
            }

            var kind = value.Value.IndexOf(':') >= 0 ? "current time" : "current date";
            found.Add((value.Index, value.Value, kind, "after '" + match.Groups["label"].Value.Trim() + "'"));
        }

        return found;
    }

    // "*Last Updated: 2026-04-07*" as a document's last line: the date of its last edit, the same on every call, with
    // nothing after it to cache. Only a revision label alone on its line (emphasis allowed), followed by nothing but
    // blank lines and rules, is left alone; the same label at the top of a prompt, prose after it, is still reported.
    private static bool IsRevisionFooter(string text, Match match)
    {
        var label = match.Groups["label"].Value;
        if (!label.StartsWith("last ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var lineStart = text.LastIndexOf('\n', Math.Max(0, match.Index - 1)) + 1;
        var lineEnd = text.IndexOf('\n', match.Index);
        lineEnd = lineEnd < 0 ? text.Length : lineEnd;
        if (text.Substring(lineStart, match.Index - lineStart).Trim(' ', '\t', '*', '_', '>', '-').Length > 0
            || text.Substring(match.Index + match.Length, lineEnd - match.Index - match.Length).Trim(' ', '\t', '\r', '*', '_', '.').Length > 0)
        {
            return false;
        }

        foreach (var rest in text.Substring(lineEnd).Split('\n'))
        {
            if (rest.Trim().Trim('-', '*', '_').Length > 0)
            {
                return false;
            }
        }

        return true;
    }

    private static bool HasFourDigits(string text)
    {
        var run = 0;
        foreach (var c in text)
        {
            run = c is >= '0' and <= '9' ? run + 1 : 0;
            if (run == 4)
            {
                return true;
            }
        }

        return false;
    }
}
