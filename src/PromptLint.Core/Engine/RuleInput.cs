using System.Collections.Generic;
using System.Linq;
using PromptLint.Contracts.Pricing;
using PromptLint.Contracts.Rules;
using PromptLint.Core.Measuring;
using PromptLint.Core.Model;
using PromptLint.Counting.Tokenizers;

namespace PromptLint.Core.Engine;

/// <summary>What one evaluation of <see cref="CostRules"/> hands every rule, and where the rule adds its findings.</summary>
internal sealed class RuleInput
{
    public RuleInput(PromptTemplate template, PromptMeasurement measurement, ModelInfo? model, ModelCatalog catalog, RuleSettings settings, TokenizerRegistry registry, List<PromptSegment> holes, List<RuleFinding> findings)
    {
        Template = template;
        Measurement = measurement;
        Model = model;
        Catalog = catalog;
        Settings = settings;
        Registry = registry;
        Holes = holes;
        Findings = findings;
    }

    public PromptTemplate Template { get; }

    public PromptMeasurement Measurement { get; }

    /// <summary>The measured model's data, or null when the catalogue does not know it.</summary>
    public ModelInfo? Model { get; }

    public ModelCatalog Catalog { get; }

    public RuleSettings Settings { get; }

    public TokenizerRegistry Registry { get; }

    /// <summary>Every hole of the prompt, in order.</summary>
    public List<PromptSegment> Holes { get; }

    public List<RuleFinding> Findings { get; }

    /// <summary>
    /// What each stretch of the prompt's static text is (prose, code, examples, output formats, data, text never sent),
    /// computed once per template and shared by every rule: a content rule judges prose unless its page says otherwise.
    /// </summary>
    public PromptLint.Core.Text.PromptRegions Regions => PromptLint.Core.Text.PromptRegions.Of(Template);

    /// <summary>Tokens the capped holes can add (a character cap counts as <see cref="CostRules.CharactersPerToken"/> characters a token).</summary>
    public int CappedHoleTokens
        => Holes.Where(h => h.Cap is not null).Sum(h => h.CapUnit == CapUnit.Tokens ? h.Cap!.Value : (h.Cap!.Value + CostRules.CharactersPerToken - 1) / CostRules.CharactersPerToken);

    /// <summary>Adds a finding of <paramref name="message"/>.</summary>
    public void Report(RuleMessage message, RuleTarget target, int? tokensSaved, params (string Name, string Value)[] arguments)
        => Findings.Add(new RuleFinding(message, target, tokensSaved, arguments));
}
