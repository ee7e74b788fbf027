using System;
using System.Collections.Generic;
using System.Linq;
using PromptLint.Contracts.Pricing;
using PromptLint.Contracts.Rules;
using PromptLint.Core.Measuring;
using PromptLint.Core.Model;
using PromptLint.Counting.Tokenizers;

namespace PromptLint.Core.Engine;

/// <summary>
/// Runs every rule that judges a measured prompt (each a <see cref="PromptRule"/> in a file of its own named by its id,
/// <c>PL0004.CacheablePrefix.cs</c>) over one measured prompt. Each message states the tokens and the money at the model's list price (from
/// <see cref="ModelCatalog"/>), then what to do. Pure: the same prompt gives the same findings.
/// </summary>
public static class CostRules
{
    /// <summary>Characters per token used to turn a character cap into tokens (an estimate, as the messages say).</summary>
    public const int CharactersPerToken = 4;

    /// <summary>Evaluates every rule.</summary>
    public static IReadOnlyList<RuleFinding> Evaluate(PromptTemplate template, PromptMeasurement measurement, ModelCatalog catalog, RuleSettings settings, TokenizerRegistry registry)
        => Evaluate(template, measurement, catalog, settings, registry, off: null);

    /// <summary>
    /// Evaluates the rules that are on: a rule in <paramref name="off"/> (its effective severity is none where its
    /// findings would be reported) is not evaluated at all, so switching a rule off saves its work.
    /// </summary>
    public static IReadOnlyList<RuleFinding> Evaluate(PromptTemplate template, PromptMeasurement measurement, ModelCatalog catalog, RuleSettings settings, TokenizerRegistry registry, IReadOnlyCollection<string>? off)
    {
        var findings = new List<RuleFinding>();
        var model = catalog.Find(measurement.Model);
        var holes = template.Messages.SelectMany(m => m.Segments).Where(s => s.IsHole).ToList();
        var input = new RuleInput(template, measurement, model, catalog, settings, registry, holes, findings);
        foreach (var rule in Table)
        {
            var id = rule.Info.Id;
            if (off is not null && off.Contains(id))
            {
                continue;
            }

            RuleTestHooks.Evaluating.Value?.Invoke(id);
            if (RuleTimings.On)
            {
                RuleTimings.Time(id, rule.Evaluate, input);
            }
            else
            {
                // A direct call: no delegate per rule and prompt.
                rule.Evaluate(input);
            }
        }

        return findings;
    }

    // Every rule that judges a measured prompt, once, by id: the order their findings are listed in. An array, so
    // evaluating a prompt allocates one RuleInput and nothing per rule (the analyzer runs this on every edit in the IDE).
    private static readonly PromptRule[] Table = RuleCatalog.Rules.Where(r => r.Evaluates).ToArray();

    /// <summary>The cost rules' catalogue entries, in evaluation order.</summary>
    public static IReadOnlyList<RuleInfo> Entries { get; } = Table.Select(r => r.Info).ToArray();
}
