using Microsoft.Extensions.AI;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using PromptLint.Meter.Quotas;

namespace PromptLint.Meter.Tests;

/// <summary>Budgets per prompt, route and tenant; trimming; rate limits; cost quotas; unpriced models.</summary>
public sealed class BudgetTests
{
    private static PromptLintChatClient Client(Action<PromptLintMeterOptions> configure, IChatClient? inner = null, PromptLintMetrics? metrics = null)
    {
        var options = new PromptLintMeterOptions();
        configure(options);
        return new PromptLintChatClient(inner ?? new EchoClient(), options, metrics);
    }

    [Fact]
    public async Task PromptBudget_WinsOverRouteTenantAndDefault()
    {
        var inner = new EchoClient();
        var client = Client(o =>
        {
            o.MaxOutputTokens = 1000;
            o.TenantBudgets["acme"] = new BudgetOptions { MaxOutputTokens = 500 };
            o.RouteBudgets["/tickets"] = new BudgetOptions { MaxOutputTokens = 300 };
            o.PromptBudgets["support.triage"] = new BudgetOptions { MaxOutputTokens = 50 };
        }, inner);

        await client.GetResponseAsync("Hi", new ChatOptions().ForTenant("acme").ForRoute("/tickets").ForPrompt("support.triage"));
        Assert.Equal(50, inner.LastOptions!.MaxOutputTokens);
        await client.GetResponseAsync("Hi", new ChatOptions().ForTenant("acme").ForRoute("/tickets"));
        Assert.Equal(300, inner.LastOptions!.MaxOutputTokens);
        await client.GetResponseAsync("Hi", new ChatOptions().ForTenant("acme"));
        Assert.Equal(500, inner.LastOptions!.MaxOutputTokens);
        await client.GetResponseAsync("Hi", new ChatOptions().ForTenant("other"));
        Assert.Equal(1000, inner.LastOptions!.MaxOutputTokens);
    }

    [Fact]
    public async Task TrimInput_ShortensAnOverlongConversationInsteadOfRejecting()
    {
        var inner = new EchoClient();
        var client = Client(o =>
        {
            o.MaxInputTokens = 20;
            o.TrimInput = (messages, limit) => messages.Skip(messages.Count - 1).ToList();
        }, inner);
        var history = new List<ChatMessage>
        {
            new(ChatRole.User, string.Concat(Enumerable.Repeat("An old and very long turn of the conversation. ", 10))),
            new(ChatRole.User, "What now?"),
        };

        await client.GetResponseAsync(history);

        Assert.Equal("What now?", Assert.Single(inner.LastMessages!).Text);
    }

    [Fact]
    public async Task RequestsPerMinute_RejectsBeyondTheLimitPerTenant()
    {
        var client = Client(o => o.TenantRequestsPerMinute = 2);
        await client.GetResponseAsync("Hi", new ChatOptions().ForTenant("acme"));
        await client.GetResponseAsync("Hi", new ChatOptions().ForTenant("acme"));

        var error = await Assert.ThrowsAsync<RateLimitExceededException>(() => client.GetResponseAsync("Hi", new ChatOptions().ForTenant("acme")));
        Assert.Equal("acme", error.Tenant);
        await client.GetResponseAsync("Hi", new ChatOptions().ForTenant("contoso"));
    }

    [Fact]
    public async Task TokensPerMinute_CountsTheWorstCase()
    {
        var client = Client(o => o.TenantTokensPerMinute = 25);
        await client.GetResponseAsync("Hi", new ChatOptions { MaxOutputTokens = 9 }.ForTenant("acme"));
        await client.GetResponseAsync("Hi", new ChatOptions { MaxOutputTokens = 9 }.ForTenant("acme"));

        await Assert.ThrowsAsync<RateLimitExceededException>(() => client.GetResponseAsync("Hi", new ChatOptions { MaxOutputTokens = 9 }.ForTenant("acme")));
    }

    [Fact]
    public async Task CostQuota_InUsd_RejectsWhenTheWorstCaseWouldNotFit()
    {
        // gpt-4o: 1 input token at $2.50/M + 1,000 output tokens at $10.00/M = $0.0100025 per call, worst case and actual.
        var client = Client(o => o.TenantCostQuotaUsd = 0.025m, new EchoClient { OutputTokens = 1000 });
        var call = new ChatOptions { ModelId = "gpt-4o", MaxOutputTokens = 1000 };
        await client.GetResponseAsync("Hi", call.Clone().ForTenant("acme"));
        await client.GetResponseAsync("Hi", call.Clone().ForTenant("acme"));

        var error = await Assert.ThrowsAsync<QuotaExceededException>(() => client.GetResponseAsync("Hi", call.Clone().ForTenant("acme")));
        Assert.Equal("USD", error.Unit);
        Assert.Contains("of its $0.025 quota", error.Message);
    }

    [Fact]
    public async Task UnpricedModel_IsCountedNotGuessed()
    {
        var name = "PromptLint.Unpriced." + Guid.NewGuid().ToString("N");
        using var metrics = new PromptLintMetrics(name);
        using var unpriced = new MetricCollector<long>(null, name, "promptlint.unpriced_calls");
        using var cost = new MetricCollector<double>(null, name, "promptlint.cost");

        await Client(_ => { }, metrics: metrics).GetResponseAsync("Hi", new ChatOptions { ModelId = "contoso-llm-7b" });

        Assert.Equal("contoso-llm-7b", Assert.Single(unpriced.Totals()).Tags["gen_ai.request.model"]);
        Assert.Empty(cost.Totals());
    }

    private sealed class EchoClient : IChatClient
    {
        public int OutputTokens { get; init; } = 1;

        public ChatOptions? LastOptions { get; private set; }

        public IList<ChatMessage>? LastMessages { get; private set; }

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            LastOptions = options;
            LastMessages = messages.ToList();
            return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "ok")) { Usage = new UsageDetails { InputTokenCount = 1, OutputTokenCount = OutputTokens } });
        }

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
            => throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
