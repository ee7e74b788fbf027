using PromptLint.Contracts.Baseline;
using PromptLint.Contracts.Pricing;
using PromptLint.Core.Checking;
using PromptLint.Core.Engine;
using PromptLint.Core.Measuring;
using PromptLint.Core.Rules;

namespace PromptLint.Core.Tests.Rules;

public class PL0022CostRegressedTests
{
    private static BaselineDocument Baseline(params BaselineEntry[] entries) => BaselineSerializer.Parse(BaselineSerializer.Write(entries));

    private static PromptMeasurement Measured(string model, int tokens, int tools = 0, int? cap = 256)
        => new("support.triage", model, "o200k_base", exact: true, tokens, tokens, holes: 1, tools, cap, "h");

    private static readonly BaselineEntry Accepted = new("support.triage", "o200k_base", "gpt-4o-mini", 256, 800, 800, 0, "h");

    private static BaselineOutcome Check(PromptMeasurement now, BaselineEntry? accepted = null, RuleSettings? rules = null, ModelCatalog? catalog = null)
        => PromptChecks.Baseline("support.triage", now, Baseline(accepted ?? Accepted), updating: false, new RegressionPolicy(), catalog, rules);

    [Fact]
    public void ModelSwapWithSameTokens_Triggers_NamingBothPrices()
    {
        var outcome = Check(Measured("gpt-4o", 800));

        Assert.Null(outcome.Regressed);
        var finding = Assert.IsType<RuleFinding>(outcome.CostRegressed);
        Assert.Equal("PL0022", finding.RuleId);
        Assert.Equal(
            "Prompt 'support.triage' costs ×16.7 per call ($0.000274 → $0.00456, limit +5%): model gpt-4o-mini → gpt-4o: input $0.15 → $2.50 per 1M tokens, output $0.60 → $10.00. Undo the change, or accept the new cost with 'dotnet build -p:PromptLintUpdateBaseline=true' (or 'promptlint check --update-baseline') and commit the baseline.",
            finding.Message);
    }

    [Fact]
    public void CapRaiseWithSameTokens_Triggers_NamingTheCaps()
    {
        var finding = Check(Measured("gpt-4o-mini", 800, cap: 16384)).CostRegressed;

        Assert.NotNull(finding);
        Assert.Contains("output cap 256 → 16,384 tokens", finding!.Message);
    }

    [Fact]
    public void CapRemoved_Triggers_SayingWhatUncappedIsPricedAt()
    {
        var finding = Check(Measured("gpt-4o-mini", 800, cap: null)).CostRegressed;

        Assert.Contains("output cap 256 → uncapped (16,384 at gpt-4o-mini's largest output)", finding!.Message);
    }

    [Fact]
    public void AddedTools_Trigger_NamingTheToolTokens()
    {
        // 800 text tokens as before, 200 tokens of tool schemas added (the prefix stays under the 1,024-token cache minimum).
        var finding = Check(Measured("gpt-4o-mini", 1000, tools: 200)).CostRegressed;

        Assert.NotNull(finding);
        Assert.Contains("tool schemas 0 → 200 tokens", finding!.Message);
    }

    [Fact]
    public void ToolListThatGrows_Triggers_BesidePL0001_NamingTheTools()
    {
        // A *.tools.json list: all its tokens are tool schemas, uncapped, and no output is priced for it.
        var tools = new BaselineEntry("support.triage", "o200k_base", "gpt-4o", null, 300, 300, 300, "h");

        var outcome = Check(Measured("gpt-4o", 450, tools: 450, cap: null), tools);

        Assert.NotNull(outcome.Regressed);
        Assert.Contains("costs +50% per call", outcome.CostRegressed!.Message);
        Assert.Contains("tool schemas 300 → 450 tokens", outcome.CostRegressed.Message);
        Assert.DoesNotContain("output cap", outcome.CostRegressed.Message);
    }

    [Fact]
    public void TextGrowthAlone_IsLeftToPL0001()
    {
        var outcome = Check(Measured("gpt-4o-mini", 1100));

        Assert.NotNull(outcome.Regressed);
        Assert.Null(outcome.CostRegressed);
    }

    [Fact]
    public void CheaperModel_DoesNotTrigger()
        => Assert.Null(Check(Measured("gpt-4o-mini", 800), new BaselineEntry("support.triage", "o200k_base", "gpt-4o", 256, 800, 800, 0, "h")).CostRegressed);

    [Fact]
    public void GrowthUnderAHigherThreshold_DoesNotTrigger()
    {
        var rules = new RuleSettings { { CostRegressedRule.Threshold, 2000 } };

        Assert.Null(Check(Measured("gpt-4o", 800), rules: rules).CostRegressed);
    }

    [Fact]
    public void ThresholdUnset_FollowsTheTokenThreshold()
    {
        // Cap 256 → 300: +$0.0000264 on $0.000274, +9.6%: over 5%, under 10%.
        Assert.NotNull(Check(Measured("gpt-4o-mini", 800, cap: 300)).CostRegressed);
        Assert.Null(PromptChecks.Baseline("support.triage", Measured("gpt-4o-mini", 800, cap: 300), Baseline(Accepted), false, new RegressionPolicy(thresholdPercent: 10)).CostRegressed);
    }

    [Fact]
    public void UnknownCurrentModel_DoesNotTrigger()
        => Assert.Null(Check(Measured("in-house-7b", 800)).CostRegressed);

    [Fact]
    public void FirstFormatEntry_DoesNotTrigger()
        => Assert.Null(Check(Measured("gpt-4o", 800, cap: 16384), new BaselineEntry("support.triage", "o200k_base", 800, 800, 0, "h")).CostRegressed);

    [Fact]
    public void BaselineUpdate_DoesNotTrigger()
        => Assert.Null(PromptChecks.Baseline("support.triage", Measured("gpt-4o", 800), Baseline(Accepted), updating: true, new RegressionPolicy()).CostRegressed);

    [Fact]
    public void ThresholdSetting_ParsesPercentAndIgnoresNonsense()
    {
        Assert.Equal(12.5, CostRegressedRule.Threshold.ParseValue("12.5"));
        Assert.Null(CostRegressedRule.Threshold.ParseValue("-3"));
        Assert.Null(CostRegressedRule.Threshold.ParseValue("lots"));
        Assert.Null(CostRegressedRule.Threshold.ParseValue(null));
    }
}
