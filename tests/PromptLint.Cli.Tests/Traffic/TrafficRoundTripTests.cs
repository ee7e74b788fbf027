using System.ClientModel;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenAI;
using OpenTelemetry.Metrics;
using PromptLint.Contracts.Traffic;
using PromptLint.Meter;
using PromptLint.Meter.Tests;

namespace PromptLint.Cli.Tests.Traffic;

/// <summary>
/// Issue 31 item 5, the traffic half: an ASP.NET Core app with PromptLint.Meter serves calls to the meter tests'
/// recorded OpenAI stub; its metrics go out through the real OpenTelemetry Prometheus exporter at /metrics; a local
/// query API answers the documented queries from that scrape (<see cref="PrometheusScrape"/>: a tiny evaluator, not
/// Prometheus); <c>promptlint traffic</c> writes the file; the file says what the app served.
/// The meter is a project reference, not the packed package: MeterWebAppTests already proves the packed meter in a
/// <c>dotnet new web</c> app, and here the app, the exporter, the query API and the command run in one process in
/// seconds, with the command called as its entry point (<c>CommandLine.Run</c>).
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class TrafficRoundTripTests : IDisposable
{
    private const int Asks = 5;
    private const int Summaries = 2;

    private readonly string _directory = Directory.CreateTempSubdirectory("promptlint-traffic-e2e-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>Calls the app served per prompt id, and the traffic file the command wrote from its metrics.</summary>
    internal sealed record ServedTraffic(string TrafficFile, PrometheusScrape Scrape, int ProviderRequests);

    [Theory]
    [InlineData(GenAIMetricsMode.Auto, false, false)]
    [InlineData(GenAIMetricsMode.Auto, true, false)]
    [InlineData(GenAIMetricsMode.Record, true, false)]
    [InlineData(GenAIMetricsMode.LeaveToOpenTelemetry, false, false)]
    [InlineData(GenAIMetricsMode.Auto, false, true)]
    [InlineData(GenAIMetricsMode.Record, true, true)]
    public async Task MeteredAppScrapedByTheRealExporter_TrafficFile_HasTheCallsAndMeanTokensItServed(GenAIMetricsMode mode, bool useOpenTelemetryInside, bool attributeHistograms)
    {
        var served = await ServeScrapeAndWriteTrafficAsync(Path.Combine(_directory, "promptlint.traffic.json"), mode, useOpenTelemetryInside, attributeHistograms: attributeHistograms);

        // The names the exporter really gives the meter's instruments (docs/traffic.md's queries read them).
        Assert.Contains("promptlint_calls_total", served.Scrape.Names);
        Assert.Equal(Asks, served.Scrape.Value("promptlint_calls_total", ("promptlint_prompt_id", "faq.answer")));

        // The attributed tokens are on promptlint.tokens in every mode; the meter's GenAI histograms carry the prompt id
        // too only when asked (then the queries must not count them twice).
        Assert.Equal(Asks * 1200, served.Scrape.Value("promptlint_tokens_total", ("promptlint_prompt_id", "faq.answer"), ("promptlint_token_type", "input")));
        if (attributeHistograms)
        {
            Assert.Equal(Asks * 1200, served.Scrape.Value("gen_ai_client_token_usage_sum", ("promptlint_prompt_id", "faq.answer"), ("gen_ai_token_type", "input")));
        }

        // Every call the app made reached the stub: 5 asks, 2 streamed summaries and one call without a prompt id.
        Assert.Equal(Asks + Summaries + 1, served.ProviderRequests);

        // Over a 1-day window, calls per day are the calls served; the means are the stub's recorded usage
        // (1,200 input and 8 output tokens per answer; 60 and 3 per stream).
        var text = File.ReadAllText(served.TrafficFile);
        var read = TrafficSerializer.Parse(text);
        Assert.Empty(read.Problems);
        var file = read.File!;
        Assert.Equal(new[] { "faq.answer", "support.summary" }, file.Prompts.Select(p => p.Id));
        var faq = file.For("faq.answer");
        Assert.Equal(Asks, faq.CallsPerDay);
        Assert.Equal(1200, faq.MeanInputTokens);
        Assert.Equal(8, faq.MeanOutputTokens);
        var summary = file.For("support.summary");
        Assert.Equal(Summaries, summary.CallsPerDay);
        Assert.Equal(60, summary.MeanInputTokens);
        Assert.Equal(3, summary.MeanOutputTokens);
        Assert.Equal(DateTimeOffset.Parse("2026-12-07T00:00:00Z"), file.WindowEnd);
        Assert.Equal(1, file.WindowDays);
    }

    [Fact]
    public async Task MeasuredTraffic_DrivesThePullRequestVerdict_AModelSwapFailsTheMonthlyBudget()
    {
        // The app sends the prompt under the id the build gives the prompt file, as an application does when it takes
        // its prompt ids from the baseline; the swap below changes no token, only the model and so the price.
        const string id = "Prompts/faq.prompty";
        static string Faq(string model) => $"""
            ---
            name: FAQ
            model:
              api: chat
              configuration:
                type: azure_openai
                azure_deployment: {model}
              parameters:
                max_tokens: 256
            ---
            system:
            You answer questions about Contoso parcels in one or two sentences, citing the tracking page when it helps.

            user:
            {"{{"}question{"}}"}
            """;
        using var repo = new Fixture();
        repo.Write(id, Faq("gpt-4o-mini"));
        Assert.Equal(0, repo.Run("check", "--update-baseline").Exit);
        var served = await ServeScrapeAndWriteTrafficAsync(repo.Path_("promptlint.traffic.json"), askPromptId: id);
        Assert.Equal(Asks, TrafficSerializer.Parse(File.ReadAllText(served.TrafficFile)).File!.For(id).CallsPerDay);

        repo.Write(id, Faq("gpt-4o"));
        var (exit, markdown, error) = repo.Run("check", "--format", "markdown", "--traffic", "promptlint.traffic.json", "--monthly-budget", "0.01", "--severity", "PL0022=warning");

        Assert.Equal(1, exit);
        Assert.Contains("error PL0023: FAIL", error);
        Assert.Contains("PL0022", markdown);
        var lead = markdown.Split('\n').First(line => line.Contains("/month at ", StringComparison.Ordinal));
        Assert.Contains("/month at the last 1 day's traffic; 1 prompt; largest: `" + id + "`", lead);
        Assert.Contains("model", lead);

        // The figure is the measured calls per day × 30 × the per-call change the report prices, to the cent.
        var json = repo.Run("check", "--format", "json", "--traffic", "promptlint.traffic.json", "--severity", "PL0022=warning").Output;
        using var report = System.Text.Json.JsonDocument.Parse(json);
        var money = report.RootElement.GetProperty("money");
        var prompt = money.GetProperty("prompts").EnumerateArray().Single(p => p.GetProperty("id").GetString() == id);
        var perCall = prompt.GetProperty("deltaPerCall").GetDecimal();
        Assert.True(perCall > 0);
        Assert.Equal(Math.Round(Asks * 30 * perCall, 2, MidpointRounding.AwayFromZero), prompt.GetProperty("monthlyDelta").GetDecimal());
    }

    /// <summary>
    /// The hook for the pull-request verdict (issue 31 item 5, once the gate branch is merged): serves the calls, scrapes
    /// the real exporter, answers the documented queries and runs <c>promptlint traffic --prometheus … --window 1d
    /// --out <paramref name="trafficFile"/></c>. A consumer build can then read the file with PromptLintTrafficFile
    /// and the test can assert its money delta and budget verdict.
    /// </summary>
    internal static async Task<ServedTraffic> ServeScrapeAndWriteTrafficAsync(string trafficFile, GenAIMetricsMode mode = GenAIMetricsMode.Auto, bool useOpenTelemetryInside = false, string askPromptId = "faq.answer", bool attributeHistograms = false)
    {
        using var openAi = new RecordedOpenAiServer();
        var meterName = "PromptLint.Traffic." + Guid.NewGuid().ToString("N");
        var otelSource = "PromptLint.Traffic.OTel." + Guid.NewGuid().ToString("N");
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(meterName)
            .AddMeter(otelSource) // UseOpenTelemetry()'s same-named series are exported too: the queries must leave them out
            .AddPrometheusExporter());
        var client = new OpenAIClient(new ApiKeyCredential("test-key"), new OpenAIClientOptions { Endpoint = openAi.Endpoint });
        var chat = builder.Services.AddChatClient(client.GetChatClient("gpt-4o-mini").AsIChatClient())
            .UsePromptLintMeter(o =>
            {
                o.MeterName = meterName;
                o.GenAIMetrics = mode;
                o.AttributeGenAIHistograms = attributeHistograms;
            });
        if (useOpenTelemetryInside)
        {
            chat.UseOpenTelemetry(sourceName: otelSource);
        }

        await using var app = builder.Build();
        app.MapPrometheusScrapingEndpoint("/metrics");
        app.MapPost("/ask", async (IChatClient chatClient) =>
            (await chatClient.GetResponseAsync("Where is my parcel?", new ChatOptions().ForPrompt(askPromptId).ForTenant("acme"))).Text);
        app.MapPost("/summarize", async (IChatClient chatClient) =>
        {
            var text = string.Empty;
            await foreach (var update in chatClient.GetStreamingResponseAsync("Summarise the ticket.", new ChatOptions().ForPrompt("support.summary").ForTenant("acme")))
            {
                text += update.Text;
            }

            return text;
        });
        app.MapPost("/untagged", async (IChatClient chatClient) => (await chatClient.GetResponseAsync("Hello?")).Text);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        using var http = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromMinutes(2) };

        for (var i = 0; i < Asks; i++)
        {
            Assert.Equal("Your parcel ships tomorrow.", await Ok(await http.PostAsync("/ask", null)));
        }

        for (var i = 0; i < Summaries; i++)
        {
            Assert.Equal("Ships tomorrow.", await Ok(await http.PostAsync("/summarize", null)));
        }

        await Ok(await http.PostAsync("/untagged", null));

        // The exporter may answer from a short cache: read until the last call shows.
        var scrape = await ScrapeAsync(http, s => s.Value("promptlint_calls_total", ("promptlint_prompt_id", "none")) == 1 && s.Value("promptlint_calls_total", ("promptlint_prompt_id", "support.summary")) == Summaries);

        await using var api = await QueryApiAsync(scrape);
        var apiAddress = api.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = CommandLine.Run(
            new[] { "traffic", "--prometheus", apiAddress, "--window", "1d", "--end", "2026-12-07T00:00:00Z", "--out", trafficFile, "--timeout", "2m" },
            TextReader.Null,
            output,
            error,
            Path.GetDirectoryName(trafficFile)!);
        Assert.True(exit == 0, $"promptlint traffic failed ({exit}):\n{error}\n/metrics:\n{scrape.Text}");
        Assert.Contains("1 calls recorded under prompt id 'none' are left out", error.ToString());
        return new ServedTraffic(trafficFile, scrape, openAi.Requests.Count);
    }

    private static async Task<string> Ok(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        return body;
    }

    private static async Task<PrometheusScrape> ScrapeAsync(HttpClient http, Func<PrometheusScrape, bool> done)
    {
        // Generous: the machine is shared; the loop ends as soon as the values show.
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (true)
        {
            var scrape = new PrometheusScrape(await http.GetStringAsync("/metrics", patience.Token));
            if (done(scrape))
            {
                return scrape;
            }

            await Task.Delay(100, patience.Token);
        }
    }

    // GET /api/v1/query answered by the evaluator over the one scrape.
    private static async Task<WebApplication> QueryApiAsync(PrometheusScrape scrape)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var api = builder.Build();
        api.MapGet("/api/v1/query", (HttpContext context) =>
        {
            var (status, json) = scrape.Answer(context.Request.Query["query"].ToString(), context.Request.Query["time"].ToString());
            return Results.Content(json, "application/json", statusCode: status);
        });
        await api.StartAsync();
        return api;
    }
}
