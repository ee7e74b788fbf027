using System;
using System.Globalization;
using System.Linq;
using PromptLint.Core.Baseline;
using PromptLint.Core.FrontEnds;
using PromptLint.Core.Rules;

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

    /// <summary>Cost-rule thresholds for one file (<c>.editorconfig</c> keys, or the global config).</summary>
    public static RuleSettings Rules(Func<string, string?> raw)
    {
        var settings = new RuleSettings();
        if (ParseInt(Get(raw, SettingKeys.DefaultMaxOutputTokens)) is > 0 and var cap)
        {
            settings.DefaultMaxOutputTokens = cap;
        }

        settings.MaxOutputTokensCeiling = ParseInt(Get(raw, SettingKeys.MaxOutputTokensCeiling)) is > 0 and var ceiling ? ceiling : null;
        settings.ToolSchemaBudget = ParseInt(Get(raw, SettingKeys.ToolSchemaBudget)) ?? settings.ToolSchemaBudget;
        settings.ToolDescriptionMaxTokens = ParseInt(Get(raw, SettingKeys.ToolDescriptionMaxTokens)) ?? settings.ToolDescriptionMaxTokens;
        settings.ToolsOnDemand = string.Equals(Get(raw, SettingKeys.ToolsSent)?.Trim(), "on_demand", StringComparison.OrdinalIgnoreCase);
        settings.Budget = ParseInt(Get(raw, SettingKeys.Budget)) is > 0 and var budget ? budget : null;
        settings.CostlyCharactersMinTokens = ParseInt(Get(raw, SettingKeys.CostlyCharactersMinTokens)) is > 0 and var minimum ? minimum : settings.CostlyCharactersMinTokens;
        settings.WhitespaceMinTokens = ParseInt(Get(raw, SettingKeys.WhitespaceMinTokens)) is > 0 and var whitespace ? whitespace : settings.WhitespaceMinTokens;
        settings.PrettyJsonMinTokens = ParseInt(Get(raw, SettingKeys.PrettyJsonMinTokens)) is > 0 and var json ? json : settings.PrettyJsonMinTokens;
        settings.DataBlobMinTokens = ParseInt(Get(raw, SettingKeys.DataBlobMinTokens)) is > 0 and var blob ? blob : settings.DataBlobMinTokens;
        settings.RepeatedBlockMinTokens = ParseInt(Get(raw, SettingKeys.RepeatedBlockMinTokens)) is > 0 and var repeated ? repeated : settings.RepeatedBlockMinTokens;
        settings.LongNumberMinDigits = ParseInt(Get(raw, SettingKeys.LongNumberMinDigits)) is > 0 and var digits ? digits : settings.LongNumberMinDigits;
        settings.LongNumberMinTokens = ParseInt(Get(raw, SettingKeys.LongNumberMinTokens)) is > 0 and var numberTokens ? numberTokens : settings.LongNumberMinTokens;
        settings.ToolSchemaWasteMinTokens = ParseInt(Get(raw, SettingKeys.ToolSchemaWasteMinTokens)) is > 0 and var waste ? waste : settings.ToolSchemaWasteMinTokens;
        settings.ToolPropertyDescriptionMaxTokens = ParseInt(Get(raw, SettingKeys.ToolPropertyDescriptionMaxTokens)) is > 0 and var property ? property : settings.ToolPropertyDescriptionMaxTokens;
        // Off by default; a whole number turns the long-description check on (anything else leaves it off).
        settings.TableFormMinTokens = ParseInt(Get(raw, SettingKeys.TableFormMinTokens)) is > 0 and var table ? table : settings.TableFormMinTokens;
        settings.DeadInstructionMinTokens = ParseInt(Get(raw, SettingKeys.DeadInstructionMinTokens)) is > 0 and var dead ? dead : settings.DeadInstructionMinTokens;
        if (raw(SettingKeys.FillerPhrases) is { } phrases)
        {
            // Replaces the shipped list; an empty value reports nothing. '|' separates: the compiler reads everything
            // after a ';' or '#' in a config value as a comment, so a ';' list reaches the analyzer as its first phrase.
            // ';' still separates where a host passes it through.
            settings.FillerPhrases = phrases.Split('|', ';').Select(p => p.Trim()).Where(p => p.Length > 0).ToArray();
        }

        if (raw(SettingKeys.StableHoles) is { } stable)
        {
            // Replaces the shipped list; an empty value makes every hole dynamic.
            settings.StableHoles = stable.Split('|', ';', ',').Select(p => p.Trim()).Where(p => p.Length > 0).ToArray();
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
