using System;
using System.Collections.Generic;
using System.Linq;
using static PromptLint.Core.Engine.StaticTextSaving;

using PromptLint.Contracts.Pricing;
using PromptLint.Contracts.Rules;
using PromptLint.Core.Engine;

namespace PromptLint.Core.Rules;

/// <summary>PL0004: dynamic content before a static block large enough for the provider's prompt cache.</summary>
public sealed class CacheablePrefixRule : PromptRule
{
    /// <summary><c>promptlint.stable_holes</c>.</summary>
    public static readonly RuleSetting<IReadOnlyList<string>?> StableHoles = RuleSetting.List("promptlint.stable_holes", "the shipped list", "hole names taken as the same on every call of a deployment; `|`-separated, replaces the list", '|', ';', ',');

    internal static readonly RuleInfo Rule = new(
        RuleIds.NonCacheablePrefix,
        "Dynamic content before a cacheable static block",
        RuleCategory.Cost,
        RuleSeverity.Warning,
        RuleHost.Analyzer,
        hasFix: true,
        "Providers cache a prompt's static prefix; dynamic content placed before a large static block keeps that block from ever being cached.",
        new[] { StableHoles.Key },
        ("default", "Prompt '{prompt}' sends {tokens} static tokens after dynamic content, so the provider cannot serve them from its prompt cache (it caches a static prefix of at least {minimum} tokens; this prompt's is {prefix}).{money} Put the static text first and the dynamic parts after it."));

    /// <inheritdoc/>
    public override RuleInfo Info => Rule;

    /// <inheritdoc/>
    public override IReadOnlyList<RuleSetting> Settings { get; } = new RuleSetting[] { StableHoles };

    /// <inheritdoc/>
    public override bool Evaluates => true;

    /// <summary>
    /// Hole names that are the same on every call of one deployment or agent (<c>{{providerName}}</c>,
    /// <c>{{agent_name}}</c>): the provider caches the text after them too. Compared without case, <c>_</c>, <c>-</c> and
    /// a leading path (<c>settings.companyName</c>).
    /// </summary>
    public static readonly IReadOnlyList<string> DefaultStableHoles = new[]
    {
        "provider", "providername", "agent", "agentname", "assistant", "assistantname", "bot", "botname", "persona", "personaname",
        "company", "companyname", "organization", "organizationname", "org", "orgname", "product", "productname", "brand", "brandname",
        "app", "appname", "application", "applicationname", "service", "servicename", "platform", "platformname", "deployment", "deploymentname",
    };

    /// <inheritdoc/>
    internal override void Evaluate(RuleInput i)
    {
        var m = i.Measurement;
        var after = m.StaticTokens - m.StaticPrefixTokens;
        if (after <= 0 || m.Holes == 0)
        {
            return;
        }

        // Holes fixed per deployment do not end the cacheable prefix: only the first hole that changes per call does.
        var prefix = CacheablePrefix(i, m.StaticPrefixTokens);
        after = m.StaticTokens - prefix;
        if (after <= 0)
        {
            return;
        }

        var model = i.Model;
        var rule = model is not null ? i.Catalog.CacheRuleFor(model) : i.Catalog.CacheRules.FirstOrDefault(r => r.Provider == "openai" && r.ModelPrefix.Length == 0);
        var minimum = rule?.MinPrefixTokens ?? 1024;
        if (after < minimum || after <= prefix)
        {
            return;
        }

        var money = model?.CachedInput is { } cached
            ? $" At {model.Id}'s prices that is {Cost.Format(Cost.PerThousandCalls(after, model.Input))} per 1K calls instead of {Cost.Format(Cost.PerThousandCalls(after, cached))} from the cache."
            : string.Empty;
        i.Report(Rule.Message, RuleTarget.Reorder, after, ("prompt", m.Id), ("tokens", N(after)), ("minimum", N(minimum)), ("prefix", N(prefix)), ("money", money));
    }

    // Tokens of the static text before the first hole whose value changes per call (tools first, as sent). Holes that
    // do not end the cacheable prefix: a stable hole (the same on every call of a deployment), a conditional tag (each
    // alternative is a fixed text the provider caches on its own; of a block's alternatives the largest is counted), an
    // include of a named file (static text), and a "hole" that is literal text: a brace inside code or front matter.
    private static int CacheablePrefix(RuleInput i, int measured)
    {
        var stable = new HashSet<string>((i.Settings.Get(StableHoles) ?? DefaultStableHoles).Select(Key), StringComparer.Ordinal);
        var choice = i.Registry.Resolve(i.Measurement.Model);
        var prefix = i.Measurement.ToolSchemaTokens;
        var regions = i.Regions;
        for (var m = 0; m < i.Template.Messages.Count; m++)
        {
            var segments = i.Template.Messages[m].Segments;
            var runs = new List<(string? Branch, int Tokens)>();
            var run = new System.Text.StringBuilder();
            string? runBranch = null;
            for (var s = 0; s < segments.Count; s++)
            {
                var segment = segments[s];
                if (!segment.IsHole)
                {
                    runBranch = run.Length == 0 ? segment.Branch : runBranch;
                    run.Append(segment.Text);
                    continue;
                }

                runs.Add((runBranch, run.Length == 0 ? 0 : i.Registry.Count(choice, run.ToString())));
                run.Clear();
                if (EndsPrefix(segment, regions.KindOfHole(m, s), stable))
                {
                    return Math.Max(measured, prefix + Model.PromptBranches.Largest(runs));
                }
            }

            runs.Add((runBranch, run.Length == 0 ? 0 : i.Registry.Count(choice, run.ToString())));
            prefix += Model.PromptBranches.Largest(runs);
        }

        return Math.Max(measured, prefix);
    }

    private static bool EndsPrefix(Model.PromptSegment hole, Text.PromptRegionKind where, HashSet<string> stable)
    {
        if (hole.IsVolatile)
        {
            return true;
        }

        // A brace in an inline code span ("`docs/{name}/SKILL.md`") or in front matter is text, not a value. A hole in a
        // fenced block stays one: template engines fill those too ("```text\n$ARGUMENTS\n```").
        if ((where & (Text.PromptRegionKind.InlineCode | Text.PromptRegionKind.NotSent)) != 0)
        {
            return false;
        }

        return !stable.Contains(Key(hole.Text)) && !ConditionalTag.IsMatch(hole.Text) && !StaticInclude.IsMatch(hole.Text);
    }

    // Hole names of conditional tags as the template front ends give them: "%if x%", "%elif x%", "%else%", "%endif%",
    // "#if", "#unless", "else", "/if", "^".
    private static readonly System.Text.RegularExpressions.Regex ConditionalTag = new(
        @"^(?:%\s*(?:if|elif|elsif|else|endif|unless|endunless|case|when|endcase)\b.*%|[#/]?(?:if|unless|else)|\^)$",
        System.Text.RegularExpressions.RegexOptions.CultureInvariant | System.Text.RegularExpressions.RegexOptions.Singleline);

    // "{% include "system_prompt.j2" %}": the text of a named file, the same on every call.
    private static readonly System.Text.RegularExpressions.Regex StaticInclude = new(
        @"^%\s*include\s+(?:""[^""]*""|'[^']*')\s*(?:ignore missing\s*)?(?:(?:with|without) context\s*)?%$",
        System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    private static string Key(string name)
    {
        var last = name.Substring(name.LastIndexOf('.') + 1);
        return new string(last.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());
    }
}
