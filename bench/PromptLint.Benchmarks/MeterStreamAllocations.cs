using System.Diagnostics;
using Microsoft.Extensions.AI;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using PromptLint.Meter;

namespace PromptLint.Benchmarks;

/// <summary>
/// <c>meter-stream [calls]</c>: bytes allocated and CPU time per streaming call (three chunks, reported usage) through
/// the meter, read to the end on one thread, with the OpenTelemetry SDK listening: no limit, a token quota in the
/// default in-memory store, and a consumer that stops after the first chunk. Written to check that the shared stream
/// reader (<c>SettledStream</c>) allocates no more per call than the two iterators it replaced.
/// </summary>
public static class MeterStreamAllocations
{
    private static readonly List<ChatMessage> Messages = [new(ChatRole.System, "You are a helpful assistant."), new(ChatRole.User, "Where is my order 10023?")];

    public static void Run(int calls)
    {
        var exported = new List<Metric>();
        using var provider = Sdk.CreateMeterProviderBuilder()
            .AddMeter(PromptLintMetrics.DefaultMeterName)
            .AddInMemoryExporter(exported, reader => reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = 3_600_000)
            .Build();
        var options = new ChatOptions { ModelId = "gpt-4o", MaxOutputTokens = 100 }.ForPrompt("support.triage").ForTenant("acme");
        var inner = new StreamingClient();
        var cases = new (string Name, IChatClient Client, bool Break)[]
        {
            ("UsePromptLintMeter(), no limit", new ChatClientBuilder(inner).UsePromptLintMeter().Build(), false),
            ("UsePromptLintMeter(), token quota", new ChatClientBuilder(inner).UsePromptLintMeter(o => { o.TenantTokenQuota = long.MaxValue / 4; o.QuotaWindow = TimeSpan.FromDays(1); }).Build(), false),
            ("UsePromptLintMeter(), token quota, stops after one chunk", new ChatClientBuilder(inner).UsePromptLintMeter(o => { o.TenantTokenQuota = long.MaxValue / 4; o.QuotaWindow = TimeSpan.FromDays(1); }).Build(), true),
        };
        Console.WriteLine("| Case | B/call | CPU ns/call |");
        Console.WriteLine("|---|---:|---:|");
        foreach (var (name, client, stop) in cases)
        {
            Read(client, options, calls / 4, stop); // warm-up and tiering
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            var started = Process.GetCurrentProcess().TotalProcessorTime;
            Read(client, options, calls, stop);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - started;
            Console.WriteLine($"| {name} | {(GC.GetAllocatedBytesForCurrentThread() - allocated) / calls} | {cpu.TotalMilliseconds * 1_000_000 / calls:F0} |");
        }
    }

    private static void Read(IChatClient client, ChatOptions options, int calls, bool stop)
    {
        for (var i = 0; i < calls; i++)
        {
            ReadOneAsync(client, options, stop).GetAwaiter().GetResult();
        }
    }

    private static async Task ReadOneAsync(IChatClient client, ChatOptions options, bool stop)
    {
        await foreach (var update in client.GetStreamingResponseAsync(Messages, options).ConfigureAwait(false))
        {
            if (stop)
            {
                break;
            }
        }
    }

    // Three chunks from cached updates, the last with usage, completing synchronously: only the meter allocates beyond
    // the inner iterator.
    private sealed class StreamingClient : IChatClient
    {
        private readonly ChatResponseUpdate[] _updates =
        [
            new(ChatRole.Assistant, "Your order") { ModelId = "gpt-4o-2024-08-06" },
            new(ChatRole.Assistant, " ships today."),
            new() { Contents = [new UsageContent(new UsageDetails { InputTokenCount = 20, OutputTokenCount = 5 })] },
        ];

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            foreach (var update in _updates)
            {
                yield return update;
            }

            await Task.CompletedTask.ConfigureAwait(false);
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
