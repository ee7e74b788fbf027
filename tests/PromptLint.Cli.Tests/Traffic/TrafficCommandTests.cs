using System.Net;
using System.Text;
using PromptLint.Cli;
using PromptLint.Cli.Traffic;
using PromptLint.Contracts.Traffic;

namespace PromptLint.Cli.Tests.Traffic;

/// <summary>
/// <c>promptlint traffic</c> (issue 31 item 3): the queries it sends, how it reads a query API's answers (saved ones
/// written here by hand, in the shape Prometheus's HTTP API documents) and every way it refuses, with exit code 2.
/// </summary>
public sealed class TrafficCommandTests : IDisposable
{
    // Evaluated at 2026-12-07T00:00:00Z.
    private const long At = 1_796_601_600;

    private readonly string _directory = Directory.CreateTempSubdirectory("promptlint-traffic-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    internal static string Vector(params (string? PromptId, string Value)[] series) => Vector(At, series);

    internal static string Vector(long at, params (string? PromptId, string Value)[] series)
    {
        var items = series.Select(s => "{\"metric\":{" + (s.PromptId is null ? "\"job\":\"shop\"" : $"\"promptlint_prompt_id\":\"{s.PromptId}\"") + "},\"value\":[" + at + ".0,\"" + s.Value + "\"]}");
        return "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[" + string.Join(",", items) + "]}}";
    }

    private string Save(string name, string text)
    {
        File.WriteAllText(Path.Combine(_directory, name), text);
        return name;
    }

    private (int Exit, string Output, string Error) Cli(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = CommandLine.Run(args, TextReader.Null, output, error, _directory);
        return (exit, output.ToString(), error.ToString());
    }

    private async Task<(int Exit, string Error)> RunAsync(TrafficOptions options)
    {
        options.CurrentDirectory = _directory;
        options.Now = () => DateTimeOffset.FromUnixTimeSeconds(At);
        var error = new StringWriter();
        var exit = await new TrafficRunner(options, TextWriter.Null, error).RunAsync();
        return (exit, error.ToString());
    }

    private string Written() => File.ReadAllText(Path.Combine(_directory, "promptlint.traffic.json"));

    [Fact]
    public void DefaultQueries_ForSevenDays_AreTheOnesDocsTrafficPrints()
    {
        var window = TrafficDuration.Parse("7d", "--window", out _)!.Value;
        var queries = TrafficQueries.Default(window);
        Assert.Equal("sum by (promptlint_prompt_id) (increase(promptlint_calls_total[7d]))", queries.Calls);
        Assert.Equal(
            "sum by (promptlint_prompt_id) (increase(promptlint_tokens_total{promptlint_token_type=\"input\"}[7d]))"
            + " or sum by (promptlint_prompt_id) (increase(gen_ai_client_token_usage_sum{gen_ai_token_type=\"input\",promptlint_prompt_id!=\"\"}[7d]))",
            queries.Input);
        var docs = File.ReadAllText(Path.Combine(Fixture.RepoRoot(), "docs", "traffic.md"));
        foreach (var query in new[] { queries.Calls, queries.Input!, queries.Output! })
        {
            Assert.Contains(query, docs);
        }
    }

    [Fact]
    public void SavedAnswers_CallsAndTokens_WriteCallsPerDayAndMeanTokens_ByteIdenticalOnEveryRun()
    {
        // 7 days: 8,400 calls of triage (1,200 a day), 7 of faq (1 a day); tokens over the window.
        var calls = Save("calls.json", Vector(("support.triage", "8400"), ("faq.answer", "7")));
        var input = Save("input.json", Vector(("support.triage", "6823320"), ("faq.answer", "420")));
        var output = Save("output.json", Vector(("support.triage", "1008840"), ("faq.answer", "56")));

        var first = Cli("traffic", "--from-response", "calls=" + calls, "--from-response", "input=" + input, "--from-response", "output=" + output);
        Assert.True(first.Exit == 0, first.Error);
        var text = Written();
        Assert.Equal(
            "{\n"
            + "  \"schema\": \"promptlint.traffic/1\",\n"
            + "  \"source\": \"saved query API answers (calls: calls.json, input: input.json, output: output.json) over 7d\",\n"
            + "  \"window\": { \"start\": \"2026-11-30T00:00:00Z\", \"end\": \"2026-12-07T00:00:00Z\" },\n"
            + "  \"prompts\": [\n"
            + "    {\"id\":\"faq.answer\",\"callsPerDay\":1,\"meanInputTokens\":60,\"meanOutputTokens\":8},\n"
            + "    {\"id\":\"support.triage\",\"callsPerDay\":1200,\"meanInputTokens\":812.3,\"meanOutputTokens\":120.1}\n"
            + "  ],\n"
            + "  \"routes\": []\n"
            + "}\n",
            text);
        Assert.Contains("2 prompt id(s), 1,201 calls a day", first.Output);

        // Files named in order (calls, input, output) read the same, and the bytes do not change.
        File.Delete(Path.Combine(_directory, "promptlint.traffic.json"));
        Assert.Equal(0, Cli("traffic", "--from-response", calls, "--from-response", input, "--from-response", output).Exit);
        Assert.Equal(text, Written());

        // The canonical reader takes it back.
        var read = TrafficSerializer.Parse(text);
        Assert.Empty(read.Problems);
        Assert.Equal(1200m, read.File!.For("support.triage").CallsPerDay);
    }

    [Fact]
    public void SavedCallsOnly_WritesCallsPerDayWithoutMeans_RoundedToHundredths()
    {
        var calls = Save("calls.json", Vector(("report.summarize", "10")));
        var result = Cli("traffic", "--from-response", calls, "--window", "3d");
        Assert.True(result.Exit == 0, result.Error);
        Assert.Contains("{\"id\":\"report.summarize\",\"callsPerDay\":3.33}", Written());
    }

    [Fact]
    public void SavedAnswersEvaluatedAtDifferentTimes_StillWritten_WithANoteNamingBothTimes()
    {
        var calls = Save("calls.json", Vector(("faq.answer", "70")));
        var input = Save("input.json", Vector(At + 86_400, ("faq.answer", "700")));
        var result = Cli("traffic", "--from-response", calls, "--from-response", input);
        Assert.True(result.Exit == 0, result.Error);
        Assert.Contains("the input tokens answer was evaluated at 2026-12-08T00:00:00Z, the calls answer at 2026-12-07T00:00:00Z", result.Error);
    }

    [Fact]
    public void NoneAndOtherPromptIds_AreLeftOut_WithANoteSayingWhy()
    {
        var calls = Save("calls.json", Vector(("faq.answer", "70"), ("none", "14"), ("other", "700")));
        var result = Cli("traffic", "--from-response", calls);
        Assert.True(result.Exit == 0, result.Error);
        Assert.DoesNotContain("\"none\"", Written());
        Assert.DoesNotContain("\"other\"", Written());
        Assert.Contains("14 calls recorded under prompt id 'none' are left out", result.Error);
        Assert.Contains("'other'", result.Error);
        Assert.Contains("MaxAttributionSeries", result.Error);
    }

    public static TheoryData<string, string> BadAnswers => new()
    {
        { "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"1:14: parse error: unexpected identifier\"}", "answered status \"error\" (bad_data): 1:14: parse error" },
        { "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}", "the calls query returned no series" },
        { Vector((null, "12")), "has no promptlint_prompt_id label (job=\"shop\")" },
        { Vector(("faq.answer", "3"), ("faq.answer", "4")), "prompt 'faq.answer' is in more than one series" },
        { Vector(("faq.answer", "NaN")), "the value NaN" },
        { "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[]}}", "returned a matrix, not an instant vector" },
        { "<html>Grafana login</html>", "the answer is not JSON" },
        { "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{},\"value\":[1,2]}]}}", "series 1 of the result is not" },
        { Vector(("none", "5")), "only calls without a prompt id" },
        { Vector(("faq.answer", "1e300")), "more than the traffic file holds" },
        { Vector(("faq.answer", "-3")), "the value -3" },
        { "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{\"promptlint_prompt_id\":7},\"value\":[1,\"2\"]}]}}", "series 1 of the result is not" },
        { "[" + new string('[', 5000) + new string(']', 5001), "the answer is not JSON" },
    };

    [Theory]
    [MemberData(nameof(BadAnswers))]
    public void SavedAnswerThatCannotBeUsed_ExitCode2_OneClearLine_NoFileWritten(string answer, string expected)
    {
        var calls = Save("calls.json", answer);
        var result = Cli("traffic", "--from-response", calls);
        Assert.Equal(ExitCodes.BadInput, result.Exit);
        Assert.Contains(expected, result.Error);
        Assert.StartsWith("promptlint traffic: ", result.Error);
        Assert.DoesNotContain("   at ", result.Error);
        Assert.False(File.Exists(Path.Combine(_directory, "promptlint.traffic.json")));
    }

    [Theory]
    [InlineData(new[] { "traffic" }, "give either --prometheus")]
    [InlineData(new[] { "traffic", "--prometheus", "http://127.0.0.1:9", "--from-response", "a.json" }, "not both")]
    [InlineData(new[] { "traffic", "--from-response", "a.json", "--window", "7 days" }, "--window '7 days' is not a duration")]
    [InlineData(new[] { "traffic", "--from-response", "a.json", "--window", "0d" }, "is not a duration")]
    [InlineData(new[] { "traffic", "--from-response", "missing.json" }, "cannot read the saved calls answer 'missing.json'")]
    [InlineData(new[] { "traffic", "--from-response", "calls=a.json", "--from-response", "calls=b.json" }, "the calls answer is given twice")]
    [InlineData(new[] { "traffic", "--prometheus", "prometheus:9090" }, "is not an http(s) address")]
    [InlineData(new[] { "traffic", "--prometheus", "http://127.0.0.1:9", "--end", "yesterday" }, "--end 'yesterday' is not a time")]
    public void BadOptions_ExitCode2_WithWhatToDo(string[] args, string expected)
    {
        var result = Cli(args);
        Assert.Equal(ExitCodes.BadInput, result.Exit);
        Assert.Contains(expected, result.Error);
    }

    [Fact]
    public void SavedTokensWithoutCalls_OrAFourthAnswer_ExitCode2_SaysWhatToGive()
    {
        var input = Save("input.json", Vector(("faq.answer", "70")));
        var result = Cli("traffic", "--from-response", "input=" + input);
        Assert.Equal(ExitCodes.BadInput, result.Exit);
        Assert.Contains("no answer to the calls query. Give --from-response calls=<file>", result.Error);

        result = Cli("traffic", "--from-response", input, "--from-response", input, "--from-response", input, "--from-response", input);
        Assert.Equal(ExitCodes.BadInput, result.Exit);
        Assert.Contains("more than three answers", result.Error);
    }

    [Fact]
    public void TokensBeyondAnyModel_ExitCode2_NotAnOverflow()
    {
        var calls = Save("calls.json", Vector(("faq.answer", "7")));
        var input = Save("input.json", Vector(("faq.answer", "1e300")));
        var result = Cli("traffic", "--from-response", calls, "--from-response", input);
        Assert.Equal(ExitCodes.BadInput, result.Exit);
        Assert.Contains("more than any model takes", result.Error);
    }

    [Fact]
    public async Task TokenWithALineBreak_Or_TimeoutOverADay_ExitCode2_BeforeAnyRequest()
    {
        var handler = new ScriptedApi(_ => Vector(("faq.answer", "1")));
        var (exit, error) = await RunAsync(new TrafficOptions { Prometheus = "http://prometheus.test:9090", Token = "abc\ndef", Handler = handler });
        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Contains("cannot be sent as an HTTP header", error);
        Assert.DoesNotContain("abc", error);

        (exit, error) = await RunAsync(new TrafficOptions { Prometheus = "http://prometheus.test:9090", Timeout = "2w", Handler = handler });
        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Contains("--timeout is longer than a day", error);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public void QueryFile_ReplacesTheQueries_AndABadLineIsNamed()
    {
        var window = TrafficDuration.Parse("24h", "--window", out _)!.Value;
        var queries = TrafficQueries.Parse("# recording rules\ncalls: sum by (promptlint_prompt_id) (increase(app:llm_calls[$window]))\n\ninput: x[$window]\n", "q.txt", window, out var problem);
        Assert.Null(problem);
        Assert.Equal("sum by (promptlint_prompt_id) (increase(app:llm_calls[24h]))", queries!.Calls);
        Assert.Equal("x[24h]", queries.Input);
        Assert.Null(queries.Output);

        Assert.Null(TrafficQueries.Parse("calls: a\ntokens: b\n", "q.txt", window, out problem));
        Assert.StartsWith("q.txt(2): expected 'calls: <PromQL>'", problem);
        Assert.Null(TrafficQueries.Parse("input: a\n", "q.txt", window, out problem));
        Assert.Contains("no 'calls:' query", problem);
    }

    [Fact]
    public async Task Prometheus_SendsTheThreeQueries_AsInstantQueriesAtTheEnd_WithTheBearerToken()
    {
        var handler = new ScriptedApi(query => query.Contains("promptlint_calls_total", StringComparison.Ordinal)
            ? Vector(("faq.answer", "14"))
            : Vector(("faq.answer", "700")));
        var (exit, error) = await RunAsync(new TrafficOptions { Prometheus = "https://metrics.example.test/prometheus/", Token = "secret-token", Handler = handler });

        Assert.True(exit == 0, error);
        Assert.Equal(3, handler.Requests.Count);
        var first = handler.Requests[0];
        Assert.Equal("/prometheus/api/v1/query", first.Uri.AbsolutePath);
        Assert.Equal("Bearer secret-token", first.Authorization);
        Assert.Equal(TrafficQueries.Default(TrafficDuration.Parse("7d", "w", out _)!.Value).Calls, first.Query);
        Assert.Equal(At.ToString(), first.Time);
        Assert.Contains("{\"id\":\"faq.answer\",\"callsPerDay\":2,\"meanInputTokens\":50,\"meanOutputTokens\":50}", Written());
        Assert.Contains("Prometheus query API https://metrics.example.test/prometheus", Written());
        Assert.DoesNotContain("secret-token", Written());
    }

    [Fact]
    public async Task Prometheus_NoToken_SendsNoAuthorization_And401SaysWhichVariableToSet()
    {
        var handler = new ScriptedApi(_ => "{\"status\":\"error\",\"errorType\":\"unauthorized\",\"error\":\"no token\"}", HttpStatusCode.Unauthorized);
        var (exit, error) = await RunAsync(new TrafficOptions { Prometheus = "http://prometheus.test:9090", Handler = handler });
        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Null(handler.Requests[0].Authorization);
        Assert.Contains("calls query: the query API answered HTTP 401", error);
        Assert.Contains("PROMPTLINT_PROMETHEUS_TOKEN", error);
    }

    [Fact]
    public async Task Prometheus_ErrorStatusWithPrometheusBody_QuotesTheError()
    {
        var handler = new ScriptedApi(_ => "{\"status\":\"error\",\"errorType\":\"timeout\",\"error\":\"query timed out in expression evaluation\"}", HttpStatusCode.ServiceUnavailable);
        var (exit, error) = await RunAsync(new TrafficOptions { Prometheus = "http://prometheus.test:9090", Handler = handler });
        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Contains("HTTP 503 Service Unavailable: timeout: query timed out in expression evaluation.", error);
    }

    [Fact]
    public async Task Prometheus_NoAnswerWithinTheTimeout_ExitCode2_SaysRaiseTimeout()
    {
        var handler = new ScriptedApi(_ => Vector(("faq.answer", "1"))) { Hang = true };
        var (exit, error) = await RunAsync(new TrafficOptions { Prometheus = "http://prometheus.test:9090", Timeout = "1s", Handler = handler });
        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Contains("did not answer within 1 s. Raise --timeout", error);
    }

    [Fact]
    public async Task Prometheus_CancelledByTheCaller_StopsTheRun_AndWritesNoFile()
    {
        using var cancel = new CancellationTokenSource();
        var handler = new ScriptedApi(_ => Vector(("faq.answer", "1"))) { Hang = true, OnRequest = cancel.Cancel };

        // The command's action turns this into exit code 130 and "promptlint: cancelled" (CommandLineTests).
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => RunAsync(new TrafficOptions { Prometheus = "http://prometheus.test:9090", Timeout = "10m", Handler = handler, Cancellation = cancel.Token }));
        Assert.Empty(Directory.GetFiles(_directory, "*.json", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Prometheus_ConnectionRefused_ExitCode2_NamesTheAddress()
    {
        var handler = new ScriptedApi(_ => throw new HttpRequestException("Connection refused (prometheus.test:9090)"));
        var (exit, error) = await RunAsync(new TrafficOptions { Prometheus = "http://prometheus.test:9090", Handler = handler });
        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Contains("cannot reach the query API at http://prometheus.test:9090", error);
    }

    /// <summary>A query API in memory: answers each /api/v1/query with what the script returns for its query.</summary>
    private sealed class ScriptedApi : HttpMessageHandler
    {
        private readonly Func<string, string> _answer;
        private readonly HttpStatusCode _status;

        public ScriptedApi(Func<string, string> answer, HttpStatusCode status = HttpStatusCode.OK)
        {
            _answer = answer;
            _status = status;
        }

        public bool Hang { get; init; }

        public Action? OnRequest { get; init; }

        public List<(Uri Uri, string Query, string Time, string? Authorization)> Requests { get; } = new();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var parameters = System.Web.HttpUtility.ParseQueryString(request.RequestUri!.Query);
            Requests.Add((request.RequestUri, parameters["query"]!, parameters["time"]!, request.Headers.Authorization?.ToString()));
            OnRequest?.Invoke();
            if (Hang)
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            return new HttpResponseMessage(_status) { Content = new StringContent(_answer(parameters["query"]!), Encoding.UTF8, "application/json") };
        }
    }
}
