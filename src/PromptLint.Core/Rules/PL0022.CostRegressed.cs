using System;
using System.Collections.Generic;
using System.Globalization;
using PromptLint.Contracts.Baseline;
using PromptLint.Contracts.Pricing;
using PromptLint.Contracts.Rules;
using PromptLint.Core.Engine;
using PromptLint.Core.Measuring;

namespace PromptLint.Core.Rules;

/// <summary>
/// PL0022: a prompt's cost per call grew past the threshold against its baseline entry, because it is sent to a
/// pricier model, its output cap was raised (or removed), tools were added, or its text grew. Both sides are priced
/// with today's catalogue (<see cref="CostChange"/>). Reported by the analyzer and <c>promptlint check</c> beside
/// PL0001; growth of the prompt's own text alone is left to PL0001 when PL0001 reports it, so one edit is not two errors.
/// </summary>
public sealed class CostRegressedRule : PromptRule
{
    /// <summary>
    /// Growth of the cost per call, in percent, that fails the gate; unset: the token regression threshold
    /// (<c>promptlint.regression_threshold</c>, <c>PromptLintRegressionThreshold</c>).
    /// </summary>
    public static readonly RuleSetting<double?> Threshold = new(
        "promptlint.cost_regression_threshold",
        null,
        "the token threshold",
        "PL0022: growth of a prompt's cost per call, in percent, that fails the gate (unset: promptlint.regression_threshold, default 5)",
        raw => double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= 0 && !double.IsInfinity(value) ? value : null);

    /// <summary>Its catalogue entry.</summary>
    internal static readonly RuleInfo Rule = new(
        RuleIds.CostRegressed,
        "Prompt cost per call regressed",
        RuleCategory.Cost,
        RuleSeverity.Error,
        RuleHost.Analyzer,
        hasFix: true,
        "The prompt's cost per call (static input at the model's price, worst-case output at its cap) grew past the threshold against the committed baseline: a pricier model, a higher output cap, more tools or more tokens, priced with the shipped catalogue.",
        new[] { Threshold.Key, SettingKeys.RegressionThreshold },
        ("default", "Prompt '{prompt}' costs {growth} per call ({baseline} → {current}, limit +{percent}%): {cause}. Undo the change, or accept the new cost with 'dotnet build -p:PromptLintUpdateBaseline=true' (or 'promptlint check --update-baseline') and commit the baseline."));

    /// <inheritdoc/>
    public override RuleInfo Info => Rule;

    /// <inheritdoc/>
    public override IReadOnlyList<RuleSetting> Settings { get; } = new RuleSetting[] { Threshold };

    /// <summary>
    /// True when the measurement is the accepted call in everything its price depends on (model, output cap, static,
    /// prefix and tool tokens): its cost per call cannot have changed, so it is not priced.
    /// </summary>
    /// <param name="accepted">The baseline entry.</param>
    /// <param name="measurement">The prompt measured now.</param>
    public static bool SameCall(BaselineEntry accepted, PromptMeasurement measurement)
        => accepted.RecordsCost
           && string.Equals(accepted.Model, measurement.Model, StringComparison.Ordinal)
           && accepted.OutputCap == measurement.OutputCap
           && accepted.StaticTokens == measurement.StaticTokens
           && accepted.StaticPrefixTokens == measurement.StaticPrefixTokens
           && accepted.ToolSchemaTokens == measurement.ToolSchemaTokens;

    /// <summary>
    /// The finding for a prompt whose cost per call grew past the threshold, or null (also when the entry predates the
    /// cost fields, or a model has no price: then nothing is assumed to have grown).
    /// </summary>
    /// <param name="id">The prompt's id.</param>
    /// <param name="accepted">Its baseline entry.</param>
    /// <param name="measurement">Its measurement now.</param>
    /// <param name="catalog">Models and prices.</param>
    /// <param name="thresholdPercent">Growth that fails the gate.</param>
    /// <param name="tokensRegressed">True when PL0001 already reports the prompt.</param>
    public static RuleFinding? Check(string id, BaselineEntry accepted, PromptMeasurement measurement, ModelCatalog catalog, double thresholdPercent, bool tokensRegressed)
    {
        var change = CostChange.Compare(catalog, accepted, measurement.Model, measurement.StaticTokens, measurement.StaticPrefixTokens, measurement.ToolSchemaTokens, measurement.OutputCap);
        if (change is null || change.Delta <= 0 || change.Percent <= thresholdPercent)
        {
            return null;
        }

        // Text growth alone is PL0001's to report; a model, cap or tool change is this rule's even when PL0001 fires too.
        if (change.Causes == CostCause.Tokens && tokensRegressed)
        {
            return null;
        }

        return new RuleFinding(
            Rule.Message,
            RuleTarget.Prompt,
            null,
            ("prompt", id),
            ("growth", change.Growth),
            ("baseline", Cost.FormatPerCall(change.Before.Total)),
            ("current", Cost.FormatPerCall(change.After.Total)),
            ("percent", thresholdPercent.ToString("0.##", CultureInfo.InvariantCulture)),
            ("cause", change.Describe()));
    }
}
