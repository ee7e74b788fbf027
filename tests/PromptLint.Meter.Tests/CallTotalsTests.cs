using System.Diagnostics.Metrics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace PromptLint.Meter.Tests;

/// <summary>
/// Issue 34 (the meter no slower than <c>UseOpenTelemetry()</c>): the per-call counters are added up in the meter and
/// collected by readers, so the OpenTelemetry SDK no longer finds a point for them on every call. What an exporter sees
/// must not change: one monotonic sum per series, with the same tags.
/// </summary>
public sealed class CallTotalsTests
{
    private static readonly UsageDetails Usage = new() { InputTokenCount = 1_000, OutputTokenCount = 100 };

    // gpt-4o at $2.50 / $10.00 per million tokens.
    private const double CallCost = ((1_000 * 2.50) + (100 * 10.00)) / 1_000_000;

    private readonly string _meterName = "PromptLint.Totals." + Guid.NewGuid().ToString("N");

    private IChatClient Client() => new ChatClientBuilder(new MeterTests.ScriptedClient { Usage = Usage }).UsePromptLintMeter(o => o.MeterName = _meterName).Build();

    private static ChatOptions For(string tenant, string model = "gpt-4o") => new ChatOptions { ModelId = model }.ForPrompt("support.triage").ForTenant(tenant);

    [Fact]
    public async Task PerCallCounters_ReachAListenerWhenItCollects_NotOncePerCall()
    {
        var perCall = new Dictionary<string, int>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == _meterName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        long calls = 0;
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            perCall[instrument.Name] = perCall.GetValueOrDefault(instrument.Name) + 1;
            if (instrument.Name == "promptlint.calls")
            {
                calls = value;
            }
        });
        listener.SetMeasurementEventCallback<double>((instrument, _, _, _) => perCall[instrument.Name] = perCall.GetValueOrDefault(instrument.Name) + 1);
        listener.Start();
        using var client = Client();

        for (var i = 0; i < 5; i++)
        {
            await client.GetResponseAsync("Hi", For("acme"));
        }

        // Regression: each call handed the SDK a calls and a cost measurement of its own (4 tags each to hash).
        Assert.False(perCall.ContainsKey("promptlint.calls"));
        Assert.False(perCall.ContainsKey("promptlint.cost"));
        Assert.Equal(10, perCall["gen_ai.client.token.usage"]);

        listener.RecordObservableInstruments();
        Assert.Equal(1, perCall["promptlint.calls"]);
        Assert.Equal(5, calls);
        Assert.Equal(1, perCall["promptlint.cost"]);
    }

    [Fact]
    public async Task InterleavedTenantsAndModels_EachSeriesKeepsItsOwnTotal()
    {
        using var calls = new MetricCollector<long>(null, _meterName, "promptlint.calls");
        using var cost = new MetricCollector<double>(null, _meterName, "promptlint.cost");
        using var client = Client();

        foreach (var (tenant, model) in new[] { ("acme", "gpt-4o"), ("globex", "gpt-4o"), ("acme", "gpt-4o-mini"), ("acme", "gpt-4o"), ("acme", "gpt-4o") })
        {
            await client.GetResponseAsync("Hi", For(tenant, model));
        }

        var bySeries = calls.Totals().ToDictionary(m => $"{m.Tags["promptlint.tenant"]}/{m.Tags["gen_ai.request.model"]}", m => m.Value);
        Assert.Equal(new Dictionary<string, long> { ["acme/gpt-4o"] = 3, ["globex/gpt-4o"] = 1, ["acme/gpt-4o-mini"] = 1 }, bySeries);
        var acme = Assert.Single(cost.Totals(), m => (string?)m.Tags["promptlint.tenant"] == "acme" && (string?)m.Tags["gen_ai.request.model"] == "gpt-4o");
        Assert.Equal(3 * CallCost, acme.Value, 12);
        Assert.Equal(new[] { "gen_ai.request.model", "promptlint.prompt_id", "promptlint.route", "promptlint.tenant" }, acme.Tags.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ConcurrentCallsOfTwoTenants_AreAllCounted_AndTheirCostAddsUp()
    {
        using var calls = new MetricCollector<long>(null, _meterName, "promptlint.calls");
        using var cost = new MetricCollector<double>(null, _meterName, "promptlint.cost");
        using var client = Client();

        await Task.WhenAll(Enumerable.Range(0, 4).Select(worker => Task.Run(async () =>
        {
            for (var i = 0; i < 1_000; i++)
            {
                await client.GetResponseAsync("Hi", For((worker + i) % 2 == 0 ? "acme" : "globex"));
            }
        })));

        var totals = calls.Totals();
        Assert.Equal(2_000, Assert.Single(totals, m => (string?)m.Tags["promptlint.tenant"] == "acme").Value);
        Assert.Equal(2_000, Assert.Single(totals, m => (string?)m.Tags["promptlint.tenant"] == "globex").Value);
        Assert.All(cost.Totals(), m => Assert.Equal(2_000 * CallCost, m.Value, 9));
    }

    [Fact]
    public async Task CallsMadeWhileNothingListens_AreNotAddedUp()
    {
        using var client = Client();
        await client.GetResponseAsync("Hi", For("acme"));

        using var calls = new MetricCollector<long>(null, _meterName, "promptlint.calls");
        await client.GetResponseAsync("Hi", For("acme"));

        // As with a counter: what was recorded while no one listened is not there for a listener that comes later.
        Assert.Equal(1, Assert.Single(calls.Totals()).Value);
    }

    [Fact]
    public async Task TheOpenTelemetrySdk_ExportsEachSeriesAsAMonotonicSum_WithTheAttributionTags()
    {
        var exported = new List<Metric>();
        using (var provider = Sdk.CreateMeterProviderBuilder().AddMeter(_meterName).AddInMemoryExporter(exported).Build())
        {
            using var client = Client();
            for (var i = 0; i < 3; i++)
            {
                await client.GetResponseAsync("Hi", For("acme"));
            }

            provider!.ForceFlush();
        }

        var callMetric = exported.Last(m => m.Name == "promptlint.calls");
        Assert.Equal(MetricType.LongSum, callMetric.MetricType);
        Assert.Equal("{call}", callMetric.Unit);
        var point = Assert.Single(Points(callMetric));
        Assert.Equal(3, point.GetSumLong());
        var tags = new Dictionary<string, object?>();
        foreach (var tag in point.Tags)
        {
            tags[tag.Key] = tag.Value;
        }

        Assert.Equal("support.triage", tags["promptlint.prompt_id"]);
        Assert.Equal("acme", tags["promptlint.tenant"]);
        Assert.Equal("gpt-4o", tags["gen_ai.request.model"]);
        var costMetric = exported.Last(m => m.Name == "promptlint.cost");
        Assert.Equal(MetricType.DoubleSum, costMetric.MetricType);
        Assert.Equal(3 * CallCost, Assert.Single(Points(costMetric)).GetSumDouble(), 12);
    }

    private static List<MetricPoint> Points(Metric metric)
    {
        var points = new List<MetricPoint>();
        foreach (ref readonly var point in metric.GetMetricPoints())
        {
            points.Add(point);
        }

        return points;
    }
}
