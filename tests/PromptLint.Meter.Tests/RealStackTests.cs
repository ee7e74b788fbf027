using System.ClientModel;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using OpenAI;

namespace PromptLint.Meter.Tests;

/// <summary>
/// The meter in the real stack: Microsoft.Extensions.AI's OpenAI adapter over the official OpenAI client, talking to a
/// local server that replays recorded OpenAI responses (usage with prompt_tokens_details.cached_tokens).
/// </summary>
public sealed class RealStackTests : IDisposable
{
    private readonly RecordedOpenAiServer _server = new();
    private readonly string _meterName = "PromptLint.RealStack." + Guid.NewGuid().ToString("N");

    public void Dispose() => _server.Dispose();

    private IChatClient Pipeline(PromptLintMetrics metrics, int? cap = null)
    {
        var openAi = new OpenAIClient(new ApiKeyCredential("test-key"), new OpenAIClientOptions { Endpoint = _server.Endpoint });
        return new ChatClientBuilder(openAi.GetChatClient("gpt-4o").AsIChatClient())
            .Use(inner => new PromptLintChatClient(inner, new PromptLintMeterOptions { MaxOutputTokens = cap }, metrics))
            .Build();
    }

    [Fact]
    public async Task NonStreaming_RecordsInputIncludingCachedOutputAndCost()
    {
        using var metrics = new PromptLintMetrics(_meterName);
        using var usage = new MetricCollector<long>(null, _meterName, "gen_ai.client.token.usage");
        using var tokens = new MetricCollector<long>(null, _meterName, "promptlint.tokens");
        using var cost = new MetricCollector<double>(null, _meterName, "promptlint.cost");

        var response = await Pipeline(metrics, cap: 300).GetResponseAsync("Where is my parcel?", new ChatOptions().ForPrompt("support.triage").ForTenant("acme"));

        Assert.Equal("Your parcel ships tomorrow.", response.Text);
        Assert.Equal(1200, usage.GetMeasurementSnapshot().Single(m => (string?)m.Tags["gen_ai.token.type"] == "input").Value);
        Assert.Equal(8, usage.GetMeasurementSnapshot().Single(m => (string?)m.Tags["gen_ai.token.type"] == "output").Value);
        Assert.Equal("gpt-4o-2024-08-06", usage.GetMeasurementSnapshot()[0].Tags["gen_ai.response.model"]);
        Assert.Equal(1024, tokens.Totals().Single(m => (string?)m.Tags["promptlint.token.type"] == "cached_input").Value);
        Assert.Equal((176 * 2.50 + 1024 * 1.25 + 8 * 10.0) / 1_000_000, cost.Totals().Single().Value, 10);

        // The meter's output cap reached the wire.
        Assert.Contains("\"max_completion_tokens\":300", Assert.Single(_server.Requests));
    }

    [Fact]
    public async Task Streaming_RecordsTheFinalUsageChunk()
    {
        using var metrics = new PromptLintMetrics(_meterName);
        using var usage = new MetricCollector<long>(null, _meterName, "gen_ai.client.token.usage");
        using var tokens = new MetricCollector<long>(null, _meterName, "promptlint.tokens");

        var text = string.Concat(await Pipeline(metrics).GetStreamingResponseAsync("Where is my parcel?").Select(u => u.Text).ToListAsync());

        Assert.Equal("Ships tomorrow.", text);
        Assert.Equal(60, usage.GetMeasurementSnapshot().Single(m => (string?)m.Tags["gen_ai.token.type"] == "input").Value);
        Assert.Equal(3, usage.GetMeasurementSnapshot().Single(m => (string?)m.Tags["gen_ai.token.type"] == "output").Value);
        Assert.Equal(32, tokens.Totals().Single(m => (string?)m.Tags["promptlint.token.type"] == "cached_input").Value);
        Assert.DoesNotContain(usage.GetMeasurementSnapshot(), m => m.Tags.ContainsKey("promptlint.estimated"));
    }
}
