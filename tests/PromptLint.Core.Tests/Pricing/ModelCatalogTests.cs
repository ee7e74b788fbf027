using System.Globalization;

using PromptLint.Contracts.Pricing;

namespace PromptLint.Core.Tests.Pricing;

public class ModelCatalogTests
{
    [Fact]
    public void ShippedData_EveryEntryHasASourceAndADate()
    {
        using var stream = typeof(ModelCatalog).Assembly.GetManifestResourceStream("PromptLint.Core.models.json")!;
        var json = new StreamReader(stream).ReadToEnd();

        var catalog = ModelCatalog.Parse(json, out var problems);

        Assert.Empty(problems);
        Assert.NotEmpty(catalog.Models);
        Assert.All(catalog.Models, m =>
        {
            Assert.StartsWith("https://", m.Source);
            Assert.True(DateTime.TryParseExact(m.AsOf, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _), m.Id);
            Assert.True(m.ContextWindow > 0 && m.MaxOutputTokens > 0 && m.Input > 0 && m.Output > 0, m.Id);
        });
        Assert.All(catalog.CacheRules, r => Assert.True(r.MinPrefixTokens > 0 && r.Source.Length > 0 && r.AsOf.Length == 10));
        Assert.Equal(catalog.Models.Count, Assert.IsType<ModelCatalog>(ModelCatalog.Shipped).Models.Count);
    }

    [Theory]
    [InlineData("{\"models\":[{\"id\":\"x\",\"provider\":\"openai\",\"contextWindow\":1,\"input\":1,\"output\":1,\"asOf\":\"2025-01-01\"}]}", "has no source")]
    [InlineData("{\"models\":[{\"id\":\"x\",\"provider\":\"openai\",\"contextWindow\":1,\"input\":1,\"output\":1,\"source\":\"s\"}]}", "has no asOf date")]
    [InlineData("{\"models\":[{\"id\":\"x\",\"provider\":\"openai\",\"input\":1,\"output\":1,\"source\":\"s\",\"asOf\":\"2025-01-01\"}]}", "context window")]
    [InlineData("{\"models\": [ ,", "invalid JSON")]
    public void EntryWithoutSourceDateOrFigures_IsAProblemNotAnEntry(string json, string expected)
    {
        var catalog = ModelCatalog.Parse(json, out var problems);

        Assert.Contains(problems, p => p.Contains(expected, StringComparison.Ordinal));
        Assert.Empty(catalog.Models);
    }

    [Theory]
    [InlineData("gpt-4o", "gpt-4o")]
    [InlineData("gpt-4o-mini-2024-07-18", "gpt-4o-mini")]
    [InlineData("openai/gpt-4.1-mini", "gpt-4.1-mini")]
    [InlineData("gpt-4", "gpt-4")]
    [InlineData("gpt-4-turbo", "gpt-4-turbo")]
    [InlineData("claude-sonnet-4-5-20250929", "claude-sonnet-4-5")]
    [InlineData("o3-mini", "o3-mini")]
    public void Find_TakesTheLongestPrefix(string name, string id)
    {
        Assert.Equal(id, ModelCatalog.Shipped.Find(name)?.Id);
    }

    [Fact]
    public void UnknownModel_IsNotGuessed()
    {
        Assert.Null(ModelCatalog.Shipped.Find("my-deployment"));
        Assert.Null(ModelCatalog.Shipped.Find(null));
    }

    [Fact]
    public void CacheRule_IsTheMostSpecificOfTheProvider()
    {
        var catalog = ModelCatalog.Shipped;

        Assert.Equal(1024, catalog.CacheRuleFor(catalog.Find("gpt-4o")!)!.MinPrefixTokens);
        Assert.Equal(1024, catalog.CacheRuleFor(catalog.Find("claude-sonnet-4-5")!)!.MinPrefixTokens);
        Assert.Equal(2048, catalog.CacheRuleFor(catalog.Find("claude-3-5-haiku")!)!.MinPrefixTokens);
        Assert.Equal(2048, catalog.CacheRuleFor(catalog.Find("gemini-2.5-pro")!)!.MinPrefixTokens);
    }

    [Fact]
    public void Overrides_ReplaceEntriesOfTheSameId()
    {
        var overrides = ModelCatalog.Parse("{\"models\":[{\"id\":\"gpt-4o\",\"provider\":\"azure-openai\",\"contextWindow\":128000,\"maxOutputTokens\":4096,\"input\":2.75,\"output\":11,\"source\":\"contract\",\"asOf\":\"2026-01-01\"},{\"id\":\"contoso-llm\",\"provider\":\"openai\",\"contextWindow\":32000,\"maxOutputTokens\":4096,\"input\":1,\"output\":2,\"source\":\"internal\",\"asOf\":\"2026-01-01\"}]}", out var problems);

        var merged = ModelCatalog.Shipped.With(overrides);

        Assert.Empty(problems);
        Assert.Equal(2.75m, merged.Find("gpt-4o")!.Input);
        Assert.Equal(0.15m, merged.Find("gpt-4o-mini")!.Input);
        Assert.Equal(32000, merged.Find("contoso-llm-v2")!.ContextWindow);
    }

    [Theory]
    [InlineData(1000, 2.5, "$2.50")]
    [InlineData(120, 2.5, "$0.30")]
    [InlineData(10, 0.15, "$0.0015")]
    [InlineData(0, 1, "$0.00")]
    [InlineData(500000, 10, "$5,000.00")]
    public void PerThousandCalls_IsFormattedInvariantly(long tokens, double price, string expected)
    {
        Assert.Equal(expected, Cost.Format(Cost.PerThousandCalls(tokens, (decimal)price)));
    }
}
