namespace PromptLint.Contracts.Rules;

/// <summary>
/// The ids of today's rules as constants (for <c>switch</c> and attributes); <c>RuleCatalog</c> in PromptLint.Core has
/// the rest of each rule. A new rule writes its id in its own file; a constant here is optional.
/// </summary>
public static class RuleIds
{
    /// <summary>PL0001: prompt token footprint regressed.</summary>
    public const string FootprintRegressed = "PL0001";

    /// <summary>PL0002: prompt and baseline disagree.</summary>
    public const string BaselineMismatch = "PL0002";

    /// <summary>PL0003: LLM call without a max output token cap.</summary>
    public const string MissingOutputCap = "PL0003";

    /// <summary>PL0004: dynamic content before a cacheable static block.</summary>
    public const string NonCacheablePrefix = "PL0004";

    /// <summary>PL0005: volatile value in a static prompt.</summary>
    public const string VolatileInStaticPrompt = "PL0005";

    /// <summary>PL0006: dynamic hole without a size cap.</summary>
    public const string UnboundedHole = "PL0006";

    /// <summary>PL0007: prompt over its token budget.</summary>
    public const string OverBudget = "PL0007";

    /// <summary>PL0008: prompt exceeds the model's context window.</summary>
    public const string ExceedsContextWindow = "PL0008";

    /// <summary>PL0009: tool schema footprint too large.</summary>
    public const string ToolSchemaFootprint = "PL0009";

    /// <summary>PL0010: characters that cost more tokens than their ASCII form.</summary>
    public const string CostlyCharacters = "PL0010";

    /// <summary>PL0011: whitespace that costs tokens.</summary>
    public const string WhitespaceBloat = "PL0011";

    /// <summary>PL0012: pretty-printed JSON, XML or HTML in a prompt.</summary>
    public const string PrettyJson = "PL0012";

    /// <summary>PL0013: filler phrases in a prompt.</summary>
    public const string FillerPhrases = "PL0013";

    /// <summary>PL0014: data blob in a prompt.</summary>
    public const string DataBlobs = "PL0014";

    /// <summary>PL0015: repeated block in a prompt.</summary>
    public const string RepeatedBlocks = "PL0015";

    /// <summary>PL0016: long numbers in a prompt.</summary>
    public const string LongNumbers = "PL0016";

    /// <summary>PL0017: verbose tool schema.</summary>
    public const string VerboseToolSchema = "PL0017";

    /// <summary>PL0018: row-oriented JSON in a prompt.</summary>
    public const string RowOrientedJson = "PL0018";

    /// <summary>PL0019: instruction contradicted later in the prompt.</summary>
    public const string DeadInstructions = "PL0019";

    /// <summary>PL0020: prompt measured with another model's tokenizer.</summary>
    public const string EncoderMismatch = "PL0020";

    /// <summary>PL0021: secret in a prompt.</summary>
    public const string SecretInPrompt = "PL0021";

    /// <summary>PL0022: a prompt's cost per call grew past the threshold (model, tokens, output cap or tools).</summary>
    public const string CostRegressed = "PL0022";

    /// <summary>PL0023: the monthly cost change is over the budget (the MSBuild task reports it).</summary>
    public const string MonthlyBudget = "PL0023";

    /// <summary>PL0100: baseline file cannot be read.</summary>
    public const string BaselineUnreadable = "PL0100";

    /// <summary>PL0101: prompt file is malformed.</summary>
    public const string MalformedPromptFile = "PL0101";

    /// <summary>PL0102: unknown model.</summary>
    public const string UnknownModel = "PL0102";

    /// <summary>PL0103: report not written.</summary>
    public const string ReportNotWritten = "PL0103";

    /// <summary>PL0104: PromptLint could not analyze a prompt.</summary>
    public const string AnalysisFailed = "PL0104";

    /// <summary>PL9000: prompt measured.</summary>
    public const string PromptMeasured = "PL9000";

    /// <summary>PL9001: PromptLint hands its measurements to the build.</summary>
    public const string Handover = "PL9001";
}
