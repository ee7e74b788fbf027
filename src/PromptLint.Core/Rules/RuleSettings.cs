namespace PromptLint.Core.Rules;

/// <summary>Thresholds of the cost rules (from <c>.editorconfig</c> <c>promptlint.*</c> keys).</summary>
public sealed class RuleSettings
{
    /// <summary>Cap suggested by PL0003 and its fix (<c>promptlint.default_max_output_tokens</c>).</summary>
    public int DefaultMaxOutputTokens { get; set; } = 1024;

    /// <summary>Declared caps above this are reported by PL0003 (<c>promptlint.max_output_tokens_ceiling</c>); off when null.</summary>
    public int? MaxOutputTokensCeiling { get; set; }

    /// <summary>Tool schema tokens a prompt may send (<c>promptlint.tool_schema_budget</c>).</summary>
    public int ToolSchemaBudget { get; set; } = 2000;

    /// <summary>True when the prompt's tools are a catalogue served on demand (<c>promptlint.tools_sent = on_demand</c>): no budget for the whole list.</summary>
    public bool ToolsOnDemand { get; set; }

    /// <summary>Tokens one tool description may take (<c>promptlint.tool_description_max_tokens</c>).</summary>
    public int ToolDescriptionMaxTokens { get; set; } = 200;

    /// <summary>Tokens PL0010 must save before it reports (<c>promptlint.costly_characters_min_tokens</c>).</summary>
    public int CostlyCharactersMinTokens { get; set; } = 1;

    /// <summary>Tokens PL0011 must save before it reports (<c>promptlint.whitespace_min_tokens</c>).</summary>
    public int WhitespaceMinTokens { get; set; } = 2;

    /// <summary>Tokens PL0012 must save before it reports (<c>promptlint.pretty_json_min_tokens</c>).</summary>
    public int PrettyJsonMinTokens { get; set; } = 10;

    /// <summary>Phrases PL0013 reports instead of the shipped list (<c>promptlint.filler_phrases</c>); the shipped list when null.</summary>
    public System.Collections.Generic.IReadOnlyList<string>? FillerPhrases { get; set; }

    /// <summary>
    /// Hole names PL0004 reads as fixed per deployment or agent, so the provider's cache still holds the text after them
    /// (<c>promptlint.stable_holes</c>); <see cref="CacheablePrefixRule.DefaultStableHoles"/> when null.
    /// </summary>
    public System.Collections.Generic.IReadOnlyList<string>? StableHoles { get; set; }

    /// <summary>Tokens the blobs must cost before PL0014 reports (<c>promptlint.data_blob_min_tokens</c>).</summary>
    public int DataBlobMinTokens { get; set; } = 10;

    /// <summary>Tokens a repeated block must have before PL0015 reports it (<c>promptlint.repeated_block_min_tokens</c>).</summary>
    public int RepeatedBlockMinTokens { get; set; } = 12;

    /// <summary>Digits a number must have before PL0016 counts it (<c>promptlint.long_number_min_digits</c>).</summary>
    public int LongNumberMinDigits { get; set; } = 10;

    /// <summary>Tokens the long numbers must cost before PL0016 reports (<c>promptlint.long_number_min_tokens</c>).</summary>
    public int LongNumberMinTokens { get; set; } = 8;

    /// <summary>Tokens a tool's schema must waste before PL0017 reports it (<c>promptlint.tool_schema_waste_min_tokens</c>).</summary>
    public int ToolSchemaWasteMinTokens { get; set; } = 10;

    /// <summary>
    /// Tokens one property description may take before PL0017 lists it (<c>promptlint.tool_property_description_max_tokens</c>);
    /// off when null, the default: a long description usually carries what the model needs (search syntax, the methods of
    /// a consolidated tool), which PromptLint cannot tell from padding.
    /// </summary>
    public int? ToolPropertyDescriptionMaxTokens { get; set; }

    /// <summary>Tokens the table form must save before PL0018 reports (<c>promptlint.table_form_min_tokens</c>).</summary>
    public int TableFormMinTokens { get; set; } = 20;

    /// <summary>Tokens a contradicted instruction must have before PL0019 reports it (<c>promptlint.dead_instruction_min_tokens</c>).</summary>
    public int DeadInstructionMinTokens { get; set; } = 1;

    /// <summary>Token budget for prompts that declare none themselves (<c>promptlint.budget</c>); off when null.</summary>
    public int? Budget { get; set; }
}
