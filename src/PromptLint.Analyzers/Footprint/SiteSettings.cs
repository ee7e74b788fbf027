using PromptLint.Core.Baseline;
using PromptLint.Core.Rules;

namespace PromptLint.Analyzers.Footprint;

/// <summary>The settings in force where a prompt is declared: its file's model, regression policy and rule thresholds.</summary>
internal sealed record SiteSettings
{
    /// <param name="defaultModel">Model when the template names none.</param>
    /// <param name="policy">Regression policy for the prompt.</param>
    /// <param name="rules">Cost-rule thresholds for the prompt.</param>
    public SiteSettings(string? defaultModel, RegressionPolicy policy, RuleSettings rules)
    {
        DefaultModel = defaultModel;
        Policy = policy;
        Rules = rules;
    }

    public string? DefaultModel { get; }

    public RegressionPolicy Policy { get; }

    public RuleSettings Rules { get; }
}
