using System;
using System.Collections.Generic;
using PromptLint.Contracts.Baseline;
using PromptLint.Contracts.Pricing;
using PromptLint.Core.Engine;
using PromptLint.Core.Measuring;
using PromptLint.Core.Model;
using PromptLint.Counting.Tokenizers;

namespace PromptLint.Core.Checking;

/// <summary>
/// The one per-prompt pipeline every host runs, whatever front end found the prompt: measure it, run the rules that
/// are on (through <see cref="RuleResultCache"/>), check its model (PL0102) and compare it with the baseline (PL0001,
/// PL0002, PL0020, PL0022). The analyzer, <c>promptlint check</c> and the MSBuild task's inputs all come from here; hosts only
/// place the findings (Roslyn locations, or line and column in a file) and map severities. Pure: no I/O.
/// </summary>
public static class PromptPipeline
{
    /// <summary>Where the pipeline spends its time, for hosts that time their phases.</summary>
    public enum Phase
    {
        /// <summary>Counting tokens.</summary>
        Counting,

        /// <summary>Running the rules.</summary>
        Rules,
    }

    /// <summary>Runs every per-prompt check on <paramref name="template"/>.</summary>
    /// <param name="template">The prompt.</param>
    /// <param name="context">The settings, baseline and catalogue in force where it is declared.</param>
    /// <param name="time">Starts timing a phase (disposed when it ends), when the host times them.</param>
    public static PromptOutcome Run(PromptTemplate template, PromptContext context, Func<Phase, IDisposable?>? time = null)
    {
        PromptMeasurement measurement;
        using (time?.Invoke(Phase.Counting))
        {
            measurement = PromptMeasurer.Shared.Measure(template, context.DefaultModel);
        }

        IReadOnlyList<RuleFinding> findings;
        using (time?.Invoke(Phase.Rules))
        {
            findings = RuleResultCache.Evaluate(template, measurement, context.Catalog, context.Rules, TokenizerRegistry.Shared, context.Off);
        }

        var model = template.Model ?? context.DefaultModel;
        var unknownModel = PromptChecks.UnknownModel(model);
        var baseline = PromptChecks.Baseline(template.Id, measurement, context.Baseline, context.Updating, context.Policy, context.Catalog, context.Rules);
        return new PromptOutcome(measurement, findings, unknownModel, unknownModel is null ? null : TokenizerRegistry.Shared.Resolve(model).Model, baseline);
    }
}

/// <summary>What the per-prompt pipeline depends on besides the prompt.</summary>
public sealed class PromptContext
{
    /// <summary>Creates a context.</summary>
    public PromptContext(string? defaultModel, RegressionPolicy policy, RuleSettings rules)
    {
        DefaultModel = defaultModel;
        Policy = policy;
        Rules = rules;
    }

    /// <summary>The model for prompts that name none; null means the registry's default.</summary>
    public string? DefaultModel { get; }

    /// <summary>The regression policy.</summary>
    public RegressionPolicy Policy { get; }

    /// <summary>The rules' settings.</summary>
    public RuleSettings Rules { get; }

    /// <summary>Models and prices.</summary>
    public ModelCatalog Catalog { get; set; } = ModelCatalog.Shipped;

    /// <summary>The baseline, when there is one.</summary>
    public BaselineDocument? Baseline { get; set; }

    /// <summary>True while the baseline is being rewritten: no gate findings.</summary>
    public bool Updating { get; set; }

    /// <summary>Rules switched off where the prompt's findings would be reported: not evaluated.</summary>
    public IReadOnlyCollection<string>? Off { get; set; }
}

/// <summary>What the per-prompt pipeline found about one prompt.</summary>
public sealed class PromptOutcome
{
    internal PromptOutcome(PromptMeasurement measurement, IReadOnlyList<RuleFinding> findings, RuleFinding? unknownModel, string? unknownModelName, BaselineOutcome baseline)
    {
        Measurement = measurement;
        Findings = findings;
        UnknownModel = unknownModel;
        UnknownModelName = unknownModelName;
        Baseline = baseline;
    }

    /// <summary>The measurement.</summary>
    public PromptMeasurement Measurement { get; }

    /// <summary>The rules' findings, in rule order; each says which part of the prompt it is about.</summary>
    public IReadOnlyList<RuleFinding> Findings { get; }

    /// <summary>
    /// PL0102 when the registry does not know the model the prompt is measured for. Hosts report it where the prompt
    /// names its model; a model named nowhere they can point at (the default) goes once per run, without a place, by
    /// <see cref="UnknownModelName"/>.
    /// </summary>
    public RuleFinding? UnknownModel { get; }

    /// <summary>The unknown model's resolved name, when <see cref="UnknownModel"/> is set.</summary>
    public string? UnknownModelName { get; }

    /// <summary>What the baseline says (PL0001, PL0002, PL0020 and the accepted count).</summary>
    public BaselineOutcome Baseline { get; }
}
