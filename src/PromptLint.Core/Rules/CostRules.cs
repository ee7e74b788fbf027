using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using PromptLint.Core.Measuring;
using PromptLint.Core.Model;
using PromptLint.Core.Pricing;
using PromptLint.Core.Tokenizers;

namespace PromptLint.Core.Rules;

/// <summary>
/// The cost rules PL0003–PL0020 over one measured prompt. Each message states the tokens and the money at the model's
/// list price (from <see cref="ModelCatalog"/>), then what to do. Pure: the same prompt gives the same findings.
/// </summary>
public static class CostRules
{
    /// <summary>PL0003.</summary>
    public const string MissingOutputCap = RuleIds.MissingOutputCap;

    /// <summary>PL0004.</summary>
    public const string NonCacheablePrefix = RuleIds.NonCacheablePrefix;

    /// <summary>PL0005.</summary>
    public const string VolatileInStaticPrompt = RuleIds.VolatileInStaticPrompt;

    /// <summary>PL0006.</summary>
    public const string UnboundedHole = RuleIds.UnboundedHole;

    /// <summary>PL0007.</summary>
    public const string OverBudget = RuleIds.OverBudget;

    /// <summary>PL0008.</summary>
    public const string ExceedsContextWindow = RuleIds.ExceedsContextWindow;

    /// <summary>PL0009.</summary>
    public const string ToolSchemaFootprint = RuleIds.ToolSchemaFootprint;

    /// <summary>PL0010.</summary>
    public const string CostlyCharacters = RuleIds.CostlyCharacters;

    /// <summary>PL0011.</summary>
    public const string WhitespaceBloat = RuleIds.WhitespaceBloat;

    /// <summary>PL0012.</summary>
    public const string PrettyJson = RuleIds.PrettyJson;

    /// <summary>PL0013.</summary>
    public const string FillerPhrases = RuleIds.FillerPhrases;

    /// <summary>PL0014.</summary>
    public const string DataBlobs = RuleIds.DataBlobs;

    /// <summary>PL0015.</summary>
    public const string RepeatedBlocks = RuleIds.RepeatedBlocks;

    /// <summary>PL0016.</summary>
    public const string LongNumbers = RuleIds.LongNumbers;

    /// <summary>PL0017.</summary>
    public const string VerboseToolSchema = RuleIds.VerboseToolSchema;

    /// <summary>PL0018.</summary>
    public const string RowOrientedJson = RuleIds.RowOrientedJson;

    /// <summary>PL0019.</summary>
    public const string DeadInstructions = RuleIds.DeadInstructions;

    /// <summary>PL0020.</summary>
    public const string EncoderMismatch = RuleIds.EncoderMismatch;

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
            if (off is not null && rule.Ids.All(off.Contains))
            {
                continue;
            }

            RuleTestHooks.Evaluating.Value?.Invoke(rule.Ids[0]);
            rule.Run(input);
        }

        if (off is not null && off.Count > 0)
        {
            findings.RemoveAll(f => off.Contains(f.RuleId));
        }

        return findings;
    }

    // Every rule once, with the ids it reports (a rule runs unless all of them are switched off). Static: evaluating a
    // prompt allocates one RuleInput, not a delegate per rule (the analyzer runs this on every edit in the IDE).
    private static readonly (string[] Ids, Action<RuleInput> Run)[] Table =
    {
        (new[] { MissingOutputCap }, i => OutputCap(i.Template, i.Measurement, i.Model, i.Settings, i.Findings)),
        (new[] { NonCacheablePrefix }, i => CacheablePrefix(i.Template, i.Measurement, i.Model, i.Catalog, i.Findings)),
        (new[] { VolatileInStaticPrompt }, i => Volatile(i.Template, i.Measurement, i.Findings)),
        (new[] { UnboundedHole, OverBudget }, i => Budget(i.Template, i.Measurement, i.Holes, i.Settings, i.Findings)),
        (new[] { ExceedsContextWindow }, i => ContextWindow(i.Template, i.Measurement, i.Holes, i.Model, i.Findings)),
        (new[] { ToolSchemaFootprint }, i => Tools(i.Template, i.Measurement, i.Registry, i.Settings, i.Findings)),
        (new[] { CostlyCharacters }, i => Rules.CostlyCharacters.Evaluate(i.Template, i.Measurement, i.Model, i.Registry, i.Settings, i.Findings)),
        (new[] { WhitespaceBloat }, i => Rules.WhitespaceBloat.Evaluate(i.Template, i.Measurement, i.Model, i.Registry, i.Settings, i.Findings)),
        (new[] { PrettyJson }, i => Rules.PrettyJson.Evaluate(i.Template, i.Measurement, i.Model, i.Registry, i.Settings, i.Findings)),
        (new[] { FillerPhrases }, i => Rules.FillerPhrases.Evaluate(i.Template, i.Measurement, i.Model, i.Registry, i.Settings, i.Findings)),
        (new[] { DataBlobs }, i => Rules.DataBlobs.Evaluate(i.Template, i.Measurement, i.Model, i.Registry, i.Settings, i.Findings)),
        (new[] { RepeatedBlocks }, i => Rules.RepeatedBlocks.Evaluate(i.Template, i.Measurement, i.Model, i.Registry, i.Settings, i.Findings)),
        (new[] { LongNumbers }, i => Rules.LongNumbers.Evaluate(i.Template, i.Measurement, i.Model, i.Registry, i.Settings, i.Findings)),
        (new[] { VerboseToolSchema }, i => Rules.VerboseToolSchema.Evaluate(i.Template, i.Measurement, i.Model, i.Registry, i.Settings, i.Findings)),
        (new[] { RowOrientedJson }, i => Rules.RowOrientedJson.Evaluate(i.Template, i.Measurement, i.Model, i.Registry, i.Settings, i.Findings)),
        (new[] { DeadInstructions }, i => Rules.DeadInstructions.Evaluate(i.Template, i.Measurement, i.Model, i.Registry, i.Settings, i.Findings)),
        (new[] { EncoderMismatch }, i => Rules.EncoderMismatch.Evaluate(i.Template, i.Measurement, i.Catalog, i.Registry, i.Findings)),
    };

    // What one evaluation hands every rule.
    private sealed class RuleInput
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

        public ModelInfo? Model { get; }

        public ModelCatalog Catalog { get; }

        public RuleSettings Settings { get; }

        public TokenizerRegistry Registry { get; }

        public List<PromptSegment> Holes { get; }

        public List<RuleFinding> Findings { get; }
    }

    private static void OutputCap(PromptTemplate template, PromptMeasurement m, ModelInfo? model, RuleSettings settings, List<RuleFinding> findings)
    {
        var setting = template.OutputCapSetting ?? "the max output token cap";
        if (template.OutputCapStatus == OutputCapStatus.Missing)
        {
            var worst = model is null
                ? "an output limited only by the model"
                : $"up to {N(model.MaxOutputTokens)} output tokens ({Cost.Format(Cost.PerCall(model.MaxOutputTokens, model.Output))} at {model.Id}'s output price)";
            findings.Add(new RuleFinding(
                MissingOutputCap,
                $"Prompt '{m.Id}' is sent without a max output token cap, so one call can produce {worst}. Set {setting} (for example to {N(settings.DefaultMaxOutputTokens)}).",
                RuleTarget.Call));
        }
        else if (template.OutputCapStatus == OutputCapStatus.Declared && settings.MaxOutputTokensCeiling is { } ceiling && template.OutputCap > ceiling)
        {
            findings.Add(new RuleFinding(
                MissingOutputCap,
                $"Prompt '{m.Id}' caps output at {N(template.OutputCap!.Value)} tokens, above the ceiling of {N(ceiling)} set by promptlint.max_output_tokens_ceiling. Lower {setting} to {N(ceiling)} or less.",
                RuleTarget.Call));
        }
    }

    private static void CacheablePrefix(PromptTemplate template, PromptMeasurement m, ModelInfo? model, ModelCatalog catalog, List<RuleFinding> findings)
    {
        var after = m.StaticTokens - m.StaticPrefixTokens;
        if (after <= 0 || m.Holes == 0)
        {
            return;
        }

        var rule = model is not null ? catalog.CacheRuleFor(model) : catalog.CacheRules.FirstOrDefault(r => r.Provider == "openai" && r.ModelPrefix.Length == 0);
        var minimum = rule?.MinPrefixTokens ?? 1024;
        if (after < minimum || after <= m.StaticPrefixTokens)
        {
            return;
        }

        var money = model?.CachedInput is { } cached
            ? $" At {model.Id}'s prices that is {Cost.Format(Cost.PerThousandCalls(after, model.Input))} per 1K calls instead of {Cost.Format(Cost.PerThousandCalls(after, cached))} from the cache."
            : string.Empty;
        findings.Add(new RuleFinding(
            NonCacheablePrefix,
            $"Prompt '{m.Id}' sends {N(after)} static tokens after dynamic content, so the provider cannot serve them from its prompt cache (it caches a static prefix of at least {N(minimum)} tokens; this prompt's is {N(m.StaticPrefixTokens)}).{money} Put the static text first and the dynamic parts after it.",
            RuleTarget.Prompt,
            tokensSaved: after));
    }

    // A volatile value is reported in a system message, or as the first hole when most static text still follows it;
    // at the end of a user message it is where it belongs.
    private static void Volatile(PromptTemplate template, PromptMeasurement m, List<RuleFinding> findings)
    {
        var first = true;
        var bulkFollows = m.StaticTokens - m.StaticPrefixTokens > m.StaticPrefixTokens;
        if (m.StaticTokens - m.StaticPrefixTokens <= 0)
        {
            return;
        }

        foreach (var message in template.Messages)
        {
            foreach (var segment in message.Segments.Where(s => s.IsHole))
            {
                if (segment.IsVolatile && ((first && bulkFollows) || message.Role == PromptRole.System))
                {
                    var where = message.Role == PromptRole.System ? "system message" : "static prefix";
                    var after = m.StaticTokens - m.StaticPrefixTokens;
                    findings.Add(new RuleFinding(
                        VolatileInStaticPrompt,
                        $"Prompt '{m.Id}' puts a value that changes on every call ({segment.Text}) in its {where}, so the {N(after)} static tokens after it never come from the provider's prompt cache and every call pays full price for them. Move the value to the end of the user message.",
                        RuleTarget.Prompt,
                        tokensSaved: after));
                    return;
                }

                first = false;
            }
        }
    }

    private static void Budget(PromptTemplate template, PromptMeasurement m, List<PromptSegment> holes, RuleSettings settings, List<RuleFinding> findings)
    {
        var budget = template.Budget ?? settings.Budget;
        if (budget is null)
        {
            return;
        }

        foreach (var hole in holes.Where(h => h.Cap is null))
        {
            findings.Add(new RuleFinding(
                UnboundedHole,
                $"Hole '{hole.Text}' of prompt '{m.Id}' has no size cap, so the prompt's budget of {N(budget.Value)} tokens cannot be held. Cap the value before it is inserted (Substring(0, N), [..N], a Truncate(N) helper).",
                RuleTarget.Prompt));
        }

        var holeTokens = HoleTokens(holes);
        if (m.StaticTokens + holeTokens > budget)
        {
            findings.Add(new RuleFinding(
                OverBudget,
                $"Prompt '{m.Id}' needs up to {N(m.StaticTokens + holeTokens)} tokens ({N(m.StaticTokens)} static + {N(holeTokens)} from capped holes), over its budget of {N(budget.Value)}. Trim the static text or lower the hole caps.",
                RuleTarget.Prompt,
                tokensSaved: m.StaticTokens + holeTokens - budget.Value));
        }
    }

    private static void ContextWindow(PromptTemplate template, PromptMeasurement m, List<PromptSegment> holes, ModelInfo? model, List<RuleFinding> findings)
    {
        if (model is null || model.ContextWindow <= 0)
        {
            return;
        }

        var holeTokens = HoleTokens(holes);
        var output = template.OutputCap ?? 0;
        var total = m.StaticTokens + holeTokens + output;
        if (total > model.ContextWindow)
        {
            findings.Add(new RuleFinding(
                ExceedsContextWindow,
                $"Prompt '{m.Id}' needs up to {N(total)} tokens ({N(m.StaticTokens)} static, {N(holeTokens)} from capped holes, {N(output)} output) but {model.Id}'s context window is {N(model.ContextWindow)}. Shrink the prompt or its caps, or use a model with a larger window.",
                RuleTarget.Prompt));
        }
    }

    private static void Tools(PromptTemplate template, PromptMeasurement m, TokenizerRegistry registry, RuleSettings settings, List<RuleFinding> findings)
    {
        if (template.Tools.Count == 0)
        {
            return;
        }

        var encoding = registry.Resolve(m.Model).Encoding;
        if (m.ToolSchemaTokens > settings.ToolSchemaBudget)
        {
            var largest = template.Tools
                .Select(t => (t.Name, Tokens: registry.Count(encoding, t.WireJson)))
                .OrderByDescending(t => t.Tokens)
                .ThenBy(t => t.Name, StringComparer.Ordinal)
                .Take(3)
                .Select(t => $"{t.Name} {N(t.Tokens)}");
            findings.Add(new RuleFinding(
                ToolSchemaFootprint,
                $"Prompt '{m.Id}' sends {N(m.ToolSchemaTokens)} tokens of tool definitions with every call, over the budget of {N(settings.ToolSchemaBudget)} (largest: {string.Join(", ", largest)}). Send only the tools the call needs, or shorten their descriptions and schemas.",
                RuleTarget.Prompt,
                tokensSaved: m.ToolSchemaTokens - settings.ToolSchemaBudget));
        }

        foreach (var tool in template.Tools)
        {
            var description = Description(tool.WireJson);
            var tokens = description is null ? 0 : registry.Count(encoding, description);
            if (tokens > settings.ToolDescriptionMaxTokens)
            {
                findings.Add(new RuleFinding(
                    ToolSchemaFootprint,
                    $"Tool '{tool.Name}' of prompt '{m.Id}' has a {N(tokens)}-token description, over the {N(settings.ToolDescriptionMaxTokens)} a tool description needs; it is sent with every call. Say what the tool does and when to use it, no more.",
                    RuleTarget.Prompt,
                    tokensSaved: tokens - settings.ToolDescriptionMaxTokens));
            }
        }
    }

    private static int HoleTokens(IEnumerable<PromptSegment> holes)
        => holes.Where(h => h.Cap is not null).Sum(h => h.CapUnit == CapUnit.Tokens ? h.Cap!.Value : (h.Cap!.Value + CharactersPerToken - 1) / CharactersPerToken);

    private static string? Description(string wireJson)
    {
        try
        {
            using var document = JsonDocument.Parse(wireJson);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var function = root.TryGetProperty("function", out var f) && f.ValueKind == JsonValueKind.Object ? f : root;
            return function.TryGetProperty("description", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
