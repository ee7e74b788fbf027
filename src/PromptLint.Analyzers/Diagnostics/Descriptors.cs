using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using PromptLint.Core.Rules;

namespace PromptLint.Analyzers.Diagnostics;

/// <summary>
/// All PromptLint diagnostic descriptors, made from the rule catalogue (<see cref="RuleCatalog"/>): id, title,
/// category, severity, help link, description and message come from each rule's entry in Core, so nothing here can
/// disagree with the docs, the task or the CLI. A rule with several messages (PL0003: a missing cap, a cap above the
/// ceiling) has a descriptor per message, all with the same id.
/// </summary>
public static class Descriptors
{
    /// <summary>Where rule pages live; each id has <c>docs/rules/&lt;id&gt;.md</c>.</summary>
    public const string HelpLinkBase = RuleInfo.HelpLinkBase;

    private static readonly Dictionary<RuleMessage, DiagnosticDescriptor> ByMessage = RuleCatalog.All
        .SelectMany(r => r.Messages)
        .Where(m => m.ReportedBy != RuleHost.Task)
        .ToDictionary(m => m, Create);

    /// <summary>PL0001.</summary>
    public static readonly DiagnosticDescriptor PL0001_FootprintRegressed = First(RuleIds.FootprintRegressed);

    /// <summary>PL0002, a prompt missing from the baseline; <see cref="For"/> has the orphan entry's descriptor.</summary>
    public static readonly DiagnosticDescriptor PL0002_BaselineMismatch = First(RuleIds.BaselineMismatch);

    /// <summary>PL0003.</summary>
    public static readonly DiagnosticDescriptor PL0003_MissingOutputCap = First(RuleIds.MissingOutputCap);

    /// <summary>PL0004.</summary>
    public static readonly DiagnosticDescriptor PL0004_NonCacheablePrefix = First(RuleIds.NonCacheablePrefix);

    /// <summary>PL0005.</summary>
    public static readonly DiagnosticDescriptor PL0005_VolatileInStaticPrompt = First(RuleIds.VolatileInStaticPrompt);

    /// <summary>PL0006.</summary>
    public static readonly DiagnosticDescriptor PL0006_UnboundedHole = First(RuleIds.UnboundedHole);

    /// <summary>PL0007.</summary>
    public static readonly DiagnosticDescriptor PL0007_OverBudget = First(RuleIds.OverBudget);

    /// <summary>PL0008.</summary>
    public static readonly DiagnosticDescriptor PL0008_ExceedsContextWindow = First(RuleIds.ExceedsContextWindow);

    /// <summary>PL0009.</summary>
    public static readonly DiagnosticDescriptor PL0009_ToolSchemaFootprint = First(RuleIds.ToolSchemaFootprint);

    /// <summary>PL0010.</summary>
    public static readonly DiagnosticDescriptor PL0010_CostlyCharacters = First(RuleIds.CostlyCharacters);

    /// <summary>PL0011.</summary>
    public static readonly DiagnosticDescriptor PL0011_WhitespaceBloat = First(RuleIds.WhitespaceBloat);

    /// <summary>PL0012.</summary>
    public static readonly DiagnosticDescriptor PL0012_PrettyJson = First(RuleIds.PrettyJson);

    /// <summary>PL0013.</summary>
    public static readonly DiagnosticDescriptor PL0013_FillerPhrases = First(RuleIds.FillerPhrases);

    /// <summary>PL0014.</summary>
    public static readonly DiagnosticDescriptor PL0014_DataBlobs = First(RuleIds.DataBlobs);

    /// <summary>PL0015.</summary>
    public static readonly DiagnosticDescriptor PL0015_RepeatedBlocks = First(RuleIds.RepeatedBlocks);

    /// <summary>PL0016.</summary>
    public static readonly DiagnosticDescriptor PL0016_LongNumbers = First(RuleIds.LongNumbers);

    /// <summary>PL0017.</summary>
    public static readonly DiagnosticDescriptor PL0017_VerboseToolSchema = First(RuleIds.VerboseToolSchema);

    /// <summary>PL0018.</summary>
    public static readonly DiagnosticDescriptor PL0018_RowOrientedJson = First(RuleIds.RowOrientedJson);

    /// <summary>PL0019.</summary>
    public static readonly DiagnosticDescriptor PL0019_DeadInstructions = First(RuleIds.DeadInstructions);

    /// <summary>PL0020.</summary>
    public static readonly DiagnosticDescriptor PL0020_EncoderMismatch = First(RuleIds.EncoderMismatch);

    /// <summary>PL0021.</summary>
    public static readonly DiagnosticDescriptor PL0021_SecretInPrompt = First(RuleIds.SecretInPrompt);

    /// <summary>PL0100.</summary>
    public static readonly DiagnosticDescriptor PL0100_BaselineUnreadable = First(RuleIds.BaselineUnreadable);

    /// <summary>PL0101.</summary>
    public static readonly DiagnosticDescriptor PL0101_MalformedPromptFile = First(RuleIds.MalformedPromptFile);

    /// <summary>PL0102.</summary>
    public static readonly DiagnosticDescriptor PL0102_UnknownModel = First(RuleIds.UnknownModel);

    /// <summary>PL0104.</summary>
    public static readonly DiagnosticDescriptor PL0104_AnalysisFailed = First(RuleIds.AnalysisFailed);

    /// <summary>PL9000: a measurement, reported only when <c>PromptLintEmitMeasurements</c> is true.</summary>
    public static readonly DiagnosticDescriptor PL9000_PromptMeasured = First(RuleIds.PromptMeasured);

    /// <summary>PL9001: never reported; keeps the analyzer running in command-line builds for the hand-over.</summary>
    public static readonly DiagnosticDescriptor PL9001_Handover = First(RuleIds.Handover);

    /// <summary>Every descriptor the analyzer can report, a rule's messages each with their own.</summary>
    public static readonly ImmutableArray<DiagnosticDescriptor> All = RuleCatalog.All
        .SelectMany(r => r.Messages)
        .Where(m => m.ReportedBy != RuleHost.Task)
        .Select(For)
        .ToImmutableArray();

    /// <summary>
    /// A diagnostic of the rule's first message, its arguments named
    /// as in the catalogue's template: a wrong or missing name throws instead of shifting the message's numbers.
    /// </summary>
    public static Diagnostic Create(string id, Location location, ImmutableDictionary<string, string?>? properties, params (string Name, string Value)[] arguments)
        => Create(RuleCatalog.Get(id).Message, location, null, properties, arguments);

    /// <summary>A diagnostic of <paramref name="message"/>, at <paramref name="severity"/> when given.</summary>
    public static Diagnostic Create(RuleMessage message, Location location, DiagnosticSeverity? severity, ImmutableDictionary<string, string?>? properties, params (string Name, string Value)[] arguments)
    {
        var descriptor = For(message);
        var values = message.Values(arguments).ToArray<object>();
        return Diagnostic.Create(descriptor, location, severity ?? descriptor.DefaultSeverity, additionalLocations: null, properties, values);
    }

    /// <summary>The descriptor of one message of a rule.</summary>
    public static DiagnosticDescriptor For(RuleMessage message) => ByMessage[message];

    private static DiagnosticDescriptor First(string id) => For(RuleCatalog.Get(id).Message);

    // A measurement and the hand-over's keep-alive entry cannot be configured away: the hand-over needs the analyzer to run.
    private static DiagnosticDescriptor Create(RuleMessage message)
    {
        var rule = RuleCatalog.Get(message.RuleId);
        var severity = rule.DefaultSeverity switch
        {
            RuleSeverity.Error => DiagnosticSeverity.Error,
            RuleSeverity.Warning => DiagnosticSeverity.Warning,
            _ => DiagnosticSeverity.Info,
        };
        var tags = rule.Category == RuleCategory.Measurement ? new[] { WellKnownDiagnosticTags.NotConfigurable } : new string[0];
        return new(rule.Id, rule.Title, message.Format, rule.CategoryName, severity, isEnabledByDefault: true, description: rule.Description, helpLinkUri: rule.HelpLink, customTags: tags);
    }
}
