using Microsoft.Extensions.AI;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace PromptLint.Meter.Tests;

/// <summary>
/// Issue 31 (traffic per prompt id): <c>promptlint traffic</c> needs calls per prompt id in every pipeline. The GenAI
/// histograms' counts carry the prompt id only while the meter records them; with <c>UseOpenTelemetry()</c> inside the
/// meter or <see cref="GenAIMetricsMode.LeaveToOpenTelemetry"/> nothing counted calls per prompt id until
/// <c>promptlint.calls</c>.
/// </summary>
public sealed class CallCounterTests
{
    private readonly string _meterName = "PromptLint.Calls." + Guid.NewGuid().ToString("N");

    private static readonly UsageDetails Usage = new() { InputTokenCount = 120, OutputTokenCount = 7, TotalTokenCount = 127 };

    public static TheoryData<GenAIMetricsMode, bool> Pipelines => new()
    {
        { GenAIMetricsMode.Auto, false },
        { GenAIMetricsMode.Auto, true },
        { GenAIMetricsMode.Record, true },
        { GenAIMetricsMode.LeaveToOpenTelemetry, false },
    };

    private IChatClient Pipeline(IChatClient inner, GenAIMetricsMode mode, bool withOpenTelemetry, Action<PromptLintMeterOptions>? configure = null)
    {
        var builder = new ChatClientBuilder(inner).UsePromptLintMeter(o =>
        {
            o.MeterName = _meterName;
            o.GenAIMetrics = mode;
            configure?.Invoke(o);
        });
        if (withOpenTelemetry)
        {
            builder.UseOpenTelemetry(sourceName: "PromptLint.Tests.Calls." + Guid.NewGuid().ToString("N"));
        }

        return builder.Build();
    }

    [Theory]
    [MemberData(nameof(Pipelines))]
    public async Task EveryGenAIMetricsMode_CountsOneCallPerChargedCall_WithPromptIdRouteTenantAndModel(GenAIMetricsMode mode, bool withOpenTelemetry)
    {
        using var calls = new MetricCollector<long>(null, _meterName, "promptlint.calls");
        using var client = Pipeline(new MeterTests.ScriptedClient { Usage = Usage, ResponseModel = "gpt-4o-mini" }, mode, withOpenTelemetry);

        for (var i = 0; i < 3; i++)
        {
            await client.GetResponseAsync("Where is my parcel?", new ChatOptions { ModelId = "gpt-4o-mini" }.ForPrompt("faq.answer").ForTenant("acme").ForRoute("/ask"));
        }

        await client.GetResponseAsync("Summarise this ticket.", new ChatOptions { ModelId = "gpt-4o-mini" }.ForPrompt("support.triage").ForTenant("acme"));

        // One series per prompt id here, each with its calls so far, as a reader collects them.
        var snapshot = calls.Totals();
        var byPrompt = snapshot.ToDictionary(m => (string)m.Tags["promptlint.prompt_id"]!, m => m.Value);
        Assert.Equal(2, byPrompt.Count);
        Assert.Equal(3, byPrompt["faq.answer"]);
        Assert.Equal(1, byPrompt["support.triage"]);
        var first = Assert.Single(snapshot, m => (string?)m.Tags["promptlint.prompt_id"] == "faq.answer");
        Assert.Equal("/ask", first.Tags["promptlint.route"]);
        Assert.Equal("acme", first.Tags["promptlint.tenant"]);
        Assert.Equal("gpt-4o-mini", first.Tags["gen_ai.request.model"]);
        Assert.False(first.Tags.ContainsKey("gen_ai.token.type"));
    }

    [Fact]
    public async Task RefusedCallAndHttpErrorStatus_AreNotCounted_AsNothingIsCharged()
    {
        using var calls = new MetricCollector<long>(null, _meterName, "promptlint.calls");
        using var refusing = Pipeline(new MeterTests.ScriptedClient { Usage = Usage }, GenAIMetricsMode.Auto, withOpenTelemetry: false, o => o.MaxInputTokens = 2);
        await Assert.ThrowsAsync<PromptBudgetExceededException>(() => refusing.GetResponseAsync("A question far longer than two tokens.", new ChatOptions().ForPrompt("faq.answer")));

        using var failing = Pipeline(new MeterTests.ScriptedClient { Failure = new HttpRequestException("busy", null, System.Net.HttpStatusCode.TooManyRequests) }, GenAIMetricsMode.Auto, withOpenTelemetry: false);
        await Assert.ThrowsAsync<HttpRequestException>(() => failing.GetResponseAsync("Hi", new ChatOptions().ForPrompt("faq.answer")));

        Assert.Empty(calls.Totals());
    }
}
