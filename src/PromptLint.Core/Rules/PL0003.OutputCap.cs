using System.Collections.Generic;
using PromptLint.Contracts.Pricing;
using PromptLint.Contracts.Rules;
using PromptLint.Core.Engine;
using PromptLint.Core.Model;
using static PromptLint.Core.Engine.StaticTextSaving;

namespace PromptLint.Core.Rules;

/// <summary>PL0003: a call or prompt file without a max output token cap, or with one above the configured ceiling.</summary>
public sealed class OutputCapRule : PromptRule
{
    /// <summary><c>promptlint.default_max_output_tokens</c>.</summary>
    public static readonly RuleSetting<int> DefaultMaxOutputTokens = RuleSetting.Positive("promptlint.default_max_output_tokens", 1024, "the cap its message and code fix suggest");

    /// <summary><c>promptlint.max_output_tokens_ceiling</c>.</summary>
    public static readonly RuleSetting<int?> MaxOutputTokensCeiling = RuleSetting.Optional("promptlint.max_output_tokens_ceiling", "declared caps above it are reported");

    internal static readonly RuleInfo Rule = new(
        RuleIds.MissingOutputCap,
        "LLM call without a max output token cap",
        RuleCategory.Cost,
        RuleSeverity.Warning,
        RuleHost.Analyzer,
        hasFix: true,
        "Output tokens cost several times input tokens, and a call without a cap can spend up to the model's maximum. Options that come from a parameter, a field or DI are not reported.",
        new[] { DefaultMaxOutputTokens.Key, MaxOutputTokensCeiling.Key },
        ("missing", "Prompt '{prompt}' is sent without a max output token cap, so one call can produce {worst}. Set {setting} (for example to {suggested})."),
        ("ignoredKey", "Prompt '{prompt}' caps its output with {ignored}, a key its tools do not read, so it is sent without a max output token cap and one call can produce {worst}. Rename the key to {setting} (or max_tokens)."),
        ("ceiling", "Prompt '{prompt}' caps output at {cap} tokens, above the ceiling of {ceiling} set by promptlint.max_output_tokens_ceiling. Lower {setting} to {ceiling} or less."));

    /// <inheritdoc/>
    public override RuleInfo Info => Rule;

    /// <inheritdoc/>
    public override IReadOnlyList<RuleSetting> Settings { get; } = new RuleSetting[] { DefaultMaxOutputTokens, MaxOutputTokensCeiling };

    /// <inheritdoc/>
    public override bool Evaluates => true;

    /// <summary>True for an embedding or image-generation model (by its id), whose calls produce no output tokens.</summary>
    public static bool ProducesNoText(string? model)
    {
        if (model is null)
        {
            return false;
        }

        var id = model.Substring(model.LastIndexOf('/') + 1).ToLowerInvariant();
        return id.Contains("embedding") || id.StartsWith("embed-", System.StringComparison.Ordinal)
            || id.StartsWith("dall-e", System.StringComparison.Ordinal) || id.StartsWith("gpt-image", System.StringComparison.Ordinal)
            || id.StartsWith("imagen", System.StringComparison.Ordinal) || id.StartsWith("stable-diffusion", System.StringComparison.Ordinal)
            || id.StartsWith("flux", System.StringComparison.Ordinal);
    }

    /// <inheritdoc/>
    internal override void Evaluate(RuleInput i)
    {
        var template = i.Template;
        var setting = template.OutputCapSetting ?? "the max output token cap";
        if (ProducesNoText(template.Model ?? i.Measurement.Model))
        {
            // Embedding and image models return vectors or images, not output tokens: a cap means nothing to them.
            return;
        }

        if (template.OutputCapStatus == OutputCapStatus.Missing)
        {
            var worst = i.Model is not { } model
                ? "an output limited only by the model"
                : $"up to {N(model.MaxOutputTokens)} output tokens ({Cost.Format(Cost.PerCall(model.MaxOutputTokens, model.Output))} at {model.Id}'s output price)";
            if (template.IgnoredOutputCapKey is { } ignored)
            {
                i.Report(Rule.MessageNamed("ignoredKey"), RuleTarget.Call, null, ("prompt", i.Measurement.Id), ("ignored", ignored), ("worst", worst), ("setting", setting));
                return;
            }

            i.Report(Rule.MessageNamed("missing"), RuleTarget.Call, null, ("prompt", i.Measurement.Id), ("worst", worst), ("setting", setting), ("suggested", N(i.Settings.Get(DefaultMaxOutputTokens))));
        }
        else if (template.OutputCapStatus == OutputCapStatus.Declared && i.Settings.Get(MaxOutputTokensCeiling) is { } ceiling && template.OutputCap > ceiling)
        {
            i.Report(Rule.MessageNamed("ceiling"), RuleTarget.Call, null, ("prompt", i.Measurement.Id), ("cap", N(template.OutputCap!.Value)), ("ceiling", N(ceiling)), ("setting", setting));
        }
    }
}
