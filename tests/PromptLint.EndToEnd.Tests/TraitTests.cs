using System.Reflection;

namespace PromptLint.EndToEnd.Tests;

/// <summary>The two-step test run (fast tests first, then packing and consumer builds) depends on every slow class here carrying the trait.</summary>
public sealed class TraitTests
{
    [Fact]
    public void EveryTestClassOfThisProject_ExceptThisOne_CarriesTheEndToEndTrait()
    {
        var untagged = typeof(TraitTests).Assembly.GetTypes()
            .Where(t => t != typeof(TraitTests) && t.GetMethods().Any(m => m.GetCustomAttribute<FactAttribute>() is not null))
            .Where(t => !t.GetCustomAttributes<TraitAttribute>().Any())
            .Select(t => t.Name)
            .ToList();

        Assert.Empty(untagged);
    }
}
