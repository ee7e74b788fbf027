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
        using var client = new PromptLintChatClient(new QuotaTests.FailingClient(), new PromptLintMeterOptions { MeterName = name, MaxAttributionSeries = 4 });

        foreach (var tenant in new[] { "a", "b", "c", "d" })
        {
            await client.GetResponseAsync("Hi", new ChatOptions().ForPrompt("p").ForRoute("r").ForTenant(tenant));
        }

        await client.GetResponseAsync("Hi", new ChatOptions().ForPrompt("q").ForRoute("r").ForTenant("e"));

        // Three full combinations (all-"other" is one), then the last quarter for p|r|other; q|r|other finds no room.
        Assert.Equal(new[] { "other|other|other", "p|r|a", "p|r|b", "p|r|other" }, tagSets.OrderBy(s => s, StringComparer.Ordinal));
    }
}
