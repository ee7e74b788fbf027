using System;
using System.Collections.Generic;
using System.Linq;

using PromptLint.Contracts.Rules;

namespace PromptLint.Core.Engine;

/// <summary>
/// Every PromptLint rule in one place: id, title, category, default severity, where it is reported, whether a code
/// fix exists, its settings and its help page. The rules are the <see cref="PromptRule"/>s of this assembly (one per
/// <c>PLxxxx.*.cs</c> file; PromptLint.Generators writes the list at build time, so nothing names a rule by hand), plus the two rules the MSBuild task
/// logs, whose entries live in PromptLint.Contracts because the task does not load Core. Ordered by id; ids are
/// permanent: add, never renumber.
/// </summary>
public static partial class RuleCatalog
{
    /// <summary>Every rule with code in this assembly, by id.</summary>
    public static IReadOnlyList<PromptRule> Rules { get; } = Registered()
        .OrderBy(r => r.Info.Id, StringComparer.Ordinal)
        .ToArray();

    /// <summary>Every rule's catalogue entry, by id.</summary>
    public static IReadOnlyList<RuleInfo> All { get; } = Rules.Select(r => r.Info)
        .Concat(TaskRules.All)
        .OrderBy(r => r.Id, StringComparer.Ordinal)
        .ToArray();

    /// <summary>Every setting of every rule, in rule order, each once (two rules may share one).</summary>
    public static IReadOnlyList<RuleSetting> Settings { get; } = Rules.SelectMany(r => r.Settings).Distinct().ToArray();

    /// <summary>
    /// Every concrete <see cref="PromptRule"/> class of this assembly, written at build time by
    /// <c>PromptLint.Generators.RuleListGenerator</c>: plain <c>new</c> calls, which the native AOT build of the CLI
    /// keeps without reflection, and which cost nothing at start-up. <c>RegisteredRulesTests</c> checks the list
    /// against a reflection scan.
    /// </summary>
    private static partial IEnumerable<PromptRule> Registered();

    private static readonly Dictionary<string, RuleInfo> ById = All.ToDictionary(r => r.Id, StringComparer.Ordinal);

    private static readonly Dictionary<string, PromptRule> RuleById = Rules.ToDictionary(r => r.Info.Id, StringComparer.Ordinal);

    /// <summary>The rule with this id; throws for an id the catalogue does not have.</summary>
    public static RuleInfo Get(string id) => ById.TryGetValue(id, out var rule) ? rule : throw new ArgumentException($"PromptLint has no rule '{id}'.", nameof(id));

    /// <summary>The code of the rule with this id, or null for a rule the task reports.</summary>
    public static PromptRule? Find(string id) => RuleById.TryGetValue(id, out var rule) ? rule : null;
}
