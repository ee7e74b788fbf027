using System;
using System.Collections.Generic;
using System.Linq;

namespace PromptLint.Core.Rules;

/// <summary>
/// Every PromptLint rule in one place: id, title, category, default severity, where it is reported, whether a code
/// fix exists, and its help page. The analyzer's descriptors, the MSBuild task, the CLI and the docs' rule table take
/// their ids and facts from here (a test checks docs/rules against it). Ids are permanent: add, never renumber.
/// </summary>
public static class RuleCatalog
{
    /// <summary>Where rule pages live; each id has <c>docs/rules/&lt;id&gt;.md</c>.</summary>
    public const string HelpLinkBase = "https://github.com/promptlint/promptlint/blob/main/docs/rules/";

    /// <summary>Every rule, by id.</summary>
    public static IReadOnlyList<RuleInfo> All { get; } = new[]
    {
        new RuleInfo(RuleIds.FootprintRegressed, "Prompt token footprint regressed", RuleCategory.Cost, RuleSeverity.Error, RuleHost.Analyzer, hasFix: false),
        new RuleInfo(RuleIds.BaselineMismatch, "Prompt and baseline disagree", RuleCategory.Cost, RuleSeverity.Warning, RuleHost.Analyzer, hasFix: false),
        new RuleInfo(RuleIds.MissingOutputCap, "LLM call without a max output token cap", RuleCategory.Cost, RuleSeverity.Warning, RuleHost.Analyzer, hasFix: true),
        new RuleInfo(RuleIds.NonCacheablePrefix, "Dynamic content before a cacheable static block", RuleCategory.Cost, RuleSeverity.Warning, RuleHost.Analyzer, hasFix: true),
        new RuleInfo(RuleIds.VolatileInStaticPrompt, "Volatile value in a static prompt", RuleCategory.Cost, RuleSeverity.Warning, RuleHost.Analyzer, hasFix: false),
        new RuleInfo(RuleIds.UnboundedHole, "Dynamic hole without a size cap", RuleCategory.Cost, RuleSeverity.Info, RuleHost.Analyzer, hasFix: false),
        new RuleInfo(RuleIds.OverBudget, "Prompt over its token budget", RuleCategory.Cost, RuleSeverity.Error, RuleHost.Analyzer, hasFix: false),
        new RuleInfo(RuleIds.ExceedsContextWindow, "Prompt exceeds the model's context window", RuleCategory.Cost, RuleSeverity.Error, RuleHost.Analyzer, hasFix: false),
        new RuleInfo(RuleIds.ToolSchemaFootprint, "Tool schema footprint too large", RuleCategory.Cost, RuleSeverity.Warning, RuleHost.Analyzer, hasFix: false),
        new RuleInfo(RuleIds.CostlyCharacters, "Characters that cost more tokens than their ASCII form", RuleCategory.Cost, RuleSeverity.Info, RuleHost.Analyzer, hasFix: true),
        new RuleInfo(RuleIds.WhitespaceBloat, "Whitespace that costs tokens", RuleCategory.Cost, RuleSeverity.Info, RuleHost.Analyzer, hasFix: true),
        new RuleInfo(RuleIds.PrettyJson, "Pretty-printed JSON or XML in a prompt", RuleCategory.Cost, RuleSeverity.Info, RuleHost.Analyzer, hasFix: true),
        new RuleInfo(RuleIds.FillerPhrases, "Filler phrases in a prompt", RuleCategory.Cost, RuleSeverity.Info, RuleHost.Analyzer, hasFix: false),
        new RuleInfo(RuleIds.DataBlobs, "Data blob in a prompt", RuleCategory.Cost, RuleSeverity.Info, RuleHost.Analyzer, hasFix: false),
        new RuleInfo(RuleIds.RepeatedBlocks, "Repeated block in a prompt", RuleCategory.Cost, RuleSeverity.Info, RuleHost.Analyzer, hasFix: false),
        new RuleInfo(RuleIds.LongNumbers, "Long numbers in a prompt", RuleCategory.Cost, RuleSeverity.Info, RuleHost.Analyzer, hasFix: false),
        new RuleInfo(RuleIds.VerboseToolSchema, "Verbose tool schema", RuleCategory.Cost, RuleSeverity.Info, RuleHost.Analyzer, hasFix: false),
        new RuleInfo(RuleIds.RowOrientedJson, "Row-oriented JSON in a prompt", RuleCategory.Cost, RuleSeverity.Info, RuleHost.Analyzer, hasFix: false),
        new RuleInfo(RuleIds.DeadInstructions, "Instruction contradicted later in the prompt", RuleCategory.Cost, RuleSeverity.Info, RuleHost.Analyzer, hasFix: false),
        new RuleInfo(RuleIds.EncoderMismatch, "Prompt measured with another model's tokenizer", RuleCategory.Cost, RuleSeverity.Warning, RuleHost.Analyzer, hasFix: false),
        new RuleInfo(RuleIds.BaselineUnreadable, "Baseline file cannot be read", RuleCategory.Configuration, RuleSeverity.Warning, RuleHost.Analyzer, hasFix: false),
        new RuleInfo(RuleIds.MalformedPromptFile, "Prompt file is malformed", RuleCategory.Configuration, RuleSeverity.Warning, RuleHost.Analyzer, hasFix: false),
        new RuleInfo(RuleIds.UnknownModel, "Unknown model", RuleCategory.Configuration, RuleSeverity.Warning, RuleHost.Analyzer, hasFix: false),
        new RuleInfo(RuleIds.ReportNotWritten, "Report not written", RuleCategory.None, RuleSeverity.Warning, RuleHost.Task, hasFix: false),
        new RuleInfo(RuleIds.AnalysisFailed, "PromptLint could not analyze a prompt", RuleCategory.Configuration, RuleSeverity.Warning, RuleHost.Analyzer, hasFix: false),
        new RuleInfo(RuleIds.PromptMeasured, "Prompt measured", RuleCategory.Measurement, RuleSeverity.Info, RuleHost.Analyzer, hasFix: false),
        new RuleInfo(RuleIds.Handover, "PromptLint hands its measurements to the build", RuleCategory.Measurement, RuleSeverity.Warning, RuleHost.Never, hasFix: false),
    };

    private static readonly Dictionary<string, RuleInfo> ById = All.ToDictionary(r => r.Id, StringComparer.Ordinal);

    /// <summary>The rule with this id; throws for an id the catalogue does not have.</summary>
    public static RuleInfo Get(string id) => ById.TryGetValue(id, out var rule) ? rule : throw new ArgumentException($"PromptLint has no rule '{id}'.", nameof(id));
}

/// <summary>Rule ids as constants (for <c>switch</c> and attributes); <see cref="RuleCatalog"/> has the rest of each rule.</summary>
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

/// <summary>One rule of <see cref="RuleCatalog"/>.</summary>
public sealed class RuleInfo
{
    /// <summary>Creates a catalogue entry.</summary>
    public RuleInfo(string id, string title, RuleCategory category, RuleSeverity defaultSeverity, RuleHost reportedBy, bool hasFix)
    {
        Id = id;
        Title = title;
        Category = category;
        DefaultSeverity = defaultSeverity;
        ReportedBy = reportedBy;
        HasFix = hasFix;
    }

    /// <summary>PLxxxx.</summary>
    public string Id { get; }

    /// <summary>The title, as the IDE and docs/rules show it.</summary>
    public string Title { get; }

    /// <summary>The category.</summary>
    public RuleCategory Category { get; }

    /// <summary>The severity when nothing configures it.</summary>
    public RuleSeverity DefaultSeverity { get; }

    /// <summary>Who reports it.</summary>
    public RuleHost ReportedBy { get; }

    /// <summary>True when a code fix is offered for it.</summary>
    public bool HasFix { get; }

    /// <summary>Its page under docs/rules.</summary>
    public string HelpLink => RuleCatalog.HelpLinkBase + Id + ".md";

    /// <summary>The diagnostic category name (<c>PromptLint.Cost</c>), or empty for a rule without one.</summary>
    public string CategoryName => Category == RuleCategory.None ? string.Empty : "PromptLint." + Category;
}

/// <summary>What a rule is about.</summary>
public enum RuleCategory
{
    /// <summary>No diagnostic category (a message of the MSBuild task).</summary>
    None,

    /// <summary>Token footprint and cost.</summary>
    Cost,

    /// <summary>Configuration and input problems.</summary>
    Configuration,

    /// <summary>Measurements and the hand-over.</summary>
    Measurement,
}

/// <summary>A rule's default severity.</summary>
public enum RuleSeverity
{
    /// <summary>Error.</summary>
    Error,

    /// <summary>Warning.</summary>
    Warning,

    /// <summary>Info.</summary>
    Info,
}

/// <summary>Who reports a rule.</summary>
public enum RuleHost
{
    /// <summary>The analyzer, in the IDE and the build.</summary>
    Analyzer,

    /// <summary>The MSBuild task, in the build.</summary>
    Task,

    /// <summary>Nobody: the entry only keeps the analyzer running.</summary>
    Never,
}
