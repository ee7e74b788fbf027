using Microsoft.Extensions.AI;
using PromptLint.Meter.Quotas;
using static PromptLint.Meter.Tests.QuotaTests;

namespace PromptLint.Meter.Tests;

/// <summary>Issue 34, item 1: a settlement the store could not take is kept and retried when the store answers again.</summary>
public sealed class SettlementRetryTests
{
    [Fact]
    public async Task SettlementDuringAnOutage_IsAppliedWhenTheStoreAnswersAgain_SoTheWindowIsNotUndercounted()
    {
        var store = new SwitchableStore(new InMemoryQuotaStore());
        var inner = new FailingClient { InputTokens = 51 }; // uses 60, reserves 10
        var client = Client(store, 10_000, inner: inner);

        store.SettlementsFail = true;
        await client.GetResponseAsync("Hi", Call.Clone().ForTenant("acme"));
        store.SettlementsFail = false;

        // The next call's reservation is the store's answer that starts the retry.
        await client.GetResponseAsync("Hi", Call.Clone().ForTenant("acme"));

        // Regression: the first settlement was dropped and the window held 10 + 60 = 70.
        for (var i = 0; i < 600 && (await client.GetUsageAsync("acme")).TokensUsed != 120; i++)
        {
            await Task.Delay(50);
        }

        Assert.Equal(120, (await client.GetUsageAsync("acme")).TokensUsed);
    }

    private sealed class SwitchableStore(IQuotaStore inner) : IQuotaStore
    {
        public volatile bool SettlementsFail;

        public Task<QuotaReservation> ReserveAsync(string bucket, long amount, long limit, TimeSpan window, CancellationToken cancellationToken)
            => inner.ReserveAsync(bucket, amount, limit, window, cancellationToken);

        public Task SettleAsync(QuotaReservation reservation, long actual, CancellationToken cancellationToken)
            => SettlementsFail ? Task.FromException(new TimeoutException("store went away")) : inner.SettleAsync(reservation, actual, cancellationToken);

        public Task<long> GetUsedAsync(string bucket, CancellationToken cancellationToken) => inner.GetUsedAsync(bucket, cancellationToken);
    }
}
