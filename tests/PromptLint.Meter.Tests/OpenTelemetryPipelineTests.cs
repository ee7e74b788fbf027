using Microsoft.Extensions.AI;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace PromptLint.Meter.Tests;

/// <summary>
/// Issue 28, item 3: <c>UseOpenTelemetry()</c> in the same pipeline as the meter. Both would record
/// <c>gen_ai.client.token.usage</c> and <c>gen_ai.client.operation.duration</c> under the same names, so a dashboard that
/// does not filter by meter counted every call twice. By default the meter now leaves the GenAI histograms to an
/// <c>OpenTelemetryChatClient</c> it finds inside itself; its attributed tokens are in <c>promptlint.tokens</c> in every mode.
/// </summary>
public sealed class OpenTelemetryPipelineTests
{
    private readonly string _meterName = "PromptLint.OTel." + Guid.NewGuid().ToString("N");
    private readonly string _otelSource = "PromptLint.Tests.OTel." + Guid.NewGuid().ToString("N");

    private static readonly UsageDetails Usage = new() { InputTokenCount = 120, OutputTokenCount = 7, TotalTokenCount = 127 };

    private IChatClient Pipeline(bool withOpenTelemetry, GenAIMetricsMode mode = GenAIMetricsMode.Auto, string? responseModel = "gpt-4o-mini")
    {
        var builder = new ChatClientBuilder(new MeterTests.ScriptedClient { Usage = Usage, ResponseModel = responseModel })
            .UsePromptLintMeter(o => { o.MeterName = _meterName; o.GenAIMetrics = mode; });
        if (withOpenTelemetry)
        {
            builder.UseOpenTelemetry(sourceName: _otelSource);
        }

        return builder.Build();
    }

    private static ChatOptions Options() => new ChatOptions { ModelId = "gpt-4o-mini" }.ForTenant("acme").ForPrompt("faq.answer");

    [Fact]
    public async Task OpenTelemetryInsideMeter_GenAIHistogramsRecordedOnce_TokensStayAttributedInPromptLintTokens()
    {
        using var meterUsage = new MetricCollector<long>(null, _meterName, "gen_ai.client.token.usage");
        using var meterDuration = new MetricCollector<double>(null, _meterName, "gen_ai.client.operation.duration");
        // Microsoft.Extensions.AI records token usage as a Histogram<int>.
        using var otelUsage = new MetricCollector<int>(null, _otelSource, "gen_ai.client.token.usage");
        using var otelDuration = new MetricCollector<double>(null, _otelSource, "gen_ai.client.operation.duration");
        using var tokens = new MetricCollector<long>(null, _meterName, "promptlint.tokens");
        using var cost = new MetricCollector<double>(null, _meterName, "promptlint.cost");
        using var client = Pipeline(withOpenTelemetry: true);

        await client.GetResponseAsync("Where is my parcel?", Options());

        // One input and one output measurement in all, from UseOpenTelemetry()'s meter; one duration.
        Assert.Empty(meterUsage.GetMeasurementSnapshot());
        Assert.Empty(meterDuration.GetMeasurementSnapshot());
        Assert.Equal(new[] { 7, 120 }, otelUsage.GetMeasurementSnapshot().Select(m => m.Value).Order());
        Assert.Single(otelDuration.GetMeasurementSnapshot());

        // Tokens per tenant and prompt id, and the cost, are still the meter's.
        var byType = tokens.Totals().ToDictionary(m => (string)m.Tags["promptlint.token.type"]!, m => m);
        Assert.Equal(120, byType["input"].Value);
        Assert.Equal(7, byType["output"].Value);
        Assert.Equal("acme", byType["input"].Tags["promptlint.tenant"]);
        Assert.Equal("faq.answer", byType["output"].Tags["promptlint.prompt_id"]);
        Assert.True(Assert.Single(cost.Totals()).Value > 0);
        Assert.False(client.GetService<PromptLintChatClient>()!.RecordsGenAIMetrics);
    }

    [Fact]
    public async Task NoOpenTelemetryClient_MeterRecordsGenAIHistograms_AndAttributedInputOutputTokens()
    {
        using var meterUsage = new MetricCollector<long>(null, _meterName, "gen_ai.client.token.usage");
        using var meterDuration = new MetricCollector<double>(null, _meterName, "gen_ai.client.operation.duration");
        using var tokens = new MetricCollector<long>(null, _meterName, "promptlint.tokens");
        using var client = Pipeline(withOpenTelemetry: false);

        await client.GetResponseAsync("Where is my parcel?", Options());

        Assert.Equal(new[] { 7L, 120L }, meterUsage.GetMeasurementSnapshot().Select(m => m.Value).Order());
        Assert.Single(meterDuration.GetMeasurementSnapshot());

        // The per-prompt and per-tenant token totals are on the counter in every mode, not only without the histograms.
        var byType = tokens.Totals().ToDictionary(m => (string)m.Tags["promptlint.token.type"]!, m => m);
        Assert.Equal(120, byType["input"].Value);
        Assert.Equal(7, byType["output"].Value);
        Assert.Equal("faq.answer", byType["input"].Tags["promptlint.prompt_id"]);
        Assert.True(client.GetService<PromptLintChatClient>()!.RecordsGenAIMetrics);
    }

    [Theory]
    [InlineData("gpt-4o-mini")]
    [InlineData(null)]
    public async Task GenAIHistograms_ByDefault_CarryTheTagKeysUseOpenTelemetryGivesThem(string? responseModel)
    {
        // Regression for the cost of the meter with the OpenTelemetry SDK (issue 34): prompt id, route and tenant on
        // every GenAI measurement made the SDK hash three more tags per measurement. By default the meter's histograms
        // carry what UseOpenTelemetry() records; per-prompt totals are on the promptlint.* counters.
        using var meterUsage = new MetricCollector<long>(null, _meterName, "gen_ai.client.token.usage");
        using var otelUsage = new MetricCollector<int>(null, _otelSource, "gen_ai.client.token.usage");
        using var meterDuration = new MetricCollector<double>(null, _meterName, "gen_ai.client.operation.duration");
        using var otelDuration = new MetricCollector<double>(null, _otelSource, "gen_ai.client.operation.duration");
        using var client = Pipeline(withOpenTelemetry: true, GenAIMetricsMode.Record, responseModel);

        await client.GetResponseAsync("Where is my parcel?", Options());

        static string Keys(IReadOnlyDictionary<string, object?> tags) => string.Join(",", tags.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(otelUsage.GetMeasurementSnapshot().Select(m => Keys(m.Tags)).Order(), meterUsage.GetMeasurementSnapshot().Select(m => Keys(m.Tags)).Order());
        Assert.Equal(Keys(Assert.Single(otelDuration.GetMeasurementSnapshot()).Tags), Keys(Assert.Single(meterDuration.GetMeasurementSnapshot()).Tags));
        Assert.DoesNotContain(meterUsage.GetMeasurementSnapshot(), m => m.Tags.Keys.Any(k => k.StartsWith("promptlint.", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task GenAIMetricsRecord_WithOpenTelemetryInside_BothRecordAsBefore()
    {
        using var meterUsage = new MetricCollector<long>(null, _meterName, "gen_ai.client.token.usage");
        // Microsoft.Extensions.AI records token usage as a Histogram<int>.
        using var otelUsage = new MetricCollector<int>(null, _otelSource, "gen_ai.client.token.usage");
        using var client = Pipeline(withOpenTelemetry: true, GenAIMetricsMode.Record);

        await client.GetResponseAsync("Where is my parcel?", Options());

        Assert.Equal(2, meterUsage.GetMeasurementSnapshot().Count);
        Assert.Equal(2, otelUsage.GetMeasurementSnapshot().Count);
    }

    [Fact]
    public async Task LeaveToOpenTelemetry_WithOpenTelemetryOutsideMeter_GenAIHistogramsRecordedOnce()
    {
        using var meterUsage = new MetricCollector<long>(null, _meterName, "gen_ai.client.token.usage");
        // Microsoft.Extensions.AI records token usage as a Histogram<int>.
        using var otelUsage = new MetricCollector<int>(null, _otelSource, "gen_ai.client.token.usage");
        using var tokens = new MetricCollector<long>(null, _meterName, "promptlint.tokens");

        // UseOpenTelemetry() first: outside the meter, where the meter cannot find it; the option says so.
        using var client = new ChatClientBuilder(new MeterTests.ScriptedClient { Usage = Usage })
            .UseOpenTelemetry(sourceName: _otelSource)
            .UsePromptLintMeter(o => { o.MeterName = _meterName; o.GenAIMetrics = GenAIMetricsMode.LeaveToOpenTelemetry; })
            .Build();

        await client.GetResponseAsync("Where is my parcel?", Options());

        Assert.Empty(meterUsage.GetMeasurementSnapshot());
        Assert.Equal(2, otelUsage.GetMeasurementSnapshot().Count);
        Assert.Equal(2, tokens.Totals().Count);
    }

    [Fact]
    public async Task StreamWithOpenTelemetryInside_NoTimeToFirstChunkFromTheMeter()
    {
        using var firstChunk = new MetricCollector<double>(null, _meterName, "gen_ai.client.operation.time_to_first_chunk");
        using var tokens = new MetricCollector<long>(null, _meterName, "promptlint.tokens");
        using var client = Pipeline(withOpenTelemetry: true);

        await foreach (var _ in client.GetStreamingResponseAsync("Where is my parcel?", Options()))
        {
        }

        Assert.Empty(firstChunk.GetMeasurementSnapshot());
        Assert.Contains(tokens.Totals(), m => (string?)m.Tags["promptlint.token.type"] == "input" && m.Value == 120);
    }
}
