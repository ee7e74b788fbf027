namespace PromptLint.Contracts.Rules;

/// <summary>
/// The <c>.editorconfig</c> / <c>.globalconfig</c> keys that more than rules read: the model, the regression policy and
/// the file limits. A key only a rule reads is declared in that rule's file (<c>RuleSetting</c> in Core). Each rule's
/// catalogue entry lists the keys it reads (<see cref="RuleInfo.Settings"/>), and its page under docs/rules documents them.
/// </summary>
public static class SettingKeys
{
    /// <summary>The model prompts are measured for.</summary>
    public const string Model = "promptlint.model";

    /// <summary>PL0101: the longest prompt file read, in characters.</summary>
    public const string MaxPromptFileChars = "promptlint.max_prompt_file_chars";

    /// <summary>PL0101: the deepest YAML or JSON nesting read in a prompt file.</summary>
    public const string MaxNestingDepth = "promptlint.max_nesting_depth";

    /// <summary>PL0001: growth in percent that fails the gate.</summary>
    public const string RegressionThreshold = "promptlint.regression_threshold";

    /// <summary>PL0001: growth in tokens that fails the gate.</summary>
    public const string RegressionMinTokens = "promptlint.regression_min_tokens";
}
