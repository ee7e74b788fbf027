using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

using PromptLint.Contracts.Baseline;

namespace PromptLint.Contracts.Pricing;

/// <summary>Why a call's cost changed against its baseline entry.</summary>
[Flags]
public enum CostCause
{
    /// <summary>Nothing that moves the price changed.</summary>
    None = 0,

    /// <summary>The prompt is sent to another model (another price).</summary>
    Model = 1,

    /// <summary>The output cap changed (or was added or removed).</summary>
    OutputCap = 2,

    /// <summary>Tool schema tokens changed (tools added, removed or described differently).</summary>
    Tools = 4,

    /// <summary>The prompt's own static tokens (outside tool schemas) changed.</summary>
    Tokens = 8,
}

/// <summary>
/// One prompt's cost per call now against its baseline entry, both priced with today's catalogue, with the causes named
/// in numbers ("model gpt-4o-mini → gpt-4o: input $0.15 → $2.50 per 1M tokens"). Only entries that record their model
/// (<see cref="BaselineEntry.RecordsCost"/>) are compared, and only when both models have a price: an unknown price
/// never gates.
/// </summary>
public sealed class CostChange
{
    private readonly ModelCatalog _catalog;

    private CostChange(ModelCatalog catalog, BaselineEntry entry, CallCost before, CallCost after, int toolTokens, CostCause causes)
    {
        _catalog = catalog;
        Entry = entry;
        Before = before;
        After = after;
        ToolTokens = toolTokens;
        Causes = causes;
    }

    /// <summary>The accepted entry.</summary>
    public BaselineEntry Entry { get; }

    /// <summary>The accepted call's cost at today's prices.</summary>
    public CallCost Before { get; }

    /// <summary>The call's cost now.</summary>
    public CallCost After { get; }

    /// <summary>Tool schema tokens now.</summary>
    public int ToolTokens { get; }

    /// <summary>What changed that moves the price.</summary>
    public CostCause Causes { get; }

    /// <summary>Now minus accepted, USD per call.</summary>
    public decimal Delta => After.Total - Before.Total;

    /// <summary>Growth in percent of the accepted cost (infinite when the accepted call cost nothing and this one does).</summary>
    public double Percent => Before.Total == 0 ? (Delta > 0 ? double.PositiveInfinity : 0) : (double)(Delta * 100m / Before.Total);

    /// <summary>
    /// Compares a measured prompt with its entry; null when the entry predates cost fields or either model has no price.
    /// </summary>
    public static CostChange? Compare(ModelCatalog catalog, BaselineEntry entry, string model, int staticTokens, int staticPrefixTokens, int toolSchemaTokens, int? outputCap)
    {
        if (!entry.RecordsCost)
        {
            return null;
        }

        var before = CallCost.Of(catalog, entry.Model, entry.StaticTokens, entry.StaticPrefixTokens, entry.OutputCap, entry.ToolSchemaTokens);
        var after = CallCost.Of(catalog, model, staticTokens, staticPrefixTokens, outputCap, toolSchemaTokens);
        if (before is null || after is null)
        {
            return null;
        }

        var causes = CostCause.None;
        if (!string.Equals(before.Model.Id, after.Model.Id, StringComparison.Ordinal))
        {
            causes |= CostCause.Model;
        }

        if (entry.OutputCap != outputCap && before.OutputTokens + after.OutputTokens > 0)
        {
            causes |= CostCause.OutputCap;
        }

        if (entry.ToolSchemaTokens != toolSchemaTokens)
        {
            causes |= CostCause.Tools;
        }

        if (entry.StaticTokens - entry.ToolSchemaTokens != staticTokens - toolSchemaTokens)
        {
            causes |= CostCause.Tokens;
        }

        return new CostChange(catalog, entry, before, after, toolSchemaTokens, causes);
    }

    /// <summary>"×16.7" from double up, "+28%" below.</summary>
    public string Growth
        => Before.Total == 0 ? "new cost" : After.Total >= 2 * Before.Total
            ? "×" + ((double)(After.Total / Before.Total)).ToString("0.#", CultureInfo.InvariantCulture)
            : "+" + Percent.ToString("0.#", CultureInfo.InvariantCulture) + "%";

    /// <summary>
    /// The causes with their numbers, largest effect first: "model gpt-4o-mini → gpt-4o: input $0.15 → $2.50 per 1M
    /// tokens, output $0.60 → $10.00; output cap 256 → 16,384 tokens".
    /// </summary>
    public string Describe()
    {
        var parts = new List<(decimal Effect, string Text)>();
        if ((Causes & CostCause.Model) != 0)
        {
            var text = $"model {Entry.Model} → {After.Model.Id}: input {Cost.Format(Before.Model.Input)} → {Cost.Format(After.Model.Input)} per 1M tokens";
            if (Before.Model.Output != After.Model.Output)
            {
                text += $", output {Cost.Format(Before.Model.Output)} → {Cost.Format(After.Model.Output)}";
            }

            // Priced at the new model with the old tokens and cap: what the swap alone does.
            var swapped = CallCost.Of(_catalog, After.Model.Id, Entry.StaticTokens, Entry.StaticPrefixTokens, Entry.OutputCap, Entry.ToolSchemaTokens);
            parts.Add(((swapped?.Total ?? After.Total) - Before.Total, text));
        }

        if ((Causes & CostCause.OutputCap) != 0)
        {
            var to = After.OutputCap is null ? $"uncapped ({N(After.OutputTokens)} at {After.Model.Id}'s largest output)" : N(After.OutputTokens) + " tokens";
            var from = Before.OutputCap is null ? "uncapped" : N(Before.OutputTokens);
            parts.Add((Cost.PerCall(After.OutputTokens - Before.OutputTokens, After.Model.Output), $"output cap {from} → {to}"));
        }

        if ((Causes & CostCause.Tools) != 0)
        {
            parts.Add((Cost.PerCall(ToolTokens - Entry.ToolSchemaTokens, After.Model.Input), $"tool schemas {N(Entry.ToolSchemaTokens)} → {N(ToolTokens)} tokens"));
        }

        if ((Causes & CostCause.Tokens) != 0)
        {
            var before = Entry.StaticTokens - Entry.ToolSchemaTokens;
            var after = After.StaticTokens - ToolTokens;
            parts.Add((Cost.PerCall(after - before, After.Model.Input), $"prompt text {N(before)} → {N(after)} tokens"));
        }

        return string.Join("; ", parts.OrderByDescending(p => p.Effect).Select(p => p.Text));
    }

    /// <summary>The largest cause in a few words, for report tables: "model swap", "cap raise", "more tools", "more tokens".</summary>
    public string MainCause()
    {
        var text = Describe();
        return text.StartsWith("model ", StringComparison.Ordinal) ? "model swap"
            : text.StartsWith("output cap ", StringComparison.Ordinal) ? "output cap"
            : text.StartsWith("tool schemas ", StringComparison.Ordinal) ? "tools"
            : text.StartsWith("prompt text ", StringComparison.Ordinal) ? "tokens"
            : "–";
    }

    private static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
