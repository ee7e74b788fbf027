namespace PromptLint.Core.Rules;

/// <summary>
/// The <c>.editorconfig</c> / <c>.globalconfig</c> keys that tune PromptLint. Each rule's catalogue entry lists the
/// keys it reads (<see cref="RuleInfo.Settings"/>), and its page under docs/rules documents them.
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

    /// <summary>PL0003: the cap its message and fix suggest.</summary>
    public const string DefaultMaxOutputTokens = "promptlint.default_max_output_tokens";

    /// <summary>PL0003: declared caps above it are reported.</summary>
    public const string MaxOutputTokensCeiling = "promptlint.max_output_tokens_ceiling";

    /// <summary>PL0006/PL0007: the budget of prompts that declare none.</summary>
    public const string Budget = "promptlint.budget";

    /// <summary>PL0009: tool schema tokens a prompt may send.</summary>
    public const string ToolSchemaBudget = "promptlint.tool_schema_budget";

    /// <summary>PL0009: <c>on_demand</c> for a tool catalogue whose tools are served when needed, not all on every call (default <c>every_call</c>).</summary>
    public const string ToolsSent = "promptlint.tools_sent";

    /// <summary>PL0009: tokens one tool description may take.</summary>
    public const string ToolDescriptionMaxTokens = "promptlint.tool_description_max_tokens";

    /// <summary>PL0010: tokens it must save before it reports.</summary>
    public const string CostlyCharactersMinTokens = "promptlint.costly_characters_min_tokens";

    /// <summary>PL0011: tokens it must save before it reports.</summary>
    public const string WhitespaceMinTokens = "promptlint.whitespace_min_tokens";

    /// <summary>PL0012: tokens it must save before it reports.</summary>
    public const string PrettyJsonMinTokens = "promptlint.pretty_json_min_tokens";

    /// <summary>PL0013: the phrases it reports instead of the shipped list.</summary>
    public const string FillerPhrases = "promptlint.filler_phrases";

    /// <summary>Hole names PL0004 takes as the same on every call of a deployment (<c>|</c>-separated; replaces the shipped list).</summary>
    public const string StableHoles = "promptlint.stable_holes";

    /// <summary>PL0014: tokens the blobs must cost before it reports.</summary>
    public const string DataBlobMinTokens = "promptlint.data_blob_min_tokens";

    /// <summary>PL0015: tokens a repeated block must have.</summary>
    public const string RepeatedBlockMinTokens = "promptlint.repeated_block_min_tokens";

    /// <summary>PL0016: digits a number must have.</summary>
    public const string LongNumberMinDigits = "promptlint.long_number_min_digits";

    /// <summary>PL0016: tokens the long numbers must cost before it reports.</summary>
    public const string LongNumberMinTokens = "promptlint.long_number_min_tokens";

    /// <summary>PL0017: tokens a tool's schema must waste before it reports.</summary>
    public const string ToolSchemaWasteMinTokens = "promptlint.tool_schema_waste_min_tokens";

    /// <summary>PL0017: tokens one property description may take.</summary>
    public const string ToolPropertyDescriptionMaxTokens = "promptlint.tool_property_description_max_tokens";

    /// <summary>PL0018: tokens the table form must save before it reports.</summary>
    public const string TableFormMinTokens = "promptlint.table_form_min_tokens";

    /// <summary>PL0019: tokens a contradicted instruction must have.</summary>
    public const string DeadInstructionMinTokens = "promptlint.dead_instruction_min_tokens";
}
