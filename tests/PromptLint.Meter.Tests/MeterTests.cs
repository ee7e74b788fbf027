using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using PromptLint.Meter;
using SharpToken;

namespace PromptLint.Meter.Tests;

/// <summary>The meter over a scripted inner client: what it records, what it enforces, and that it never changes the call's result.</summary>
public sealed class MeterTests : IDisposable
{
    private readonly string _meterName = "PromptLint.Test." + Guid.NewGuid().ToString("N");
    private readonly PromptLintMetrics _metrics;

    public MeterTests() => _metrics = new PromptLintMetrics(_meterName);

    public void Dispose() => _metrics.Dispose();

    private PromptLintChatClient Client(ScriptedClient inner, Action<PromptLintMeterOptions>? configure = null)
    {
        var options = new PromptLintMeterOptions { MeterName = _meterName };
        configure?.Invoke(options);
        return new PromptLintChatClient(inner, options, _metrics);
    }

    private MetricCollector<T> Collect<T>(string instrument)
        where T : struct
        => new(null, _meterName, instrument);

    [Fact]
    public async Task Response_RecordsGenAiHistogramsWithConventionTagsOnly_AndAttributedTokensCostOnCounters()
    {
        using var usage = Collect<long>("gen_ai.client.token.usage");
        using var tokens = Collect<long>("promptlint.tokens");
        using var cost = Collect<double>("promptlint.cost");
        using var duration = Collect<double>("gen_ai.client.operation.duration");
        var inner = new ScriptedClient { Usage = new UsageDetails { InputTokenCount = 1200, CachedInputTokenCount = 1024, OutputTokenCount = 80 }, ResponseModel = "gpt-4o-2024-08-06" };

        var options = new ChatOptions { ModelId = "gpt-4o" }.ForPrompt("support.triage").ForTenant("acme");
        var response = await Client(inner).GetResponseAsync("Classify: my parcel is late", options);

        Assert.Equal("scripted answer", response.Text);

        // The GenAI histograms carry exactly the tags UseOpenTelemetry() gives them: no prompt id, route or tenant.
        var input = Assert.Single(usage.GetMeasurementSnapshot(), m => (string?)m.Tags["gen_ai.token.type"] == "input");
        Assert.Equal(1200, input.Value);
        Assert.Equal(
            new[] { "gen_ai.operation.name", "gen_ai.provider.name", "gen_ai.request.model", "gen_ai.response.model", "gen_ai.token.type" },
            input.Tags.Keys.OrderBy(k => k, StringComparer.Ordinal));
        Assert.Equal("chat", input.Tags["gen_ai.operation.name"]);
        Assert.Equal("openai", input.Tags["gen_ai.provider.name"]);
        Assert.Equal("gpt-4o", input.Tags["gen_ai.request.model"]);
        Assert.Equal("gpt-4o-2024-08-06", input.Tags["gen_ai.response.model"]);
        Assert.Equal(80, Assert.Single(usage.GetMeasurementSnapshot(), m => (string?)m.Tags["gen_ai.token.type"] == "output").Value);
        var call = Assert.Single(duration.GetMeasurementSnapshot());
        Assert.False(call.Tags.ContainsKey("error.type"));
        Assert.False(call.Tags.ContainsKey("promptlint.tenant"));
        Assert.Equal("gpt-4o-2024-08-06", call.Tags["gen_ai.response.model"]);

        // Tokens per prompt id, route and tenant: input and output totals and the breakdown, on the counter.
        var byType = tokens.Totals().ToDictionary(m => (string)m.Tags["promptlint.token.type"]!);
        Assert.Equal(new[] { "cached_input", "input", "output" }, byType.Keys.OrderBy(k => k, StringComparer.Ordinal));
        Assert.Equal(1200, byType["input"].Value);
        Assert.Equal(80, byType["output"].Value);
        Assert.Equal(1024, byType["cached_input"].Value);
        Assert.All(byType.Values, m =>
        {
            Assert.Equal("support.triage", m.Tags["promptlint.prompt_id"]);
            Assert.Equal("acme", m.Tags["promptlint.tenant"]);
            Assert.Equal("none", m.Tags["promptlint.route"]);
            Assert.Equal("gpt-4o", m.Tags["gen_ai.request.model"]);
        });

        // gpt-4o list prices: 176 uncached input at $2.50, 1,024 cached at $1.25, 80 output at $10.00 per 1M tokens.
        var expected = (176 * 2.50 + 1024 * 1.25 + 80 * 10.0) / 1_000_000;
        var spent = Assert.Single(cost.Totals());
        Assert.Equal(expected, spent.Value, 10);
        Assert.Equal("acme", spent.Tags["promptlint.tenant"]);
    }

    [Fact]
    public async Task AttributeGenAIHistograms_AddsPromptRouteTenantAndDimensionsToTheHistograms()
    {
        using var usage = Collect<long>("gen_ai.client.token.usage");
        using var duration = Collect<double>("gen_ai.client.operation.duration");
        var inner = new ScriptedClient { Usage = new UsageDetails { InputTokenCount = 1200, OutputTokenCount = 80 }, ResponseModel = "gpt-4o-2024-08-06" };

        var options = new ChatOptions { ModelId = "gpt-4o" }.ForPrompt("support.triage").ForTenant("acme").WithDimension("feature", "triage");
        await Client(inner, o =>
        {
            o.AttributeGenAIHistograms = true;
            o.Dimensions.Add("feature");
        }).GetResponseAsync("Classify: my parcel is late", options);

        var input = Assert.Single(usage.GetMeasurementSnapshot(), m => (string?)m.Tags["gen_ai.token.type"] == "input");
        Assert.Equal(1200, input.Value);
        Assert.Equal("support.triage", input.Tags["promptlint.prompt_id"]);
        Assert.Equal("acme", input.Tags["promptlint.tenant"]);
        Assert.Equal("none", input.Tags["promptlint.route"]);
        Assert.Equal("triage", input.Tags["promptlint.feature"]);
        Assert.Equal("gpt-4o", input.Tags["gen_ai.request.model"]);
        Assert.Equal("gpt-4o-2024-08-06", input.Tags["gen_ai.response.model"]);
        var call = Assert.Single(duration.GetMeasurementSnapshot());
        Assert.Equal("acme", call.Tags["promptlint.tenant"]);
        Assert.Equal("support.triage", call.Tags["promptlint.prompt_id"]);
    }

    [Fact]
    public async Task Scope_AttributesCallsWithoutOptions()
    {
        using var calls = Collect<long>("promptlint.calls");
        using (PromptLintScope.Begin(route: "/tickets", tenant: "contoso"))
        {
            await Client(new ScriptedClient()).GetResponseAsync("Hi");
        }

        await Client(new ScriptedClient()).GetResponseAsync("Outside");
        var totals = calls.Totals();
        Assert.Equal(2, totals.Count);
        Assert.Equal(1, Assert.Single(totals, m => (string?)m.Tags["promptlint.route"] == "/tickets" && (string?)m.Tags["promptlint.tenant"] == "contoso").Value);
        Assert.Equal(1, Assert.Single(totals, m => (string?)m.Tags["promptlint.route"] == "none" && (string?)m.Tags["promptlint.tenant"] == "none").Value);
    }

    [Fact]
    public async Task Streaming_UsesTheFinalUsageContent()
    {
        using var usage = Collect<long>("gen_ai.client.token.usage");
        var inner = new ScriptedClient { Usage = new UsageDetails { InputTokenCount = 50, OutputTokenCount = 7 } };

        var text = string.Concat(await Client(inner).GetStreamingResponseAsync("Hi").Select(u => u.Text).ToListAsync());

        Assert.Equal("scripted answer", text);
        Assert.Equal(7, Assert.Single(usage.GetMeasurementSnapshot(), m => (string?)m.Tags["gen_ai.token.type"] == "output").Value);
        Assert.DoesNotContain(usage.GetMeasurementSnapshot(), m => m.Tags.ContainsKey("promptlint.estimated"));
    }

    [Fact]
    public async Task StreamingWithoutUsage_CountsTheTextAndLabelsItEstimated()
    {
        using var usage = Collect<long>("gen_ai.client.token.usage");

        await Client(new ScriptedClient()).GetStreamingResponseAsync("Hi").ToListAsync();

        var output = Assert.Single(usage.GetMeasurementSnapshot(), m => (string?)m.Tags["gen_ai.token.type"] == "output");
        Assert.Equal(GptEncoding.GetEncoding("o200k_base").CountTokens("scripted answer"), output.Value);
        Assert.Equal(true, output.Tags["promptlint.estimated"]);
    }

    [Fact]
    public async Task InputOverTheLimit_IsRejectedBeforeTheCall()
    {
        using var requests = Collect<long>("promptlint.rejections");
        using var duration = Collect<double>("gen_ai.client.operation.duration");
        var inner = new ScriptedClient();

        var error = await Assert.ThrowsAsync<PromptBudgetExceededException>(() =>
            Client(inner, o => o.MaxInputTokens = 5).GetResponseAsync("This question is certainly longer than five tokens.", new ChatOptions().ForPrompt("faq")));

        Assert.Equal(0, inner.Calls);
        Assert.Equal("faq", error.PromptId);
        Assert.Equal(5, error.Limit);
        Assert.Contains("over the limit of 5", error.Message);
        Assert.Equal("input_budget", Assert.Single(requests.GetMeasurementSnapshot()).Tags["promptlint.reason"]);
        Assert.Empty(duration.GetMeasurementSnapshot());
    }

    [Theory]
    [InlineData(null, 256)]
    [InlineData(4000, 256)]
    [InlineData(100, 100)]
    public async Task OutputCap_IsSetWhenMissingAndClampedWhenAbove_OnACopy(int? requested, int sent)
    {
        var inner = new ScriptedClient();
        var options = new ChatOptions { MaxOutputTokens = requested };

        await Client(inner, o => o.MaxOutputTokens = 256).GetResponseAsync("Hi", options);

        Assert.Equal(sent, inner.LastOptions!.MaxOutputTokens);
        Assert.Equal(requested, options.MaxOutputTokens);
    }

    [Fact]
    public async Task ProviderError_IsWhatTheCallerSees_AndIsCounted()
    {
        using var requests = Collect<double>("gen_ai.client.operation.duration");
        var inner = new ScriptedClient { Failure = new HttpRequestException("429 Too Many Requests") };

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => Client(inner).GetResponseAsync("Hi"));

        Assert.Same(inner.Failure, error);
        Assert.Equal(typeof(HttpRequestException).FullName, Assert.Single(requests.GetMeasurementSnapshot()).Tags["error.type"]);
    }

    [Fact]
    public async Task ThrowingMetricsListener_DoesNotFailTheCall()
    {
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == _meterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, _, _, _) => throw new InvalidOperationException("exporter down"));
        listener.SetMeasurementEventCallback<double>((_, _, _, _) => throw new InvalidOperationException("exporter down"));
        listener.Start();

        var response = await Client(new ScriptedClient { Usage = new UsageDetails { InputTokenCount = 1, OutputTokenCount = 1 } }).GetResponseAsync("Hi");

        Assert.Equal("scripted answer", response.Text);
    }

    [Fact]
    public async Task TenantCardinality_IsBounded()
    {
        using var metrics = new PromptLintMetrics(_meterName + ".bounded", maxDistinctValuesPerDimension: 2);
        using var calls = new MetricCollector<long>(null, _meterName + ".bounded", "promptlint.calls");
        var client = new PromptLintChatClient(new ScriptedClient(), new PromptLintMeterOptions(), metrics);

        foreach (var tenant in new[] { "a", "b", "c", "a" })
        {
            await client.GetResponseAsync("Hi", new ChatOptions().ForTenant(tenant));
        }

        var byTenant = calls.Totals().ToDictionary(m => (string)m.Tags["promptlint.tenant"]!, m => m.Value);
        Assert.Equal(new Dictionary<string, long> { ["a"] = 2, ["b"] = 1, ["other"] = 1 }, byTenant);
    }

    [Fact]
    public async Task BuilderExtension_PutsTheMeterInThePipeline_AndOutcomesAreRecorded()
    {
        var inner = new ScriptedClient();
        using var client = new ChatClientBuilder(inner).UsePromptLintMeter(o => o.MaxOutputTokens = 64).Build();

        await client.GetResponseAsync("Hi");

        Assert.Equal(64, inner.LastOptions!.MaxOutputTokens);
        using var outcomes = Collect<long>("promptlint.outcomes");
        _metrics.RecordOutcome("support.triage", success: true, tenant: "acme");
        Assert.Equal("success", Assert.Single(outcomes.GetMeasurementSnapshot()).Tags["promptlint.outcome"]);
    }

    [Fact]
    public async Task FootprintDrift_IsInputMinusTheBuildsStaticFootprint()
    {
        var report = Path.Combine(Path.GetTempPath(), "promptlint-report-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(report, """{"schemaVersion":1,"project":"App","prompts":[{"id":"support.triage","file":"P.cs","line":1,"role":"system","model":"gpt-4o","tokenizer":"o200k_base","exact":true,"staticTokens":900,"staticPrefixTokens":900,"holes":1,"toolSchemaTokens":0,"outputCap":null,"baselineStaticTokens":null,"delta":null}],"diagnostics":[]}""");
        using var drift = Collect<long>("promptlint.footprint.drift");
        var client = Client(new ScriptedClient { Usage = new UsageDetails { InputTokenCount = 1150, OutputTokenCount = 3 } }, o => o.LoadFootprints(report));

        await client.GetResponseAsync("Hi", new ChatOptions().ForPrompt("support.triage"));
        await client.GetResponseAsync("Hi", new ChatOptions().ForPrompt("not.in.the.report"));

        var measurement = Assert.Single(drift.GetMeasurementSnapshot());
        Assert.Equal(250, measurement.Value);
        Assert.Equal("support.triage", measurement.Tags["promptlint.prompt_id"]);
        File.Delete(report);
    }

    [Fact]
    public async Task UserDimensions_AreRecordedOnlyWhenDeclared()
    {
        using var calls = Collect<long>("promptlint.calls");
        var client = Client(new ScriptedClient(), o => o.Dimensions.Add("feature"));

        await client.GetResponseAsync("Hi", new ChatOptions().WithDimension("feature", "triage").WithDimension("user", "u-123"));

        var tags = Assert.Single(calls.Totals()).Tags;
        Assert.Equal("triage", tags["promptlint.feature"]);
        Assert.False(tags.ContainsKey("promptlint.user"));
    }

    [Fact]
    public async Task StreamAbandonedEarly_IsStillMeteredWithWhatWasStreamed()
    {
        using var requests = Collect<double>("gen_ai.client.operation.duration");
        using var usage = Collect<long>("gen_ai.client.token.usage");

        await foreach (var update in Client(new ScriptedClient()).GetStreamingResponseAsync("Hi"))
        {
            break;
        }

        Assert.False(Assert.Single(requests.GetMeasurementSnapshot()).Tags.ContainsKey("error.type"));
        Assert.Equal(GptEncoding.GetEncoding("o200k_base").CountTokens("scripted "), Assert.Single(usage.GetMeasurementSnapshot(), m => (string?)m.Tags["gen_ai.token.type"] == "output").Value);
    }

    [Fact]
    public async Task CacheWrites_ReportedAmongAdditionalCounts_AreCounted()
    {
        using var tokens = Collect<long>("promptlint.tokens");
        var details = new UsageDetails { InputTokenCount = 3000, OutputTokenCount = 10, AdditionalCounts = new() { ["InputTokenDetails.CacheCreationInputTokens"] = 2048 } };

        await Client(new ScriptedClient { Usage = details }).GetResponseAsync("Hi", new ChatOptions { ModelId = "claude-sonnet-4-5" });

        Assert.Equal(2048, Assert.Single(tokens.Totals(), m => (string?)m.Tags["promptlint.token.type"] == "cache_write").Value);
    }

    [Fact]
    public async Task ARefusal_IsTheReturnedTasksException_NotThrownFromTheCall()
    {
        // The call path without reservations is not an async method: a refusal must still come back in the task.
        var client = Client(new ScriptedClient(), o => o.MaxInputTokens = 1);

        var task = client.GetResponseAsync("This question is longer than one token.");

        await Assert.ThrowsAsync<PromptBudgetExceededException>(() => task);
    }

    [Fact]
    public async Task AnInnerClientThatAnswersLaterOrThrowsSynchronously_IsMeteredLikeAnyOther()
    {
        using var usage = Collect<long>("gen_ai.client.token.usage");
        using var duration = Collect<double>("gen_ai.client.operation.duration");
        var answer = new TaskCompletionSource<ChatResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        var later = new PromptLintChatClient(new DelegatingInner((_, _) => answer.Task), new PromptLintMeterOptions { MeterName = _meterName }, _metrics);
        var throwing = new PromptLintChatClient(new DelegatingInner((_, _) => throw new InvalidOperationException("thrown, not faulted")), new PromptLintMeterOptions { MeterName = _meterName }, _metrics);

        var pending = later.GetResponseAsync("Hi");
        Assert.Empty(duration.GetMeasurementSnapshot());
        answer.SetResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "late")) { Usage = new UsageDetails { InputTokenCount = 3, OutputTokenCount = 1 } });
        Assert.Equal("late", (await pending).Text);
        var faulted = throwing.GetResponseAsync("Hi");
        await Assert.ThrowsAsync<InvalidOperationException>(() => faulted);

        Assert.Equal(new long[] { 3, 1 }, usage.GetMeasurementSnapshot().Select(m => m.Value));
        Assert.Equal(new object?[] { null, typeof(InvalidOperationException).FullName }, duration.GetMeasurementSnapshot().Select(m => m.Tags.TryGetValue("error.type", out var type) ? type : null));
    }

    [Fact]
    public async Task ManyDeclaredDimensions_AreAllRecorded()
    {
        // More tags than fit the meter's stack buffer (attributed histograms): the list moves to the heap, nothing is dropped.
        using var usage = Collect<long>("gen_ai.client.token.usage");
        var names = Enumerable.Range(0, 6).Select(i => "d" + i).ToList();
        var client = Client(new ScriptedClient { Usage = new UsageDetails { InputTokenCount = 2, OutputTokenCount = 1 } }, o =>
        {
            o.AttributeGenAIHistograms = true;
            names.ForEach(n => o.Dimensions.Add(n));
        });
        var options = new ChatOptions().ForPrompt("p").ForTenant("t").ForRoute("r");
        names.ForEach(n => options.WithDimension(n, "v-" + n));

        await client.GetResponseAsync("Hi", options);

        var tags = usage.GetMeasurementSnapshot()[0].Tags;
        Assert.All(names, n => Assert.Equal("v-" + n, tags["promptlint." + n]));
        Assert.Equal("input", tags["gen_ai.token.type"]);
        Assert.Equal("p", tags["promptlint.prompt_id"]);
    }

    private sealed class DelegatingInner(Func<IEnumerable<ChatMessage>, ChatOptions?, Task<ChatResponse>> answer) : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) => answer(messages, options);

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }

    /// <summary>An inner client with a scripted answer, usage and failure.</summary>
    internal sealed class ScriptedClient : IChatClient
    {
        public UsageDetails? Usage { get; init; }

        public string? ResponseModel { get; init; }

        public Exception? Failure { get; init; }

        public int Calls { get; private set; }

        public ChatOptions? LastOptions { get; private set; }

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            Calls++;
            LastOptions = options;
            if (Failure is not null)
            {
                return Task.FromException<ChatResponse>(Failure);
            }

            return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "scripted answer")) { Usage = Usage, ModelId = ResponseModel });
        }

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            Calls++;
            LastOptions = options;
            await Task.Yield();
            yield return new ChatResponseUpdate(ChatRole.Assistant, "scripted ");
            yield return new ChatResponseUpdate(ChatRole.Assistant, "answer");
            if (Usage is not null)
            {
                yield return new ChatResponseUpdate { Contents = [new UsageContent(Usage)] };
            }
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
