using System.Collections.Generic;

namespace PromptLint.Core.Rules;

public static partial class RuleCatalog
{
    /// <summary>
    /// Every rule class of this assembly, one line each. Written out rather than found by reflection so the native AOT
    /// build of the CLI keeps every rule (a trimmed <c>Assembly.GetTypes()</c> scan is not safe, and the trimmer
    /// cannot see a constructor called through <c>Activator</c>); it also costs nothing at start-up. The order does not
    /// matter: <see cref="Rules"/> sorts by id. <c>RegisteredRulesTests</c> fails, naming the class, when a
    /// <see cref="PromptRule"/> of this assembly is missing here.
    /// </summary>
    private static IEnumerable<PromptRule> Registered() => new PromptRule[]
    {
        new FootprintRegressedRule(),
        new BaselineMismatchRule(),
        new OutputCapRule(),
        new CacheablePrefixRule(),
        new VolatileValueRule(),
        new UnboundedHoleRule(),
        new OverBudgetRule(),
        new ContextWindowRule(),
        new ToolSchemaFootprintRule(),
        new CostlyCharacters(),
        new WhitespaceBloat(),
        new PrettyJson(),
        new FillerPhrases(),
        new DataBlobs(),
        new RepeatedBlocks(),
        new LongNumbers(),
        new VerboseToolSchema(),
        new RowOrientedJson(),
        new DeadInstructions(),
        new EncoderMismatch(),
        new SecretInPrompt(),
        new MalformedPromptFileRule(),
        new UnknownModelRule(),
        new AnalysisFailedRule(),
        new PromptMeasuredRule(),
        new HandoverRule(),
    };
}
