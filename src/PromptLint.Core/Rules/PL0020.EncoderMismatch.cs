using System;
using System.Collections.Generic;
using PromptLint.Contracts.Pricing;
using PromptLint.Contracts.Rules;
using PromptLint.Core.Engine;
using PromptLint.Core.Measuring;
using PromptLint.Core.Model;
using PromptLint.Counting.Tokenizers;
using static PromptLint.Core.Engine.StaticTextSaving;

namespace PromptLint.Core.Rules;

/// <summary>
/// PL0020: a prompt measured for a model of one tokenizer family but sent to a model of another, when both are known:
/// a <c>[Prompt(Model = "gpt-4")]</c> member sent by a call whose options or client name <c>gpt-4o</c>. Its baseline,
/// budget and cost are then for a tokenizer the call never uses. Unknown models have no family and are never compared.
/// </summary>
public sealed class EncoderMismatch : PromptRule
{
    /// <summary>Its catalogue entry.</summary>
    internal static readonly RuleInfo Rule = new(
        RuleIds.EncoderMismatch,
        "Prompt measured with another model's tokenizer",
        RuleCategory.Cost,
        RuleSeverity.Warning,
        RuleHost.Analyzer,
        hasFix: false,
        "A prompt measured for a model of one tokenizer family but sent to a model of another, or compared with a baseline counted by another encoding, has a footprint, budget and cost that do not hold for the call.",
        new string[0],
        ("default", "Prompt '{prompt}' is measured for {measuredModel} ({family}, {staticTokens}) but this call sends it to {sentModel} ({counted}), so its baseline, budget and cost are counted with a tokenizer the call never uses.{billed} Name the model the prompt is sent to in its [Prompt] Model, or send it to {measuredModel}."),
        ("baseline", "Prompt '{prompt}' was accepted into the baseline counted with {before} ({baselineTokens}) and is now sent to {model}, counted with {after} ({tokens}), so the baseline comparison mixes two tokenizers. Accept the footprint for the new model with 'dotnet build -p:PromptLintUpdateBaseline=true' and commit the baseline."));

    /// <inheritdoc/>
    public override RuleInfo Info => Rule;

    /// <inheritdoc/>
    public override bool Evaluates => true;

    /// <summary>True when both models are known and belong to different tokenizer families.</summary>
    public static bool Differs(TokenizerChoice measured, TokenizerChoice sent)
        => measured.Family is not null && sent.Family is not null && !string.Equals(measured.Family, sent.Family, System.StringComparison.Ordinal);

    /// <summary>
    /// The PL0020 finding when a prompt's accepted footprint was counted with another encoding than the one it is
    /// measured with now (the model changed from <c>gpt-4</c> to <c>gpt-4o</c>), or null when both use the same encoding.
    /// A growth or shrink against such a baseline is partly the tokenizer's, not the prompt's.
    /// </summary>
    public static RuleFinding? AgainstBaseline(string id, string baselineTokenizer, int baselineTokens, PromptMeasurement now)
    {
        var before = EncodingOf(baselineTokenizer);
        var after = EncodingOf(now.Tokenizer);
        if (string.Equals(before, after, System.StringComparison.Ordinal))
        {
            return null;
        }

        return new RuleFinding(Rule.MessageNamed("baseline"), RuleTarget.Prompt, null, ("prompt", id), ("before", before), ("baselineTokens", Count(baselineTokens, "token")), ("model", now.Model), ("after", after), ("tokens", Count(now.StaticTokens, "token")));
    }

    // "estimate:o200k_base" counts with o200k_base: what matters for comparing numbers is the encoding.
    private static string EncodingOf(string tokenizer)
        => tokenizer.StartsWith("estimate:", System.StringComparison.Ordinal) ? tokenizer.Substring("estimate:".Length) : tokenizer;

    /// <inheritdoc/>
    internal override void Evaluate(RuleInput i) => Evaluate(i.Template, i.Measurement, i.Catalog, i.Registry, i.Findings);

    internal static void Evaluate(PromptTemplate template, PromptMeasurement m, ModelCatalog catalog, TokenizerRegistry registry, List<RuleFinding> findings)
    {
        if (template.SentModel is not { } sentModel || template.Model is null)
        {
            return;
        }

        var measured = registry.Resolve(m.Model);
        var sent = registry.Resolve(sentModel);
        if (!Differs(measured, sent))
        {
            return;
        }

        var there = new PromptMeasurer(registry).MeasureAs(template, sentModel);
        var counted = sent.Exact
            ? $"{N(there.StaticTokens)} {Plural(there.StaticTokens, "token")} with {sent.Encoding}"
            : $"an estimated {N(there.StaticTokens)} (no public {sent.Family} tokenizer)";
        // What the wrong tokenizer hides, when the call's count is exact: the tokens and money per 1K calls it is off by.
        var off = there.StaticTokens - m.StaticTokens;
        var billed = sent.Exact && off != 0
            ? $" The call is billed for {N(Math.Abs(off))} {Plural(Math.Abs(off), "token")} {(off > 0 ? "more" : "fewer")} than measured{Money(Math.Abs(off), catalog.Find(sentModel))}."
            : string.Empty;
        findings.Add(new RuleFinding(Rule.Message, RuleTarget.SentModel, null, ("prompt", m.Id), ("measuredModel", measured.Model), ("family", measured.Family!), ("staticTokens", N(m.StaticTokens) + " static " + Plural(m.StaticTokens, "token")), ("sentModel", sent.Model), ("counted", counted), ("billed", billed)));
    }
}
