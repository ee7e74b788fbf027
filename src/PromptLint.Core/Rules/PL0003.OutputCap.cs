using PromptLint.Core.Model;
using PromptLint.Core.Pricing;
using static PromptLint.Core.Rules.StaticTextSaving;

namespace PromptLint.Core.Rules;

/// <summary>PL0003: a call or prompt file without a max output token cap, or with one above the configured ceiling.</summary>
internal static class OutputCapRule
{
    public static readonly RuleInfo Rule = new(
        RuleIds.MissingOutputCap,
        "LLM call without a max output token cap",
        RuleCategory.Cost,
        RuleSeverity.Warning,
        RuleHost.Analyzer,
        hasFix: true,
        "Output tokens cost several times input tokens, and a call without a cap can spend up to the model's maximum. Options that come from a parameter, a field or DI are not reported.",
        new[] { SettingKeys.DefaultMaxOutputTokens, SettingKeys.MaxOutputTokensCeiling },
        ("missing", "Prompt '{prompt}' is sent without a max output token cap, so one call can produce {worst}. Set {setting} (for example to {suggested})."),
        ("ceiling", "Prompt '{prompt}' caps output at {cap} tokens, above the ceiling of {ceiling} set by promptlint.max_output_tokens_ceiling. Lower {setting} to {ceiling} or less."));

    public static void Evaluate(RuleInput i)
    {
        var template = i.Template;
        var setting = template.OutputCapSetting ?? "the max output token cap";
        if (template.OutputCapStatus == OutputCapStatus.Missing)
        {
            var worst = i.Model is not { } model
                ? "an output limited only by the model"
                : $"up to {N(model.MaxOutputTokens)} output tokens ({Cost.Format(Cost.PerCall(model.MaxOutputTokens, model.Output))} at {model.Id}'s output price)";
            i.Report(Rule.MessageNamed("missing"), RuleTarget.Call, null, ("prompt", i.Measurement.Id), ("worst", worst), ("setting", setting), ("suggested", N(i.Settings.DefaultMaxOutputTokens)));
        }
        else if (template.OutputCapStatus == OutputCapStatus.Declared && i.Settings.MaxOutputTokensCeiling is { } ceiling && template.OutputCap > ceiling)
        {
            i.Report(Rule.MessageNamed("ceiling"), RuleTarget.Call, null, ("prompt", i.Measurement.Id), ("cap", N(template.OutputCap!.Value)), ("ceiling", N(ceiling)), ("setting", setting));
        }
    }
}
