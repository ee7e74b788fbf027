namespace PromptLint.Analyzers.Diagnostics;

/// <summary>The analyzer's names for the rule ids of <see cref="Core.Rules.RuleCatalog"/>, where they are defined.</summary>
public static class DiagnosticIds
{
    /// <summary>Token footprint regressed past the threshold.</summary>
    public const string FootprintRegressed = Core.Rules.RuleIds.FootprintRegressed;

    /// <summary>Prompt missing from the baseline, or baseline entry without a prompt.</summary>
    public const string BaselineMismatch = Core.Rules.RuleIds.BaselineMismatch;

    /// <summary>LLM call or prompt file without a max output token cap (or above the configured ceiling).</summary>
    public const string MissingOutputCap = Core.Rules.RuleIds.MissingOutputCap;

    /// <summary>Dynamic content before a cacheable static block.</summary>
    public const string NonCacheablePrefix = Core.Rules.RuleIds.NonCacheablePrefix;

    /// <summary>Volatile value in a system prompt or static prefix.</summary>
    public const string VolatileInStaticPrompt = Core.Rules.RuleIds.VolatileInStaticPrompt;

    /// <summary>Hole without a declared size cap in a budgeted prompt.</summary>
    public const string UnboundedHole = Core.Rules.RuleIds.UnboundedHole;

    /// <summary>Prompt over its declared token budget.</summary>
    public const string OverBudget = Core.Rules.RuleIds.OverBudget;

    /// <summary>Static footprint plus caps exceeds the model's context window.</summary>
    public const string ExceedsContextWindow = Core.Rules.RuleIds.ExceedsContextWindow;

    /// <summary>Tool schema footprint over the threshold, or a tool description larger than needed.</summary>
    public const string ToolSchemaFootprint = Core.Rules.RuleIds.ToolSchemaFootprint;

    /// <summary>PL0010: typographic or invisible characters that cost more tokens than their ASCII form.</summary>
    public const string CostlyCharacters = Core.Rules.RuleIds.CostlyCharacters;

    /// <summary>PL0011: trailing whitespace and runs of blank lines in static text.</summary>
    public const string WhitespaceBloat = Core.Rules.RuleIds.WhitespaceBloat;

    /// <summary>PL0012: pretty-printed JSON or XML in static text.</summary>
    public const string PrettyJson = Core.Rules.RuleIds.PrettyJson;

    /// <summary>PL0013: filler phrases in static text.</summary>
    public const string FillerPhrases = Core.Rules.RuleIds.FillerPhrases;

    /// <summary>PL0014: UUIDs, hex and base64 blobs in static text.</summary>
    public const string DataBlobs = Core.Rules.RuleIds.DataBlobs;

    /// <summary>PL0015: the same paragraph or instruction more than once in a prompt.</summary>
    public const string RepeatedBlocks = Core.Rules.RuleIds.RepeatedBlocks;

    /// <summary>PL0016: long numbers in static text.</summary>
    public const string LongNumbers = Core.Rules.RuleIds.LongNumbers;

    /// <summary>PL0017: tool schemas that spend tokens on ignored keywords and redundant descriptions.</summary>
    public const string VerboseToolSchema = Core.Rules.RuleIds.VerboseToolSchema;

    /// <summary>PL0018: row-oriented JSON arrays in static text.</summary>
    public const string RowOrientedJson = Core.Rules.RuleIds.RowOrientedJson;

    /// <summary>PL0019: an instruction contradicted later in the same prompt.</summary>
    public const string DeadInstructions = Core.Rules.RuleIds.DeadInstructions;

    /// <summary>PL0020: prompt measured for one tokenizer family, sent to (or baselined with) another.</summary>
    public const string EncoderMismatch = Core.Rules.RuleIds.EncoderMismatch;

    /// <summary>PL0021: a credential in a prompt's static text.</summary>
    public const string SecretInPrompt = Core.Rules.RuleIds.SecretInPrompt;

    /// <summary>Baseline unreadable.</summary>
    public const string BaselineUnreadable = Core.Rules.RuleIds.BaselineUnreadable;

    /// <summary>Malformed prompt file.</summary>
    public const string MalformedPromptFile = Core.Rules.RuleIds.MalformedPromptFile;

    /// <summary>Unknown model.</summary>
    public const string UnknownModel = Core.Rules.RuleIds.UnknownModel;

    /// <summary>The MSBuild task could not write the report or the baseline (logged by the task, not the analyzer).</summary>
    public const string ReportNotWritten = Core.Rules.RuleIds.ReportNotWritten;

    /// <summary>PromptLint could not analyze a prompt or prompt file (the others are still measured).</summary>
    public const string AnalysisFailed = Core.Rules.RuleIds.AnalysisFailed;

    /// <summary>A measurement as an info diagnostic; reported only with <c>PromptLintEmitMeasurements=true</c>.</summary>
    public const string PromptMeasured = Core.Rules.RuleIds.PromptMeasured;

    /// <summary>
    /// The hand-over to the build. Never reported: its descriptor is a warning that cannot be configured away, so the
    /// compiler always runs the analyzer in command-line builds (the report and baseline need its measurements).
    /// </summary>
    public const string Handover = Core.Rules.RuleIds.Handover;
}
