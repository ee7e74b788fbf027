using Microsoft.Extensions.AI;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

#pragma warning disable MEAI001 // background responses are experimental in Microsoft.Extensions.AI

namespace PromptLint.Meter.Tests;

/// <summary>Issue 34, item 5: a background response is charged once, with the usage its finishing poll reports.</summary>
public sealed class BackgroundResponseTests
{
    [Fact]
    public async Task BackgroundStartThenPoll_ChargesTheInputOnce_WithTheReportedUsage()
    {
        var name = "PromptLint.Background." + Guid.NewGuid().ToString("N");
        using var usage = new MetricCollector<long>(null, name, "gen_ai.client.token.usage");
        using var client = new PromptLintChatClient(new BackgroundClient(), new PromptLintMeterOptions { MeterName = name });

        var started = await client.GetResponseAsync("Summarise the attached contract.", new ChatOptions { AllowBackgroundResponses = true });
        await client.GetResponseAsync(Array.Empty<ChatMessage>(), new ChatOptions { ContinuationToken = started.ContinuationToken });

        // Regression: the start was charged an estimate of its input and the poll the reported input again.
        Assert.Equal(25_000, usage.GetMeasurementSnapshot().Where(m => (string?)m.Tags["gen_ai.token.type"] == "input").Sum(m => m.Value));
        Assert.Equal(400, usage.GetMeasurementSnapshot().Where(m => (string?)m.Tags["gen_ai.token.type"] == "output").Sum(m => m.Value));
    }

    private sealed class BackgroundClient : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
            => Task.FromResult(options?.ContinuationToken is null
                ? new ChatResponse(Array.Empty<ChatMessage>()) { ContinuationToken = ResponseContinuationToken.FromBytes(new byte[] { 1, 2, 3 }) }
                : new ChatResponse(new ChatMessage(ChatRole.Assistant, "Summary.")) { Usage = new UsageDetails { InputTokenCount = 25_000, OutputTokenCount = 400 } });

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
            => throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
