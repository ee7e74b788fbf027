using System.Diagnostics;
using Microsoft.Extensions.AI;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using PromptLint.Meter;

namespace PromptLint.Benchmarks;

/// <summary>
/// <c>meter-ab [rounds] [sdk|none]</c>: the no-limit call through <c>UsePromptLintMeter()</c> against
/// <c>UseOpenTelemetry()</c>, interleaved in one process, for a machine too busy for separate BenchmarkDotNet runs to
/// agree. Each round times a block of calls of every case in turn (the order rotates each round) and divides each by
/// the <c>UseOpenTelemetry()</c> block of the same round; the medians of those ratios are what it prints, with the
/// median CPU time of the calling thread per call (not wall time: see <c>Block</c>) and the bytes allocated per call. Same set-up as <see cref="MeterSdkBenchmarks"/>: with <c>sdk</c> one
/// MeterProvider with an in-memory exporter listens to both meters (exports never run during the measurement); with
/// <c>none</c> nothing listens. The last case is the opt-in to prompt id, route and tenant on the GenAI histograms.
/// </summary>
public static class MeterSdkInterleaved
{
    private const int CallsPerBlock = 4_000;
    private static readonly List<ChatMessage> Messages = [new(ChatRole.System, "You are a helpful assistant."), new(ChatRole.User, "Where is my order 10023?")];

    public static void Run(int rounds, bool sdk)
    {
        var exported = new List<Metric>();
        using var provider = sdk
            ? Sdk.CreateMeterProviderBuilder()
                .AddMeter(PromptLintMetrics.DefaultMeterName, "Experimental.Microsoft.Extensions.AI*", "Microsoft.Extensions.AI*")
                .AddInMemoryExporter(exported, reader => reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = 3_600_000)
                .Build()
            : null;
        var options = new ChatOptions { ModelId = "gpt-4o", MaxOutputTokens = 100 }.ForPrompt("support.triage").ForTenant("acme");
        Console.WriteLine($"| Inner client | Case | median ns | median ratio | B/call |");
        Console.WriteLine("|---|---|---:|---:|---:|");

        // As MeterSdkBenchmarks (no metadata; provider and endpoint), then as the real OpenAI adapter answers: with
        // the metadata and the response's model id, which both meters add as gen_ai.response.model.
        foreach (var (endpoint, responseModel) in new[] { (false, false), (true, false), (true, true) })
        {
            var noop = new NoOpClient(endpoint ? new ChatClientMetadata("openai", new Uri("https://api.openai.com/v1"), "gpt-4o") : null, responseModel ? "gpt-4o-2024-08-06" : null);
            var inner = (endpoint ? "endpoint" : "no metadata") + (responseModel ? ", response model" : string.Empty);
            var cases = new (string Name, IChatClient Client)[]
            {
                ("UseOpenTelemetry()", new ChatClientBuilder(noop).UseOpenTelemetry().Build()),
                ("UsePromptLintMeter(), no limit", new ChatClientBuilder(noop).UsePromptLintMeter().Build()),
                ("UsePromptLintMetering() alone", new ChatClientBuilder(noop).UsePromptLintMetering().Build()),
                ("UseOpenTelemetry() + UsePromptLintMeter(LeaveToOpenTelemetry)", new ChatClientBuilder(noop).UseOpenTelemetry().UsePromptLintMeter(o => o.GenAIMetrics = GenAIMetricsMode.LeaveToOpenTelemetry).Build()),
                ("UsePromptLintMeter(AttributeGenAIHistograms)", new ChatClientBuilder(noop).UsePromptLintMeter(o => o.AttributeGenAIHistograms = true).Build()),
            };
            var times = cases.Select(_ => new List<double>()).ToArray();
            var ratios = cases.Select(_ => new List<double>()).ToArray();
            var bytes = new long[cases.Length];
            foreach (var (_, client) in cases)
            {
                Block(client, options, CallsPerBlock); // warm-up and tiering
            }

            for (var round = 0; round < rounds; round++)
            {
                var ns = new double[cases.Length];
                for (var k = 0; k < cases.Length; k++)
                {
                    var i = (k + round) % cases.Length;
                    var allocated = GC.GetAllocatedBytesForCurrentThread();
                    ns[i] = Block(cases[i].Client, options, CallsPerBlock);
                    bytes[i] = (GC.GetAllocatedBytesForCurrentThread() - allocated) / CallsPerBlock;
                }

                for (var i = 0; i < cases.Length; i++)
                {
                    times[i].Add(ns[i]);
                    ratios[i].Add(ns[i] / ns[0]);
                }
            }

            for (var i = 0; i < cases.Length; i++)
            {
                Console.WriteLine($"| {inner} | {cases[i].Name} | {Median(times[i]):F1} | {Median(ratios[i]):F2} | {bytes[i]} |");
            }
        }
    }

    // CPU time of this thread, not wall time: on a shared machine a block's wall time includes the time other
    // processes held the core, which varies from block to block by more than the differences measured here.
    private static double Block(IChatClient client, ChatOptions options, int calls)
    {
        var started = ThreadCpuNanoseconds();
        for (var i = 0; i < calls; i++)
        {
            _ = client.GetResponseAsync(Messages, options).Result;
        }

        return (double)(ThreadCpuNanoseconds() - started) / calls;
    }

    private static long ThreadCpuNanoseconds()
    {
        if (!OperatingSystem.IsLinux())
        {
            return (long)(Stopwatch.GetTimestamp() * (1_000_000_000.0 / Stopwatch.Frequency)); // wall time elsewhere
        }

        _ = clock_gettime(3 /* CLOCK_THREAD_CPUTIME_ID */, out var time);
        return (time.Seconds * 1_000_000_000) + time.Nanoseconds;
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int clock_gettime(int clock, out TimeSpec time);

    [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private sealed class NoOpClient(ChatClientMetadata? metadata, string? responseModel) : IChatClient
    {
        private readonly ChatResponse _response = new(new ChatMessage(ChatRole.Assistant, "ok")) { ModelId = responseModel, Usage = new UsageDetails { InputTokenCount = 20, OutputTokenCount = 1 } };

        // A new task per call, as in MeterSdkBenchmarks (its 72 B are in every case's allocations).
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) => Task.FromResult(_response);

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => serviceType == typeof(ChatClientMetadata) ? metadata : null;

        public void Dispose()
        {
        }
    }
}
