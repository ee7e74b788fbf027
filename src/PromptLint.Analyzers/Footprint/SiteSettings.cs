using Microsoft.CodeAnalysis.Diagnostics;
using PromptLint.Analyzers.Settings;
using PromptLint.Core.Baseline;
using PromptLint.Core.Rules;

namespace PromptLint.Analyzers.Footprint;

/// <summary>The settings in force where a prompt is declared: its file's model, regression policy and rule thresholds.</summary>
/// <param name="defaultModel">Model when the template names none.</param>
/// <param name="policy">Regression policy for the prompt.</param>
/// <param name="rules">Cost-rule thresholds for the prompt.</param>
internal sealed class SiteSettings(string? defaultModel, RegressionPolicy policy, RuleSettings rules)
{
    public string? DefaultModel { get; } = defaultModel;

    public RegressionPolicy Policy { get; } = policy;

    public RuleSettings Rules { get; } = rules;

    /// <summary>The settings for a file with these options (a source file's, a prompt file's, or the global ones).</summary>
    public static SiteSettings For(PromptLintSettings settings, AnalyzerConfigOptions fileOptions)
    {
        var (model, policy) = settings.ForFile(fileOptions);
        return new SiteSettings(model, policy, settings.RulesFor(fileOptions));
    }
}
