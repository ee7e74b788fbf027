
using PromptLint.Contracts.Baseline;
using PromptLint.Contracts.Pricing;

namespace PromptLint.Core.Tests.Pricing;

public class CallCostTests
{
    private static readonly ModelCatalog Catalog = ModelCatalog.Shipped;

    [Fact]
    public void ShortPrefix_PricesEveryTokenAtInputAndTheCapAtOutput()
    {
        // gpt-4o-mini: $0.15 in, $0.60 out per 1M; 800 tokens is under OpenAI's 1,024-token cache minimum.
        var cost = CallCost.Of(Catalog, "gpt-4o-mini", 800, 800, 256)!;

        Assert.Equal(0, cost.CachedTokens);
        Assert.Equal(800 * 0.15m / 1_000_000m, cost.Input);
        Assert.Equal(256 * 0.60m / 1_000_000m, cost.Output);
        Assert.Equal("256", cost.CapText);
    }

    [Fact]
    public void LongPrefix_PricesTheCachedStepsAtTheCachedInputPrice()
    {
        // 1,300-token prefix: OpenAI caches 1,024 + 2 × 128 = 1,280 of them.
        var cost = CallCost.Of(Catalog, "gpt-4o", 2000, 1300, 100)!;

        Assert.Equal(1280, cost.CachedTokens);
        Assert.Equal((720 * 2.50m + 1280 * 1.25m) / 1_000_000m, cost.Input);
    }

    [Fact]
    public void Uncapped_PricesTheModelsLargestOutput()
    {
        var cost = CallCost.Of(Catalog, "gpt-4o", 10, 0, null)!;

        Assert.Equal(16384, cost.OutputTokens);
        Assert.Equal("uncapped", cost.CapText);
    }

    [Fact]
    public void ToolSchemasOnly_ArePricedAsInputWithNoOutput()
    {
        var cost = CallCost.Of(Catalog, "gpt-4o", 300, 300, null, toolSchemaTokens: 300)!;

        Assert.Equal(0, cost.OutputTokens);
        Assert.Equal(300 * 2.50m / 1_000_000m, cost.Total);
    }

    [Fact]
    public void UnknownModel_HasNoCost()
        => Assert.Null(CallCost.Of(Catalog, "my-private-llm", 10, 0, 5));

    [Theory]
    [InlineData("0.00012", "$0.00012")]
    [InlineData("0.000123456", "$0.000123")]
    [InlineData("0.0123456", "$0.0123")]
    [InlineData("0.5", "$0.5")]
    [InlineData("12.345", "$12.34")] // half to even, as Cost.Format
    [InlineData("0", "$0.00")]
    [InlineData("-0.00012", "-$0.00012")]
    public void FormatPerCall_ShowsThreeSignificantDigitsBelowADollar(string value, string expected)
        => Assert.Equal(expected, Cost.FormatPerCall(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void ModelSwap_IsTheCauseWithBothPrices()
    {
        var entry = new BaselineEntry("p", "o200k_base", "gpt-4o-mini", 256, 800, 800, 0, "h");

        var change = CostChange.Compare(Catalog, entry, "gpt-4o", 800, 800, 0, 256)!;

        Assert.Equal(CostCause.Model, change.Causes);
        Assert.Equal("×16.7", change.Growth);
        Assert.Equal("model gpt-4o-mini → gpt-4o: input $0.15 → $2.50 per 1M tokens, output $0.60 → $10.00", change.Describe());
        Assert.Equal("model swap", change.MainCause());
    }

    [Fact]
    public void FirstFormatEntry_IsNotCompared()
        => Assert.Null(CostChange.Compare(Catalog, new BaselineEntry("p", "o200k_base", 800, 800, 0, "h"), "gpt-4o", 800, 800, 0, 256));

    [Fact]
    public void UnknownBaselineModel_IsNotCompared()
        => Assert.Null(CostChange.Compare(Catalog, new BaselineEntry("p", "o200k_base", "in-house-7b", 256, 800, 800, 0, "h"), "gpt-4o", 800, 800, 0, 256));
}
