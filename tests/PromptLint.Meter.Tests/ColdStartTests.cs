using Garnet;
using Microsoft.Extensions.AI;
using PromptLint.Meter.Quotas;
using StackExchange.Redis;
using static PromptLint.Meter.Tests.QuotaTests;

namespace PromptLint.Meter.Tests;

/// <summary>
/// Issue 34, item 1: quotas hold through a cold start. A fresh Garnet store, fresh connections that have sent nothing yet,
/// three instances with the default options, and the first burst of 1,000 concurrent calls against a quota of 100 calls.
/// </summary>
public sealed class ColdStartTests
{
    private readonly Xunit.Abstractions.ITestOutputHelper _output;

    public ColdStartTests(Xunit.Abstractions.ITestOutputHelper output) => _output = output;

    [Fact]
    public async Task FirstBurstThroughThreeColdInstances_AdmitsAtMost105Of100_InEveryOfFiveRuns()
    {
        var admittedPerRun = new List<int>();
        for (var run = 0; run < 5; run++)
        {
            var port = FreePort();
            using var server = new GarnetServer(new[] { "--bind", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--lua", "true" });
            server.Start();
            var connections = new List<ConnectionMultiplexer>();
            try
            {
                for (var i = 0; i < 3; i++)
                {
                    connections.Add(await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{port}"));
                }

                // Default timeout, breaker and failure mode: what an application gets.
                var clients = connections.Select(c => Client(new RedisQuotaStore(c.GetDatabase()), 1000)).ToList();
                var admitted = 0;
                await Task.WhenAll(Enumerable.Range(0, 1000).Select(i => Task.Run(async () =>
                {
                    try
                    {
                        await clients[i % 3].GetResponseAsync("Hi", Call.Clone().ForTenant("acme"));
                        Interlocked.Increment(ref admitted);
                    }
                    catch (QuotaExceededException)
                    {
                    }
                }))).WaitAsync(TimeSpan.FromMinutes(2));

                admittedPerRun.Add(admitted);
            }
            finally
            {
                foreach (var connection in connections)
                {
                    connection.Dispose();
                }
            }
        }

        _output.WriteLine("admitted per run: " + string.Join(", ", admittedPerRun));
        Assert.All(admittedPerRun, admitted => Assert.InRange(admitted, 100, 105));
    }
}
