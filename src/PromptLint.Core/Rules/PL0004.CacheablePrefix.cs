using System.Linq;
using PromptLint.Core.Pricing;
using static PromptLint.Core.Rules.StaticTextSaving;

namespace PromptLint.Core.Rules;

/// <summary>PL0004: dynamic content before a static block large enough for the provider's prompt cache.</summary>
internal static class CacheablePrefixRule
{
    public static readonly RuleInfo Rule = new(
        RuleIds.NonCacheablePrefix,
        "Dynamic content before a cacheable static block",
        RuleCategory.Cost,
        RuleSeverity.Warning,
        RuleHost.Analyzer,
        hasFix: true,
        "Providers cache a prompt's static prefix; dynamic content placed before a large static block keeps that block from ever being cached.",
        new string[0],
        ("default", "Prompt '{prompt}' sends {tokens} static tokens after dynamic content, so the provider cannot serve them from its prompt cache (it caches a static prefix of at least {minimum} tokens; this prompt's is {prefix}).{money} Put the static text first and the dynamic parts after it."));

    public static void Evaluate(RuleInput i)
    {
        var m = i.Measurement;
        var after = m.StaticTokens - m.StaticPrefixTokens;
        if (after <= 0 || m.Holes == 0)
        {
            return;
        }

        var model = i.Model;
        var rule = model is not null ? i.Catalog.CacheRuleFor(model) : i.Catalog.CacheRules.FirstOrDefault(r => r.Provider == "openai" && r.ModelPrefix.Length == 0);
        var minimum = rule?.MinPrefixTokens ?? 1024;
        if (after < minimum || after <= m.StaticPrefixTokens)
        {
            return;
        }

        var money = model?.CachedInput is { } cached
            ? $" At {model.Id}'s prices that is {Cost.Format(Cost.PerThousandCalls(after, model.Input))} per 1K calls instead of {Cost.Format(Cost.PerThousandCalls(after, cached))} from the cache."
            : string.Empty;
        i.Report(Rule.Message, RuleTarget.Prompt, after, ("prompt", m.Id), ("tokens", N(after)), ("minimum", N(minimum)), ("prefix", N(m.StaticPrefixTokens)), ("money", money));
    }
}
