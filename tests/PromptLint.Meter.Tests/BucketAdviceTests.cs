using Microsoft.Extensions.AI;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace PromptLint.Meter.Tests;

/// <summary>
/// docs/meter.md says the OpenTelemetry .NET SDK applies the meter's histogram bucket advice without views: checked here
/// with OpenTelemetry 1.12.0 (Directory.Packages.props), the oldest version the page names, and its in-memory exporter.
/// </summary>
public sealed class BucketAdviceTests
{
    [Fact]
    public async Task OpenTelemetrySdk_AppliesTheMetersBucketAdvice_WithoutViews()
    {
        var meterName = "PromptLint.Advice." + Guid.NewGuid().ToString("N");
        var exported = new List<Metric>();
        using (var provider = Sdk.CreateMeterProviderBuilder().AddMeter(meterName).AddInMemoryExporter(exported).Build())
        using (var metrics = new PromptLintMetrics(meterName))
        {
            var client = new PromptLintChatClient(new MeterTests.ScriptedClient { Usage = new UsageDetails { InputTokenCount = 300, OutputTokenCount = 20 } }, new PromptLintMeterOptions(), metrics);
            await client.GetResponseAsync("Hi", new ChatOptions().ForTenant("acme"));
            provider.ForceFlush();
        }

        Assert.Equal(new double[] { 1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864, double.PositiveInfinity }, Bounds(exported, "gen_ai.client.token.usage"));
        Assert.Equal(new[] { 0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92, double.PositiveInfinity }, Bounds(exported, "gen_ai.client.operation.duration"));
    }

    private static double[] Bounds(List<Metric> exported, string instrument)
    {
        var metric = exported.First(m => m.Name == instrument);
        foreach (ref readonly var point in metric.GetMetricPoints())
        {
            var bounds = new List<double>();
            foreach (var bucket in point.GetHistogramBuckets())
            {
                bounds.Add(bucket.ExplicitBound);
            }

            return bounds.ToArray();
        }

        throw new InvalidOperationException($"{instrument} has no points.");
    }
}
