
using PromptLint.Core.Engine;

namespace PromptLint.Core.Tests.Rules;

/// <summary>
/// The catalogue's list of rules (written at build time by PromptLint.Generators, plain code the native AOT build of the
/// CLI keeps) against what reflection finds: every concrete <see cref="PromptRule"/> of Core is in it exactly once.
/// </summary>
public sealed class RegisteredRulesTests
{
    private static readonly Type[] RuleTypes = typeof(PromptRule).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && typeof(PromptRule).IsAssignableFrom(t))
        .OrderBy(t => t.Name, StringComparer.Ordinal)
        .ToArray();

    [Fact]
    public void EveryRuleClassOfCore_IsRegisteredExactlyOnce()
    {
        Assert.NotEmpty(RuleTypes);
        var registered = RuleCatalog.Rules.Select(r => r.GetType()).ToList();
        var missing = RuleTypes.Where(t => !registered.Contains(t)).Select(t => t.Name).ToList();
        Assert.True(missing.Count == 0, $"The generated rule list lacks {string.Join(", ", missing)}: does each have a public or internal parameterless constructor? (src/PromptLint.Generators/RuleListGenerator.cs)");
        Assert.Equal(registered.Count, registered.Distinct().Count());
        Assert.Equal(RuleTypes.Length, registered.Count);
    }

    [Fact]
    public void RegisteredRules_HaveDistinctIds_InIdOrder()
    {
        var ids = RuleCatalog.Rules.Select(r => r.Info.Id).ToList();
        Assert.Equal(ids.Distinct(StringComparer.Ordinal).Count(), ids.Count);
        Assert.Equal(ids.OrderBy(id => id, StringComparer.Ordinal), ids);
    }
}
