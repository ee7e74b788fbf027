using System;
using System.Collections.Generic;
using System.Linq;
using PromptLint.Core.Pricing;
using static PromptLint.Core.Rules.StaticTextSaving;

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

    // Tokens of the static text before the first hole that is not stable (tools first, as sent); the measured prefix
    // when the first hole already changes per call.
    private static int CacheablePrefix(RuleInput i, int measured)
    {
        var stable = new HashSet<string>((i.Settings.Get(StableHoles) ?? DefaultStableHoles).Select(Key), StringComparer.Ordinal);
        var holes = i.Template.Messages.SelectMany(x => x.Segments).Where(s => s.IsHole).ToList();
        if (holes.Count == 0 || !stable.Contains(Key(holes[0].Text)) || holes[0].IsVolatile)
        {
            return measured;
        }

        var choice = i.Registry.Resolve(i.Measurement.Model);
        var prefix = i.Measurement.ToolSchemaTokens;
        foreach (var message in i.Template.Messages)
        {
            var run = new System.Text.StringBuilder();
            foreach (var segment in message.Segments)
            {
                if (!segment.IsHole)
                {
                    run.Append(segment.Text);
                    continue;
                }

                prefix += run.Length == 0 ? 0 : i.Registry.Count(choice, run.ToString());
                run.Clear();
                if (segment.IsVolatile || !stable.Contains(Key(segment.Text)))
                {
                    return prefix;
                }
            }

            prefix += run.Length == 0 ? 0 : i.Registry.Count(choice, run.ToString());
        }

        return prefix;
    }

    private static string Key(string name)
    {
        var last = name.Substring(name.LastIndexOf('.') + 1);
        return new string(last.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());
    }
}
