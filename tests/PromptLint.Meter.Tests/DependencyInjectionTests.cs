using System.Diagnostics.Metrics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using PromptLint.Meter.Quotas;

namespace PromptLint.Meter.Tests;

/// <summary>
/// Issue 28, item 3 (part): UsePromptLintMeter takes the logger, the quota store and the clock from the application's
/// services when the options leave them unset, never changes the shared options, answers GetService for what it holds,
/// and disposes the instruments it created with the client.
/// </summary>
public sealed class DependencyInjectionTests
{
    [Fact]
    public async Task StoreAndClockRegisteredInServices_AreUsed_AndTheOptionsAreLeftUnchanged()
    {
        var store = new InMemoryQuotaStore();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 10, 30, 0, TimeSpan.Zero));
        PromptLintMeterOptions? seen = null;
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IQuotaStore>(store);
        services.AddSingleton<TimeProvider>(clock);
        services.AddChatClient(new QuotaTests.FailingClient()).UsePromptLintMeter(o =>
        {
            seen = o;
            o.MeterName = "PromptLint.DI." + Guid.NewGuid().ToString("N");
            o.TenantTokenQuota = 1_000;
            o.QuotaWindow = TimeSpan.FromHours(1);
        });
        using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<IChatClient>();

        await client.GetResponseAsync("Hi", QuotaTests.Call.Clone().ForTenant("acme"));

        // Regression: the options' own in-memory store and the system clock were used, and the logger was written into the options.
        var window = new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero).UtcTicks;
        Assert.Equal(10, await store.GetUsedAsync($"tokens:{window}:acme", CancellationToken.None));
        Assert.Null(seen!.Logger);
        Assert.Same(store, client.GetService<IQuotaStore>());
        Assert.NotNull(client.GetService<PromptLintMetrics>());
    }

    [Fact]
    public void DisposingTheServices_DisposesTheInstrumentsTheMeterCreated()
    {
        var name = "PromptLint.DI." + Guid.NewGuid().ToString("N");
        var completed = 0;
        using var listener = new MeterListener
        {
            InstrumentPublished = (i, l) => { if (i.Meter.Name == name) l.EnableMeasurementEvents(i); },
            MeasurementsCompleted = (_, _) => Interlocked.Increment(ref completed),
        };
        listener.Start();
        var services = new ServiceCollection();
        services.AddChatClient(new QuotaTests.FailingClient()).UsePromptLintMeter(o => o.MeterName = name);
        var provider = services.BuildServiceProvider();
        _ = provider.GetRequiredService<IChatClient>();

        provider.Dispose();

        Assert.True(completed > 0);
    }
}
