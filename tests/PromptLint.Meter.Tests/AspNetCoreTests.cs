using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using PromptLint.Meter.AspNetCore;

namespace PromptLint.Meter.Tests;

/// <summary>
/// A web app as docs/meter.md sets it up (AddChatClient + UsePromptLintMeter + UsePromptLintRejections), on Kestrel on
/// 127.0.0.1: a quota or rate-limit rejection reaches the HTTP client as 429 with Retry-After and ProblemDetails.
/// </summary>
public sealed class AspNetCoreTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 20, 0, TimeSpan.Zero);

    private static async Task<WebApplication> StartAsync(Action<PromptLintMeterOptions> configure, Func<IChatClient, Task<string>>? endpoint = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var clock = new FrozenWallClock(Now);
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Services.AddChatClient(new QuotaTests.FailingClient()).UsePromptLintMeter(o =>
        {
            o.TimeProvider = clock;
            o.QuotaWindow = TimeSpan.FromHours(1);
            configure(o);
        });
        var app = builder.Build();
        app.UsePromptLintRejections();
        app.MapGet("/ask", (IChatClient chat) => endpoint is null ? AskAsync(chat) : endpoint(chat));
        await app.StartAsync();
        return app;
    }

    private static async Task<string> AskAsync(IChatClient chat) => (await chat.GetResponseAsync("Hi", QuotaTests.Call.Clone().ForTenant("acme"))).Text;

    [Fact]
    public async Task QuotaExceeded_Is429WithRetryAfterUntilTheWindowEnds_AndProblemDetails()
    {
        await using var app = await StartAsync(o => o.TenantTokenQuota = 10);
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };

        Assert.Equal("ok", await http.GetStringAsync("/ask"));
        using var refused = await http.GetAsync("/ask");

        // Regression: the rejection reached the HTTP client as 500.
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(TimeSpan.FromMinutes(40), refused.Headers.RetryAfter?.Delta);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
        Assert.Equal(429, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal(PromptLintRejections.QuotaType, problem.RootElement.GetProperty("type").GetString());
        Assert.Equal("acme", problem.RootElement.GetProperty("tenant").GetString());
        Assert.Equal(10, problem.RootElement.GetProperty("limit").GetInt64());
        Assert.Equal("/ask", problem.RootElement.GetProperty("instance").GetString());
    }

    [Fact]
    public async Task RateLimited_Is429WithProblemDetails()
    {
        await using var app = await StartAsync(o => o.TenantRequestsPerMinute = 1);
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };

        await http.GetStringAsync("/ask");
        using var refused = await http.GetAsync("/ask");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        using var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
        Assert.Equal(PromptLintRejections.RateLimitType, problem.RootElement.GetProperty("type").GetString());
    }

    [Fact]
    public async Task InputOverItsBudget_Is413WithProblemDetails_AndNoRetryAfter()
    {
        await using var app = await StartAsync(o => o.MaxInputTokens = 0);
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };

        using var refused = await http.GetAsync("/ask");

        // Regression: the refusal reached the HTTP client as 500.
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.StatusCode);
        Assert.Null(refused.Headers.RetryAfter);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
        Assert.Equal(PromptLintRejections.PromptTooLargeType, problem.RootElement.GetProperty("type").GetString());
        Assert.Equal(0, problem.RootElement.GetProperty("limit").GetInt32());
        Assert.True(problem.RootElement.GetProperty("inputTokens").GetInt32() > 0);
    }

    [Fact]
    public async Task OtherExceptions_AreLeftAlone()
    {
        await using var app = await StartAsync(_ => { }, _ => throw new InvalidOperationException("a bug"));
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };

        using var response = await http.GetAsync("/ask");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
    }
}
