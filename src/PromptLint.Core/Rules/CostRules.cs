using System;
using System.Collections.Generic;
using System.Linq;
using PromptLint.Core.Measuring;
using PromptLint.Core.Model;
using PromptLint.Core.Pricing;
using PromptLint.Core.Tokenizers;

namespace PromptLint.Core.Rules;

/// <summary>
/// Runs the cost rules PL0003–PL0020 over one measured prompt; each rule is a file of its own named by its id
/// (<c>PL0004.CacheablePrefix.cs</c>). Each message states the tokens and the money at the model's list price (from
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
        foreach (var (rule, run) in Table)
        {
            if (off is not null && off.Contains(rule.Id))
            {
                continue;
            }

            RuleTestHooks.Evaluating.Value?.Invoke(rule.Id);
            RuleTimings.Time(rule.Id, run, input);
        }

        return findings;
    }

    // Every cost rule once, in the order their findings are listed. Static: evaluating a prompt allocates one
    // RuleInput, not a delegate per rule (the analyzer runs this on every edit in the IDE).
    private static readonly (RuleInfo Rule, Action<RuleInput> Run)[] Table =
    {
        (OutputCapRule.Rule, OutputCapRule.Evaluate),
        (CacheablePrefixRule.Rule, CacheablePrefixRule.Evaluate),
        (VolatileValueRule.Rule, VolatileValueRule.Evaluate),
        (UnboundedHoleRule.Rule, UnboundedHoleRule.Evaluate),
        (OverBudgetRule.Rule, OverBudgetRule.Evaluate),
        (ContextWindowRule.Rule, ContextWindowRule.Evaluate),
        (ToolSchemaFootprintRule.Rule, ToolSchemaFootprintRule.Evaluate),
        (Rules.CostlyCharacters.Rule, Rules.CostlyCharacters.Evaluate),
        (Rules.WhitespaceBloat.Rule, Rules.WhitespaceBloat.Evaluate),
        (Rules.PrettyJson.Rule, Rules.PrettyJson.Evaluate),
        (Rules.FillerPhrases.Rule, Rules.FillerPhrases.Evaluate),
        (Rules.DataBlobs.Rule, Rules.DataBlobs.Evaluate),
        (Rules.RepeatedBlocks.Rule, Rules.RepeatedBlocks.Evaluate),
        (Rules.LongNumbers.Rule, Rules.LongNumbers.Evaluate),
        (Rules.VerboseToolSchema.Rule, Rules.VerboseToolSchema.Evaluate),
        (Rules.RowOrientedJson.Rule, Rules.RowOrientedJson.Evaluate),
        (Rules.DeadInstructions.Rule, Rules.DeadInstructions.Evaluate),
        (Rules.EncoderMismatch.Rule, Rules.EncoderMismatch.Evaluate),
        (Rules.SecretInPrompt.Rule, Rules.SecretInPrompt.Evaluate),
    };

    /// <summary>The cost rules' catalogue entries, in evaluation order.</summary>
    public static IReadOnlyList<RuleInfo> Entries { get; } = Table.Select(r => r.Rule).ToArray();
}
