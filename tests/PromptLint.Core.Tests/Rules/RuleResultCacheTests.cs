using PromptLint.Contracts.Pricing;
using PromptLint.Core.Engine;
using PromptLint.Core.Measuring;
using PromptLint.Core.Model;
using PromptLint.Core.Rules;
using PromptLint.Counting.Tokenizers;

namespace PromptLint.Core.Tests.Rules;

/// <summary>The per-process memo of the rules: the same inputs give the same findings once; any input that differs is evaluated.</summary>
public sealed class RuleResultCacheTests
{
    private static PromptTemplate Template(string id, string text, int? outputCap = null)
        => new(
            id,
            new SourceLocation("Prompts/" + id + ".txt", 1, 1),
            PromptRole.System,
            new[] { new PromptMessage(PromptRole.System, new[] { PromptSegment.Static(text), PromptSegment.Hole("question") }) },
            outputCap: outputCap,
            outputCapStatus: outputCap is null ? OutputCapStatus.Missing : OutputCapStatus.Declared);

    private static IReadOnlyList<RuleFinding> Evaluate(PromptTemplate template, RuleSettings? settings = null)
        => RuleResultCache.Evaluate(template, PromptMeasurer.Shared.Measure(template, null), ModelCatalog.Shipped, settings ?? new RuleSettings(), TokenizerRegistry.Shared);

    [Fact]
    public void TheSameTemplateAndSettings_AreEvaluatedOnce_AndGiveTheSameFindings()
    {
        // A fresh id: the cache is the process's, and other tests may have evaluated the same text.
        var id = "cache.same." + Guid.NewGuid().ToString("N");
        var text = "You are a support agent\u2014answer \u201cbriefly\u201d.";
        var first = Evaluate(Template(id, text));
        var evaluations = RuleResultCache.Evaluations;

        var again = Evaluate(Template(id, text));

        Assert.Equal(evaluations, RuleResultCache.Evaluations);
        Assert.Equal(first.Select(f => f.RuleId + f.Message + f.TokensSaved), again.Select(f => f.RuleId + f.Message + f.TokensSaved));
        Assert.Contains(first, f => f.RuleId == "PL0003");
    }

    [Fact]
    public void AnyInputThatDiffers_IsEvaluatedAgain()
    {
        var id = "cache.differs." + Guid.NewGuid().ToString("N");
        var text = "Answer in one short paragraph.";
        Evaluate(Template(id, text));
        var before = RuleResultCache.Evaluations;

        Evaluate(Template(id, text + " More."));
        Evaluate(Template(id + ".other", text));
        var capped = Evaluate(Template(id, text, outputCap: 256));
        var settings = Evaluate(Template(id, text), new RuleSettings { { OutputCapRule.DefaultMaxOutputTokens, 77 } });

        Assert.Equal(before + 4, RuleResultCache.Evaluations);
        Assert.DoesNotContain(capped, f => f.RuleId == "PL0003");
        Assert.Contains("77", Assert.Single(settings, f => f.RuleId == "PL0003").Message);
    }

    [Fact]
    public void EverySettingIsAValueTheKeyCanSpell()
    {
        // The key spells each setting with its text; a setting of another type would need the key taught to spell it.
        var allowed = new[] { typeof(int), typeof(int?), typeof(bool), typeof(string), typeof(double), typeof(IReadOnlyList<string>) };
        Assert.All(typeof(RuleSettings).GetProperties(), p => Assert.Contains(p.PropertyType, allowed));
        Assert.All(typeof(PromptMeasurement).GetProperties(), p => Assert.Contains(p.PropertyType, allowed));
    }
}
