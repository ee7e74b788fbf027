using System;
using System.Globalization;
using System.Linq;
using PromptLint.Contracts.Baseline;
using PromptLint.Contracts.Rules;
using PromptLint.Core.Engine;
using PromptLint.Core.FrontEnds;

namespace PromptLint.Core.Checking;

/// <summary>
/// Reads PromptLint's <c>promptlint.*</c> settings for one file from whatever holds them: the analyzer passes the
/// compiler's <c>AnalyzerConfigOptions</c>, the command line its own <c>.editorconfig</c> reading. One parser, so a
/// key means the same in the build, the IDE and <c>promptlint check</c>.
/// </summary>
public static class PromptLintOptions
{
    /// <summary>The model, regression policy, rule thresholds and file limits for one file.</summary>
    /// <param name="raw">A key's value as configured (possibly empty), or null when the key is not set.</param>
    /// <param name="projectModel">The project's model (<c>PromptLintModel</c>), when set.</param>
    /// <param name="projectPolicy">The project's regression policy.</param>
    public static PromptFileOptions ForFile(Func<string, string?> raw, string? projectModel, RegressionPolicy projectPolicy)
    {
        var (model, policy) = ModelAndPolicy(raw, projectModel, projectPolicy);
        return new PromptFileOptions(model, policy, Rules(raw), Limits(raw));
    }

    /// <summary>A file's model and regression policy: <c>.editorconfig</c> keys for its folder win over project properties.</summary>
    public static (string? Model, RegressionPolicy Policy) ModelAndPolicy(Func<string, string?> raw, string? projectModel, RegressionPolicy projectPolicy)
    {
        var model = Get(raw, SettingKeys.Model) ?? projectModel;
        var threshold = ParseDouble(Get(raw, SettingKeys.RegressionThreshold));
        var minTokens = ParseInt(Get(raw, SettingKeys.RegressionMinTokens));
        var policy = threshold is null && minTokens is null
            ? projectPolicy
            : new RegressionPolicy(threshold ?? projectPolicy.ThresholdPercent, minTokens ?? projectPolicy.MinTokens);
        return (model, policy);
    }

    /// <summary>
    /// Every rule's settings for one file (<c>.editorconfig</c> keys, or the global config): each rule declares its keys,
    /// defaults and parsers (<see cref="RuleSetting"/>), so this reads whatever the rules declare.
    /// </summary>
    public static RuleSettings Rules(Func<string, string?> raw)
    {
        var settings = new RuleSettings();
        foreach (var setting in RuleCatalog.Settings)
        {
            if (raw(setting.Key) is { } value)
            {
                settings.SetParsed(setting, setting.Parse(value));
            }
        }

        return settings;
    }

    /// <summary>How large and how deep a prompt file may be (<c>.editorconfig</c> keys, or the global config).</summary>
    public static PromptFileLimits Limits(Func<string, string?> raw)
    {
        var characters = ParseInt(Get(raw, SettingKeys.MaxPromptFileChars));
        var depth = ParseInt(Get(raw, SettingKeys.MaxNestingDepth));
        return characters is null && depth is null
            ? PromptFileLimits.Default
            : new PromptFileLimits(characters ?? 0, depth ?? 0);
    }

    /// <summary>A key's trimmed value; null when it is not set or blank.</summary>
    public static string? Get(Func<string, string?> raw, string key)
        => raw(key) is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    /// <summary>A non-negative decimal, or null.</summary>
    public static double? ParseDouble(string? value)
        => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && parsed >= 0 ? parsed : null;

    /// <summary>A non-negative whole number, or null.</summary>
    public static int? ParseInt(string? value)
        => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) && parsed >= 0 ? parsed : null;
}

/// <summary>The settings in force for one file.</summary>
public sealed class PromptFileOptions
{
    /// <summary>Creates the settings.</summary>
    public PromptFileOptions(string? model, RegressionPolicy policy, RuleSettings rules, PromptFileLimits limits)
    {
        Model = model;
        Policy = policy;
        Rules = rules;
        Limits = limits;
    }

    /// <summary>The model for prompts that name none; null means the registry's default.</summary>
    public string? Model { get; }

    /// <summary>The regression policy.</summary>
    public RegressionPolicy Policy { get; }

    /// <summary>The rules' thresholds.</summary>
    public RuleSettings Rules { get; }

    /// <summary>The file size and nesting limits.</summary>
    public PromptFileLimits Limits { get; }
}
