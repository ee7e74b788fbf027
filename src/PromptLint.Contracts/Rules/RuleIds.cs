namespace PromptLint.Core.Rules;

/// <summary>Rule ids as constants (for <c>switch</c> and attributes); <c>RuleCatalog</c> in PromptLint.Core has the rest of each rule.</summary>
public static class RuleIds
{
    /// <summary>PL0001.</summary>
    public const string FootprintRegressed = "PL0001";

    /// <summary>PL0002.</summary>
    public const string BaselineMismatch = "PL0002";

    /// <summary>PL0003.</summary>
    public const string MissingOutputCap = "PL0003";

    /// <summary>PL0004.</summary>
    public const string NonCacheablePrefix = "PL0004";

    /// <summary>PL0005.</summary>
    public const string VolatileInStaticPrompt = "PL0005";

    /// <summary>PL0006.</summary>
    public const string UnboundedHole = "PL0006";

    /// <summary>PL0007.</summary>
    public const string OverBudget = "PL0007";

    /// <summary>PL0008.</summary>
    public const string ExceedsContextWindow = "PL0008";

    /// <summary>PL0009.</summary>
    public const string ToolSchemaFootprint = "PL0009";

    /// <summary>PL0010.</summary>
    public const string CostlyCharacters = "PL0010";

    /// <summary>PL0011.</summary>
    public const string WhitespaceBloat = "PL0011";

    /// <summary>PL0012.</summary>
    public const string PrettyJson = "PL0012";

    /// <summary>PL0013.</summary>
    public const string FillerPhrases = "PL0013";

    /// <summary>PL0014.</summary>
    public const string DataBlobs = "PL0014";

    /// <summary>PL0015.</summary>
    public const string RepeatedBlocks = "PL0015";

    /// <summary>PL0016.</summary>
    public const string LongNumbers = "PL0016";

    /// <summary>PL0017.</summary>
    public const string VerboseToolSchema = "PL0017";

    /// <summary>PL0018.</summary>
    public const string RowOrientedJson = "PL0018";

    /// <summary>PL0019.</summary>
    public const string DeadInstructions = "PL0019";

    /// <summary>PL0020.</summary>
    public const string EncoderMismatch = "PL0020";

    /// <summary>PL0021.</summary>
    public const string SecretInPrompt = "PL0021";

    /// <summary>PL0100.</summary>
    public const string BaselineUnreadable = "PL0100";

    /// <summary>PL0101.</summary>
    public const string MalformedPromptFile = "PL0101";

    /// <summary>PL0102.</summary>
    public const string UnknownModel = "PL0102";

    /// <summary>PL0103.</summary>
    public const string ReportNotWritten = "PL0103";

    /// <summary>PL0104.</summary>
    public const string AnalysisFailed = "PL0104";

    /// <summary>PL9000.</summary>
    public const string PromptMeasured = "PL9000";

    /// <summary>PL9001.</summary>
    public const string Handover = "PL9001";
}
