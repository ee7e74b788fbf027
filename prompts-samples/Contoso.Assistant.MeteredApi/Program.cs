using System.ClientModel;
using Contoso.Assistant;
using Microsoft.Extensions.AI;
using OpenAI;
using OpenTelemetry.Metrics;
using PromptLint.Meter;

// A minimal API metered by PromptLint: tokens, cost, cache hits and drift per route, tenant and prompt id on /metrics.
// Without OPENAI_API_KEY it talks to SampleOnlyFakeOpenAi below, which returns canned completions (no network).
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddMeter(PromptLintMetrics.DefaultMeterName).AddPrometheusExporter());

var app = builder.Build();
var apiKey = Environment.GetEnvironmentVariable("OPENAI_API_KEY");
var endpoint = apiKey is null ? new Uri((app.Urls.FirstOrDefault() ?? "http://127.0.0.1:5080") + "/sample-only-fake-openai/v1") : null;

IChatClient chat = new ChatClientBuilder(
        new OpenAIClient(new ApiKeyCredential(apiKey ?? "sample-only"), new OpenAIClientOptions { Endpoint = endpoint })
            .GetChatClient("gpt-4o-mini")
            .AsIChatClient())
    .UsePromptLintMeter(options =>
    {
        options.MaxOutputTokens = 300;
        options.TenantTokenQuota = 20_000;
        options.QuotaWindow = TimeSpan.FromMinutes(1);
        var report = Path.Combine(AppContext.BaseDirectory, "promptlint-report.json");
        if (File.Exists(report))
        {
            options.LoadFootprints(report);
        }
    })
    .Build();

// Route and tenant for every call made while handling a request.
app.Use(async (context, next) =>
{
    var tenant = context.Request.Headers["X-Tenant"].FirstOrDefault() ?? "anonymous";

    // The route template, not the raw path: ids in paths would fill the metric's cardinality cap.
    var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "unmatched";
    using (PromptLintScope.Begin(route: route, tenant: tenant))
    {
        await next();
    }
});

app.MapPost("/ask", async (Question question, CancellationToken cancellationToken) =>
{
    List<ChatMessage> messages =
    [
        new(ChatRole.System, AssistantPrompts.System),
        new(ChatRole.User, question.Text),
    ];
    var response = await chat.GetResponseAsync(messages, new ChatOptions { MaxOutputTokens = 200 }.ForPrompt(AssistantPrompts.Id), cancellationToken);
    return Results.Ok(new { answer = response.Text });
});

app.MapPrometheusScrapingEndpoint("/metrics");
SampleOnlyFakeOpenAi.Map(app);
app.Run();

internal sealed record Question(string Text);
