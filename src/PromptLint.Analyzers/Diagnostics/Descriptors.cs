using Microsoft.CodeAnalysis;
using PromptLint.Core.Rules;

namespace PromptLint.Analyzers.Diagnostics;

/// <summary>All PromptLint diagnostic descriptors. Messages say what is wrong, with numbers, then what to do.</summary>
public static class Descriptors
{
    /// <summary>Where rule pages live; each id has <c>docs/rules/&lt;id&gt;.md</c>.</summary>
    public const string HelpLinkBase = RuleCatalog.HelpLinkBase;


    /// <summary>PL0001.</summary>
    public static readonly DiagnosticDescriptor PL0001_FootprintRegressed = Create(
        DiagnosticIds.FootprintRegressed,
        "Prompt '{0}' grew from {1} to {2} tokens ({3}, limit +{4}% and {5} tokens). Trim it, or accept the growth with 'dotnet build -p:PromptLintUpdateBaseline=true' and commit the baseline.",
        "The prompt's static token count grew past the regression threshold against the committed baseline. Every call pays for those tokens.");

    /// <summary>PL0002. The message is composed by the analyzer because it covers two cases (new prompt, orphan entry).</summary>
    public static readonly DiagnosticDescriptor PL0002_BaselineMismatch = Create(
        DiagnosticIds.BaselineMismatch,
        "{0}",
        "A prompt has no baseline entry (its growth is not gated), or a baseline entry names a prompt that no longer exists.");

    /// <summary>PL0003. Cost-rule messages are composed by Core's CostRules (they carry tokens and money).</summary>
    public static readonly DiagnosticDescriptor PL0003_MissingOutputCap = Create(
        DiagnosticIds.MissingOutputCap,
        "{0}",
        "Output tokens cost several times input tokens, and a call without a cap can spend up to the model's maximum. Options that come from a parameter, a field or DI are not reported.");

    /// <summary>PL0004.</summary>
    public static readonly DiagnosticDescriptor PL0004_NonCacheablePrefix = Create(
        DiagnosticIds.NonCacheablePrefix,
        "{0}",
        "Providers cache a prompt's static prefix; dynamic content placed before a large static block keeps that block from ever being cached.");

    /// <summary>PL0005.</summary>
    public static readonly DiagnosticDescriptor PL0005_VolatileInStaticPrompt = Create(
        DiagnosticIds.VolatileInStaticPrompt,
        "{0}",
        "A timestamp, GUID, random value or trace id in the system prompt or the static prefix changes every call and defeats prompt caching.");

    /// <summary>PL0006.</summary>
    public static readonly DiagnosticDescriptor PL0006_UnboundedHole = Create(
        DiagnosticIds.UnboundedHole,
        "{0}",
        "A value inserted into a budgeted prompt without a cap makes the budget impossible to hold.");

    /// <summary>PL0007.</summary>
    public static readonly DiagnosticDescriptor PL0007_OverBudget = Create(
        DiagnosticIds.OverBudget,
        "{0}",
        "Static tokens plus the caps of its holes exceed the prompt's declared budget.");

    /// <summary>PL0008.</summary>
    public static readonly DiagnosticDescriptor PL0008_ExceedsContextWindow = Create(
        DiagnosticIds.ExceedsContextWindow,
        "{0}",
        "Static tokens, hole caps and the output cap together do not fit the model's context window.");

    /// <summary>PL0009.</summary>
    public static readonly DiagnosticDescriptor PL0009_ToolSchemaFootprint = Create(
        DiagnosticIds.ToolSchemaFootprint,
        "{0}",
        "Tool definitions are sent with every call; their schemas and descriptions count as input tokens each time.");

    /// <summary>PL0010.</summary>
    public static readonly DiagnosticDescriptor PL0010_CostlyCharacters = Create(
        DiagnosticIds.CostlyCharacters,
        "{0}",
        "Curly quotes, special dashes and spaces, zero-width characters and byte order marks pasted from word processors often split into more tokens than plain ASCII, on every call. Text inside holes is not judged.");

    /// <summary>PL0011.</summary>
    public static readonly DiagnosticDescriptor PL0011_WhitespaceBloat = Create(
        DiagnosticIds.WhitespaceBloat,
        "{0}",
        "Spaces and tabs at line ends, runs of blank lines and the alignment padding of Markdown tables are sent and billed with every call, and tell the model nothing. Indentation and other spaces inside lines are not judged.");

    /// <summary>PL0012.</summary>
    public static readonly DiagnosticDescriptor PL0012_PrettyJson = Create(
        DiagnosticIds.PrettyJson,
        "{0}",
        "Indentation and line breaks of a JSON or XML example are sent and billed with every call; the model reads the minified form just as well.");

    /// <summary>PL0013.</summary>
    public static readonly DiagnosticDescriptor PL0013_FillerPhrases = Create(
        DiagnosticIds.FillerPhrases,
        "{0}",
        "Phrases such as 'please note that' or 'as an AI language model' carry no instruction and are billed with every call. The list is set by promptlint.filler_phrases.");

    /// <summary>PL0014.</summary>
    public static readonly DiagnosticDescriptor PL0014_DataBlobs = Create(
        DiagnosticIds.DataBlobs,
        "{0}",
        "UUIDs, long hex strings and base64 runs split into many tokens and are usually ids, data or secrets that belong in a hole or in configuration, not in instructions sent with every call.");

    /// <summary>PL0015.</summary>
    public static readonly DiagnosticDescriptor PL0015_RepeatedBlocks = Create(
        DiagnosticIds.RepeatedBlocks,
        "{0}",
        "A paragraph, list item or sentence that appears more than once in one prompt is billed for every copy on every call and tells the model nothing new. The minimum size is set by promptlint.repeated_block_min_tokens.");

    /// <summary>PL0016.</summary>
    public static readonly DiagnosticDescriptor PL0016_LongNumbers = Create(
        DiagnosticIds.LongNumbers,
        "{0}",
        "Tokenizers split digit runs into groups of at most three digits, so ids, account and phone numbers, timestamps and long decimals cost many tokens with every call; they usually belong in a hole, rounded, or nowhere.");

    /// <summary>PL0017.</summary>
    public static readonly DiagnosticDescriptor PL0017_VerboseToolSchema = Create(
        DiagnosticIds.VerboseToolSchema,
        "{0}",
        "Tool schemas are sent with every call; keywords the provider ignores ('default', 'examples', '$schema', 'title', 'additionalProperties' outside strict mode), descriptions that repeat a property's name or another property's, and long property descriptions cost tokens without telling the model more.");

    /// <summary>PL0018.</summary>
    public static readonly DiagnosticDescriptor PL0018_RowOrientedJson = Create(
        DiagnosticIds.RowOrientedJson,
        "{0}",
        "A JSON array of objects with the same keys repeats every key in every row; a table with the keys once in a header line says the same for fewer tokens with every call.");

    /// <summary>PL0019.</summary>
    public static readonly DiagnosticDescriptor PL0019_DeadInstructions = Create(
        DiagnosticIds.DeadInstructions,
        "{0}",
        "An instruction followed later in the same prompt by its direct negation ('Always use bullet points' … 'Never use bullet points') cannot be followed; the earlier one is billed on every call for nothing.");

    /// <summary>PL0020.</summary>
    public static readonly DiagnosticDescriptor PL0020_EncoderMismatch = Create(
        DiagnosticIds.EncoderMismatch,
        "{0}",
        "A prompt measured for a model of one tokenizer family but sent to a model of another, or compared with a baseline counted by another encoding, has a footprint, budget and cost that do not hold for the call.");

    /// <summary>The cost rules' descriptors (their messages are composed by Core's CostRules).</summary>
    public static readonly System.Collections.Immutable.ImmutableArray<DiagnosticDescriptor> CostRules = System.Collections.Immutable.ImmutableArray.Create(
        PL0003_MissingOutputCap,
        PL0004_NonCacheablePrefix,
        PL0005_VolatileInStaticPrompt,
        PL0006_UnboundedHole,
        PL0007_OverBudget,
        PL0008_ExceedsContextWindow,
        PL0009_ToolSchemaFootprint,
        PL0010_CostlyCharacters,
        PL0011_WhitespaceBloat,
        PL0012_PrettyJson,
        PL0013_FillerPhrases,
        PL0014_DataBlobs,
        PL0015_RepeatedBlocks,
        PL0016_LongNumbers,
        PL0017_VerboseToolSchema,
        PL0018_RowOrientedJson,
        PL0019_DeadInstructions,
        PL0020_EncoderMismatch);

    /// <summary>PL0100.</summary>
    public static readonly DiagnosticDescriptor PL0100_BaselineUnreadable = Create(
        DiagnosticIds.BaselineUnreadable,
        "The baseline '{0}' cannot be read: {1}. Fix it by hand, or regenerate it with 'dotnet build -p:PromptLintUpdateBaseline=true'.",
        "The committed baseline is not valid (merge-conflict markers, bad JSON, wrong schema). No regression gate runs until it is fixed; it is never overwritten silently.");

    /// <summary>PL0101.</summary>
    public static readonly DiagnosticDescriptor PL0101_MalformedPromptFile = Create(
        DiagnosticIds.MalformedPromptFile,
        "Prompt file '{0}' has a problem: {1}. Fix the file, or remove it from the PromptLintFile items.",
        "A prompt file, or a part of it, could not be read; what could not be read is not measured.");

    /// <summary>PL0102.</summary>
    public static readonly DiagnosticDescriptor PL0102_UnknownModel = Create(
        DiagnosticIds.UnknownModel,
        "Model '{0}' is not known to PromptLint, so its prompts are counted with {1} as an estimate. Name a known model where '{0}' is set (in the code or prompt file, PromptLintModel or 'promptlint.model').",
        "The model has no known tokenizer; counts are estimates and may be off.");

    /// <summary>PL0104.</summary>
    public static readonly DiagnosticDescriptor PL0104_AnalysisFailed = Create(
        DiagnosticIds.AnalysisFailed,
        "PromptLint could not analyze {0}: {1}. The other prompts are still measured; this one is missing from the report and the baseline. Please report it with the code or file that triggers it.",
        "An unexpected failure while reading, folding or checking one prompt. It is reported here instead of stopping the analysis, so the rest of the project is still measured.");

    /// <summary>PL9000: a measurement, reported only when <c>PromptLintEmitMeasurements</c> is true.</summary>
    public static readonly DiagnosticDescriptor PL9000_PromptMeasured = Create(
        DiagnosticIds.PromptMeasured,
        "Prompt '{0}' sends {1} static tokens on every call ({2} in the cacheable prefix; dynamic holes: {3}), counted with {4}.",
        "Each measured prompt as an info diagnostic, to read its count where it is declared (for example in the IDE). Off unless PromptLintEmitMeasurements is true; the build's report does not depend on it.",
        WellKnownDiagnosticTags.NotConfigurable);

    /// <summary>PL9001: never reported; keeps the analyzer running in command-line builds for the hand-over.</summary>
    public static readonly DiagnosticDescriptor PL9001_Handover = Create(
        DiagnosticIds.Handover,
        "PromptLint hands its measurements to the build.",
        "Never reported. The compiler skips an analyzer whose rules are all switched off; this entry cannot be switched off, so report.json and the baseline keep their measurements when every rule is silenced. Switch PromptLint off with PromptLintEnabled=false.",
        WellKnownDiagnosticTags.NotConfigurable);

    // Title, category, default severity and help link come from the rule catalogue; the message and description are the analyzer's.
    private static DiagnosticDescriptor Create(string id, string message, string description, params string[] tags)
    {
        var rule = RuleCatalog.Get(id);
        var severity = rule.DefaultSeverity switch
        {
            RuleSeverity.Error => DiagnosticSeverity.Error,
            RuleSeverity.Warning => DiagnosticSeverity.Warning,
            _ => DiagnosticSeverity.Info,
        };
        return new(id, rule.Title, message, rule.CategoryName, severity, isEnabledByDefault: true, description: description, helpLinkUri: rule.HelpLink, customTags: tags);
    }
}
