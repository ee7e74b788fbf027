using System.Collections.Generic;
using System.Globalization;
using PromptLint.Contracts.Baseline;
using PromptLint.Contracts.Rules;
using PromptLint.Core.Engine;
using PromptLint.Core.Measuring;
using PromptLint.Core.Model;
using PromptLint.Core.Rules;
using PromptLint.Counting.Tokenizers;

namespace PromptLint.Core.Checking;

/// <summary>
/// What every measured prompt goes through, whatever found it and whoever reports it: the baseline comparison
/// (PL0001, PL0002, PL0020 against the baseline's tokenizer), the unknown-model check (PL0102) and the orphaned
/// baseline entries. The analyzer turns the findings into diagnostics at Roslyn locations; <c>promptlint check</c>
/// prints them. Pure functions of their inputs: no I/O.
/// </summary>
public static class PromptChecks
{
    /// <summary>What the baseline says about one measured prompt.</summary>
    /// <param name="id">The prompt's id.</param>
    /// <param name="measurement">Its measurement.</param>
    /// <param name="baseline">The baseline, when there is one.</param>
    /// <param name="updating">True in a baseline update: no gate findings then.</param>
    /// <param name="policy">The regression policy where the prompt is declared.</param>
    /// <param name="catalog">Models and prices for the cost gate (PL0022); null: the shipped catalogue.</param>
    /// <param name="rules">The rules' settings where the prompt is declared (PL0022's threshold); null: defaults.</param>
    public static BaselineOutcome Baseline(string id, PromptMeasurement measurement, BaselineDocument? baseline, bool updating, RegressionPolicy policy, PromptLint.Contracts.Pricing.ModelCatalog? catalog = null, RuleSettings? rules = null)
    {
        var gateActive = baseline is { IsUsable: true } && !updating;
        BaselineEntry? accepted = null;
        RuleFinding? missing = null;
        RuleFinding? mismatch = null;
        RuleFinding? regressed = null;
        FootprintChange? change = null;
        if (gateActive && !baseline!.Entries.TryGetValue(id, out accepted))
        {
            missing = new RuleFinding(RuleCatalog.Get(RuleIds.BaselineMismatch).Message, RuleTarget.Prompt, null, ("prompt", id), ("tokens", Format(measurement.StaticTokens)));
        }

        if (accepted is not null)
        {
            mismatch = EncoderMismatch.AgainstBaseline(id, accepted.Tokenizer, accepted.StaticTokens, measurement);
            change = policy.Compare(accepted.StaticTokens, measurement.StaticTokens);
            if (change.IsRegression)
            {
                regressed = new RuleFinding(
                    RuleCatalog.Get(RuleIds.FootprintRegressed).Message,
                    RuleTarget.Prompt,
                    null,
                    ("prompt", id),
                    ("baseline", Format(change.Baseline)),
                    ("current", Format(change.Current)),
                    ("growth", $"+{Format(change.Delta)}, {FormatPercent(change.Percent)}"),
                    ("percent", policy.ThresholdPercent.ToString("0.##", CultureInfo.InvariantCulture)),
                    ("tokens", Format(policy.MinTokens)));
            }
        }

        RuleFinding? costRegressed = null;
        // The same model, cap and counts as accepted cost the same at any price: most prompts of most builds, not priced.
        if (accepted is not null && !CostRegressedRule.SameCall(accepted, measurement))
        {
            var threshold = rules?.Get(CostRegressedRule.Threshold) ?? policy.ThresholdPercent;
            costRegressed = CostRegressedRule.Check(id, accepted, measurement, catalog ?? PromptLint.Contracts.Pricing.ModelCatalog.Shipped, threshold, regressed is not null);
        }

        // In a baseline update the comparison is moot; otherwise the report shows the accepted count beside the new one.
        var baselineTokens = baseline is { IsUsable: true } && baseline.Entries.TryGetValue(id, out var known) ? known.StaticTokens : (int?)null;
        return new BaselineOutcome(accepted, missing, mismatch, regressed, change, baselineTokens) { CostRegressed = costRegressed };
    }

    /// <summary>PL0102 for a model the registry does not know, or null when it knows it.</summary>
    /// <param name="model">The model the prompt is measured for (its own or the default).</param>
    public static RuleFinding? UnknownModel(string? model)
    {
        var choice = TokenizerRegistry.Shared.Resolve(model);
        return choice.KnownModel
            ? null
            : new RuleFinding(RuleCatalog.Get(RuleIds.UnknownModel).Message, RuleTarget.Prompt, null, ("model", choice.Model), ("encoding", choice.Encoding));
    }

    /// <summary>
    /// PL0104 for a prompt or file that could not be analyzed: the exception's type and the first line of its message
    /// (the others are still measured; hosts report it instead of failing the analysis).
    /// </summary>
    public static RuleFinding AnalysisFailed(string what, System.Exception exception)
    {
        var message = exception.Message;
        var end = message.IndexOfAny(new[] { '\r', '\n' });
        message = (end < 0 ? message : message.Substring(0, end)).TrimEnd('.');
        return new RuleFinding(RuleCatalog.Get(RuleIds.AnalysisFailed).Message, RuleTarget.Prompt, null, ("what", what), ("problem", exception.GetType().Name + ": " + message));
    }

    /// <summary>PL0002 (info) for a baseline entry no prompt has any more.</summary>
    public static RuleFinding Orphan(string id)
        => new(RuleCatalog.Get(RuleIds.BaselineMismatch).MessageNamed("orphan"), RuleTarget.Prompt, null, ("prompt", id));

    /// <summary>The baseline entries no measured prompt has, in the file's order; none when the gate is off.</summary>
    public static IEnumerable<BaselineEntry> Orphans(BaselineDocument? baseline, bool updating, System.Func<string, bool> seen)
    {
        if (baseline is not { IsUsable: true } || updating)
        {
            yield break;
        }

        var entries = new List<BaselineEntry>(baseline.Entries.Values);
        entries.Sort((a, b) => a.Line.CompareTo(b.Line));
        foreach (var entry in entries)
        {
            if (!seen(entry.Id))
            {
                yield return entry;
            }
        }
    }

    private static string Format(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string FormatPercent(double percent)
        => double.IsInfinity(percent) ? "new tokens" : "+" + percent.ToString("0.#", CultureInfo.InvariantCulture) + "%";
}

/// <summary>What the baseline says about one prompt.</summary>
public sealed class BaselineOutcome
{
    internal BaselineOutcome(BaselineEntry? accepted, RuleFinding? missing, RuleFinding? mismatch, RuleFinding? regressed, FootprintChange? change, int? baselineTokens)
    {
        Accepted = accepted;
        Missing = missing;
        Mismatch = mismatch;
        Regressed = regressed;
        Change = change;
        BaselineTokens = baselineTokens;
    }

    /// <summary>The prompt's entry, when the gate is on and it has one.</summary>
    public BaselineEntry? Accepted { get; }

    /// <summary>PL0002: the gate is on and the baseline does not list the prompt.</summary>
    public RuleFinding? Missing { get; }

    /// <summary>PL0020: the baseline was counted with another tokenizer.</summary>
    public RuleFinding? Mismatch { get; }

    /// <summary>PL0001: the prompt grew past the policy.</summary>
    public RuleFinding? Regressed { get; }

    /// <summary>PL0022: the prompt's cost per call grew past the threshold (a model, cap, tool or token change).</summary>
    public RuleFinding? CostRegressed { get; internal set; }

    /// <summary>The comparison with the accepted count, when there is one.</summary>
    public FootprintChange? Change { get; }

    /// <summary>The accepted count the report shows beside the new one (null in an update without a usable baseline entry).</summary>
    public int? BaselineTokens { get; }
}
