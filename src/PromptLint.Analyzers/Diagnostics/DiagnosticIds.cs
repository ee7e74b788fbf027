namespace PromptLint.Analyzers.Diagnostics;

/// <summary>Every PromptLint rule id, in one place. Ids are permanent: add, never renumber.</summary>
public static class DiagnosticIds
{
    /// <summary>Token footprint regressed past the threshold.</summary>
    public const string FootprintRegressed = "PL0001";

    /// <summary>Prompt missing from the baseline, or baseline entry without a prompt.</summary>
    public const string BaselineMismatch = "PL0002";

    /// <summary>LLM call or prompt file without a max output token cap (or above the configured ceiling).</summary>
    public const string MissingOutputCap = Core.Rules.CostRules.MissingOutputCap;

    /// <summary>Dynamic content before a cacheable static block.</summary>
    public const string NonCacheablePrefix = Core.Rules.CostRules.NonCacheablePrefix;

    /// <summary>Volatile value in a system prompt or static prefix.</summary>
    public const string VolatileInStaticPrompt = Core.Rules.CostRules.VolatileInStaticPrompt;

    /// <summary>Hole without a declared size cap in a budgeted prompt.</summary>
    public const string UnboundedHole = Core.Rules.CostRules.UnboundedHole;

    /// <summary>Prompt over its declared token budget.</summary>
    public const string OverBudget = Core.Rules.CostRules.OverBudget;

    /// <summary>Static footprint plus caps exceeds the model's context window.</summary>
    public const string ExceedsContextWindow = Core.Rules.CostRules.ExceedsContextWindow;

    /// <summary>Tool schema footprint over the threshold, or a tool description larger than needed.</summary>
    public const string ToolSchemaFootprint = Core.Rules.CostRules.ToolSchemaFootprint;

    /// <summary>PL0010: typographic or invisible characters that cost more tokens than their ASCII form.</summary>
    public const string CostlyCharacters = Core.Rules.CostRules.CostlyCharacters;

    /// <summary>PL0011: trailing whitespace and runs of blank lines in static text.</summary>
    public const string WhitespaceBloat = Core.Rules.CostRules.WhitespaceBloat;

    /// <summary>PL0012: pretty-printed JSON or XML in static text.</summary>
    public const string PrettyJson = Core.Rules.CostRules.PrettyJson;

    /// <summary>PL0013: filler phrases in static text.</summary>
    public const string FillerPhrases = Core.Rules.CostRules.FillerPhrases;

    /// <summary>PL0014: UUIDs, hex and base64 blobs in static text.</summary>
    public const string DataBlobs = Core.Rules.CostRules.DataBlobs;

    /// <summary>PL0015: the same paragraph or instruction more than once in a prompt.</summary>
    public const string RepeatedBlocks = Core.Rules.CostRules.RepeatedBlocks;

    /// <summary>PL0016: long numbers in static text.</summary>
    public const string LongNumbers = Core.Rules.CostRules.LongNumbers;

    /// <summary>PL0017: tool schemas that spend tokens on ignored keywords and redundant descriptions.</summary>
    public const string VerboseToolSchema = Core.Rules.CostRules.VerboseToolSchema;

    /// <summary>PL0018: row-oriented JSON arrays in static text.</summary>
    public const string RowOrientedJson = Core.Rules.CostRules.RowOrientedJson;

    /// <summary>PL0019: an instruction contradicted later in the same prompt.</summary>
    public const string DeadInstructions = Core.Rules.CostRules.DeadInstructions;

    /// <summary>PL0020: prompt measured for one tokenizer family, sent to (or baselined with) another.</summary>
    public const string EncoderMismatch = Core.Rules.CostRules.EncoderMismatch;

    /// <summary>Baseline unreadable.</summary>
    public const string BaselineUnreadable = "PL0100";

    /// <summary>Malformed prompt file.</summary>
    public const string MalformedPromptFile = "PL0101";

    /// <summary>Unknown model.</summary>
    public const string UnknownModel = "PL0102";

    /// <summary>The MSBuild task could not write the report or the baseline (logged by the task, not the analyzer).</summary>
    public const string ReportNotWritten = "PL0103";

    /// <summary>PromptLint could not analyze a prompt or prompt file (the others are still measured).</summary>
    public const string AnalysisFailed = "PL0104";

    /// <summary>A measurement as an info diagnostic; reported only with <c>PromptLintEmitMeasurements=true</c>.</summary>
    public const string PromptMeasured = "PL9000";

    /// <summary>
    /// The hand-over to the build. Never reported: its descriptor is a warning that cannot be configured away, so the
    /// compiler always runs the analyzer in command-line builds (the report and baseline need its measurements).
    /// </summary>
    public const string Handover = "PL9001";
}
