using System.Diagnostics.Metrics;
using Microsoft.Extensions.AI;

namespace PromptLint.Meter.Tests;

/// <summary>Issue 34, item 5: the attribution combinations, and so the series per instrument, stay within the documented bound.</summary>
public sealed class SeriesBoundTests
{
    [Fact]
    public void OneMillionCallsOver100x100x100Values_AdmitAtMostTheBoundOfCombinations()
    {
        using var metrics = new PromptLintMetrics("PromptLint.Series." + Guid.NewGuid().ToString("N"));
        var values = Enumerable.Range(0, 100).Select(i => "v" + i).ToArray();
        var combinations = new HashSet<(string, string, string)>();
        var random = new Random(34);
        for (var call = 0; call < 1_000_000; call++)
        {
            var dims = metrics.Bind(new Attribution(values[random.Next(100)], values[random.Next(100)], values[random.Next(100)]));
            combinations.Add((dims.PromptId, dims.Route, dims.Tenant));
        }

        // Regression: each dimension was bounded alone, and the combinations reached 631,831 tag sets.
        Assert.InRange(combinations.Count, 1, PromptLintMeterOptions.DefaultMaxAttributionSeries);
        Assert.True(metrics.AttributionSeriesCount <= PromptLintMeterOptions.DefaultMaxAttributionSeries);
    }

    [Fact]
    public async Task PastTheBound_ANewTenantOfAKnownPromptAndRoute_KeepsThemWithTenantOther()
    {
        var name = "PromptLint.Series." + Guid.NewGuid().ToString("N");
        var tagSets = new HashSet<string>();
        using var listener = new MeterListener { InstrumentPublished = (i, l) => { if (i.Meter.Name == name && i.Name == "gen_ai.client.operation.duration") l.EnableMeasurementEvents(i); } };
        listener.SetMeasurementEventCallback<double>((_, _, tags, _) =>
        {
            var t = tags.ToArray().ToDictionary(p => p.Key, p => p.Value);
            lock (tagSets)
            {
                tagSets.Add($"{t["promptlint.prompt_id"]}|{t["promptlint.route"]}|{t["promptlint.tenant"]}");
            }
        });
        listener.Start();
        using var client = new PromptLintChatClient(new QuotaTests.FailingClient(), new PromptLintMeterOptions { MeterName = name, MaxAttributionSeries = 4, AttributeGenAIHistograms = true });

        foreach (var tenant in new[] { "a", "b", "c", "d" })
        {
            await client.GetResponseAsync("Hi", new ChatOptions().ForPrompt("p").ForRoute("r").ForTenant(tenant));
        }

        await client.GetResponseAsync("Hi", new ChatOptions().ForPrompt("q").ForRoute("r").ForTenant("e"));

        // Three full combinations (all-"other" is one), then the last quarter for p|r|other; q|r|other finds no room.
        Assert.Equal(new[] { "other|other|other", "p|r|a", "p|r|b", "p|r|other" }, tagSets.OrderBy(s => s, StringComparer.Ordinal));
    }

    [Fact]
    public void TenantArrivingAfterTheDimensionIsFull_ThatSpendsMost_GetsItsOwnValue()
    {
        using var metrics = new PromptLintMetrics("PromptLint.Series." + Guid.NewGuid().ToString("N"));

        // 1,000 small tenants fill the 100 values a dimension keeps; each spends 1.
        for (var i = 0; i < 1_000; i++)
        {
            metrics.Bind(new Attribution("p", "r", "small" + i), 1);
        }

        // Regression: a tenant met after the limit stayed "other" however much it spent (first arrivals kept every value).
        var tenants = Enumerable.Range(0, 5).Select(_ => metrics.Bind(new Attribution("p", "r", "whale"), 50).Tenant).ToList();

        Assert.Equal("other", tenants[0]);
        Assert.Equal("whale", tenants[^1]);
        Assert.Equal("other", metrics.Bind(new Attribution("p", "r", "small999"), 1).Tenant);
    }

    [Fact]
    public void CombinationArrivingAfterTheSeriesAreFull_ThatSpendsMost_GetsItsOwnSeries_WithinTheBound()
    {
        using var metrics = new PromptLintMetrics("PromptLint.Series." + Guid.NewGuid().ToString("N"), maxDistinctValuesPerDimension: 10_000, maxAttributionSeries: 80);
        for (var i = 0; i < 1_000; i++)
        {
            metrics.Bind(new Attribution("p" + (i % 7), "r", "small" + i), 1);
        }

        var last = Enumerable.Range(0, 5).Select(_ => metrics.Bind(new Attribution("p0", "r", "whale"), 100)).Last();

        Assert.Equal("whale", last.Tenant);
        Assert.True(metrics.AttributionSeriesCount <= 80, $"{metrics.AttributionSeriesCount} combinations");
    }

    [Fact]
    public void ManyTenantsSpendingAlike_PastTheBound_NoneIsPromoted_AndTheBoundHolds()
    {
        using var metrics = new PromptLintMetrics("PromptLint.Series." + Guid.NewGuid().ToString("N"), maxDistinctValuesPerDimension: 10_000, maxAttributionSeries: 80);
        var admitted = new HashSet<string>();
        for (var round = 0; round < 20; round++)
        {
            for (var i = 0; i < 1_000; i++)
            {
                admitted.Add(metrics.Bind(new Attribution("p", "r", "t" + i), 1).Tenant);
            }
        }

        // 80 less a quarter for "tenant other" and an eighth held back for spenders is 50 places by arrival, one of them
        // all-"other": 49 tenants. No tenant stands out, so none of the held-back places is taken.
        Assert.Equal(49, admitted.Count(t => t != "other"));
        Assert.True(metrics.AttributionSeriesCount <= 80);
    }
}
