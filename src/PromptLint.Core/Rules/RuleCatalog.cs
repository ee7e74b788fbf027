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
