using Microsoft.Extensions.AI;
using static PromptLint.Meter.Tests.MeterTests;

using PromptLint.Counting.Tokenizers;

namespace PromptLint.Meter.Tests;

/// <summary>
/// A long-running meter does not grow: a million distinct messages (every user message differs in production) leave
/// the managed heap where it was. Measured after full collections, with a bound far above noise and far below what
/// one cache entry per message costs.
/// </summary>
[Collection(MemoryTests.Alone)]
public sealed class MemoryTests
{
    /// <summary>GC.GetTotalMemory is process-wide: nothing else may run meanwhile (Garnet tests allocate tens of MB).</summary>
    public const string Alone = "Memory, alone";

    [Fact]
    public async Task AMillionDistinctMessages_LeaveTheHeapFlat_AndTheProcessWideCountCacheUntouched()
    {
        // An input limit makes the meter count every call's input.
        var client = new PromptLintChatClient(new ScriptedClient { Usage = new UsageDetails { InputTokenCount = 12, OutputTokenCount = 2 } }, new PromptLintMeterOptions { MaxInputTokens = 100_000, MaxOutputTokens = 64 });
        var options = new ChatOptions { ModelId = "gpt-4o" }.ForTenant("acme").ForPrompt("support.triage");

        async Task SendAsync(int from, int count)
        {
            for (var i = from; i < from + count; i++)
            {
                await client.GetResponseAsync($"Ticket {i}: where is parcel {i * 7919 % 1_000_003}? It was due on day {i % 365}.", options);
            }
        }

        // Warm up (vocabulary, compiled pattern, pools), then measure the heap around a million more messages.
        await SendAsync(0, 20_000);
        var sharedBefore = TokenizerRegistry.Shared.CachedCounts;
        var before = Settled();

        await SendAsync(20_000, 1_000_000);
        var after = Settled();

        // Regression: every distinct text was cached forever in the process-wide registry (about 60 MB here).
        Assert.True(TokenizerRegistry.Shared.CachedCounts - sharedBefore < 1_000, $"The process-wide count cache grew by {TokenizerRegistry.Shared.CachedCounts - sharedBefore:N0} entries.");
        Assert.True(client.Counter.CachedCounts <= InputCounter.MaxCachedCounts + 1, $"The meter's count cache holds {client.Counter.CachedCounts:N0} entries.");
        Assert.True(after - before < 8 * 1024 * 1024, $"The managed heap grew by {(after - before) / 1024.0 / 1024.0:N1} MB over a million messages.");
    }

    private static long Settled()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}

[CollectionDefinition(MemoryTests.Alone, DisableParallelization = true)]
public sealed class MemoryTestsCollection
{
}
