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

    /// <summary>Every rule, by id. Each rule's entry lives in its own file, named by id (<c>PL0004.CacheablePrefix.cs</c>).</summary>
    public static IReadOnlyList<RuleInfo> All { get; } = new[]
    {
        FootprintRegressedRule.Rule,
        BaselineMismatchRule.Rule,
    }
    .Concat(CostRules.Entries)
    .Concat(new[]
    {
        BaselineUnreadableRule.Rule,
        MalformedPromptFileRule.Rule,
        UnknownModelRule.Rule,
        ReportNotWrittenRule.Rule,
        AnalysisFailedRule.Rule,
        PromptMeasuredRule.Rule,
        HandoverRule.Rule,
    })
    .ToArray();

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
