
using PromptLint.Contracts.Traffic;

namespace PromptLint.Core.Tests.Traffic;

public class TrafficFileTests
{
    [Fact]
    public void Write_IsCanonical_SortedOnePerLineInvariantNumbersUtcWindow()
    {
        var file = new TrafficFile(
            new[]
            {
                new TrafficPrompt("support.triage", 1200.50m, meanInputTokens: 812.34, meanOutputTokens: 120.06),
                new TrafficPrompt("billing.summary", 40m),
            },
            new[] { new TrafficRoute("/api/chat", 500m, new[] { "chat.*" }) },
            defaultCallsPerDay: 10.0m,
            source: "prometheus: sum by (promptlint_prompt_id) (increase(x[7d]))",
            windowStart: new DateTimeOffset(2026, 11, 30, 1, 0, 0, TimeSpan.FromHours(1)),
            windowEnd: new DateTimeOffset(2026, 12, 7, 0, 0, 0, TimeSpan.Zero));

        var text = TrafficSerializer.Write(file);

        Assert.Equal(
            "{\n  \"schema\": \"promptlint.traffic/1\",\n" +
            "  \"source\": \"prometheus: sum by (promptlint_prompt_id) (increase(x[7d]))\",\n" +
            "  \"window\": { \"start\": \"2026-11-30T00:00:00Z\", \"end\": \"2026-12-07T00:00:00Z\" },\n" +
            "  \"defaultCallsPerDay\": 10,\n" +
            "  \"prompts\": [\n" +
            "    {\"id\":\"billing.summary\",\"callsPerDay\":40},\n" +
            "    {\"id\":\"support.triage\",\"callsPerDay\":1200.5,\"meanInputTokens\":812.3,\"meanOutputTokens\":120.1}\n" +
            "  ],\n" +
            "  \"routes\": [\n" +
            "    {\"route\":\"/api/chat\",\"callsPerDay\":500,\"prompts\":[\"chat.*\"]}\n" +
            "  ]\n}\n",
            text);
    }

    [Fact]
    public void ParseOfWrite_RoundTripsEveryField()
    {
        var original = new TrafficFile(
            new[] { new TrafficPrompt("a", 3.25m, 100, 20) },
            new[] { new TrafficRoute("r", 7m, new[] { "b", "c*" }) },
            defaultCallsPerDay: 1m,
            source: "hand-written",
            windowStart: new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero),
            windowEnd: new DateTimeOffset(2026, 12, 8, 0, 0, 0, TimeSpan.Zero));

        var document = TrafficSerializer.Parse(TrafficSerializer.Write(original));

        Assert.Empty(document.Problems);
        var file = Assert.IsType<TrafficFile>(document.File);
        Assert.Equal(TrafficSerializer.Write(original), TrafficSerializer.Write(file));
        Assert.Equal(7, file.WindowDays);
        Assert.Equal(7, file.Prompts[0].Line); // schema, source, window, default, "prompts": [, then the entry
    }

    [Fact]
    public void For_PrefersThePromptsOwnEntry_ThenTheSumOfRoutesThatSendIt_ThenTheDefault()
    {
        var file = TrafficSerializer.Parse("""
            {
              "defaultCallsPerDay": 5,
              "prompts": [ { "id": "support.triage", "callsPerDay": 100 } ],
              "routes": [
                { "route": "/chat", "callsPerDay": 30, "prompts": ["support.*"] },
                { "route": "/mail", "callsPerDay": 12, "prompts": ["support.reply", "mail.*"] }
              ]
            }
            """).File!;

        Assert.Equal((100m, TrafficBasis.Prompt), Of(file.For("support.triage")));
        Assert.Equal((42m, TrafficBasis.Route), Of(file.For("support.reply")));
        Assert.Equal("/chat and 1 more", file.For("support.reply").Route);
        Assert.Equal((30m, TrafficBasis.Route), Of(file.For("support.faq")));
        Assert.Equal((5m, TrafficBasis.Default), Of(file.For("other")));
        Assert.Equal(150m, file.For("other").CallsPerMonth);
    }

    [Fact]
    public void For_WithoutADefault_UnnamedPromptHasNoTraffic()
    {
        var file = TrafficSerializer.Parse("""{ "prompts": [ { "id": "a", "callsPerDay": 1 } ] }""").File!;

        Assert.Equal((0m, TrafficBasis.None), Of(file.For("b")));
    }

    [Theory]
    [InlineData("a*c", "abbbc", true)]
    [InlineData("a*c", "abbbd", false)]
    [InlineData("*", "", true)]
    [InlineData("support.*", "support.", true)]
    [InlineData("*.triage", "x.triage", true)]
    [InlineData("exact", "exactly", false)]
    public void RoutePatterns_StarMatchesAnyRun(string pattern, string id, bool expected)
        => Assert.Equal(expected, new TrafficRoute("r", 1, new[] { pattern }).Sends(id));

    [Fact]
    public void Parse_BadEntries_CostOnlyThemselves_WithTheirLines()
    {
        var document = TrafficSerializer.Parse("{\n  \"prompts\": [\n    {\"id\":\"ok\",\"callsPerDay\":2},\n    {\"id\":\"neg\",\"callsPerDay\":-1},\n    {\"callsPerDay\":3},\n    {\"id\":\"ok\",\"callsPerDay\":9},\n    \"text\"\n  ],\n  \"routes\": [ {\"route\":\"/none\",\"callsPerDay\":1} ]\n}\n");

        var file = Assert.IsType<TrafficFile>(document.File);
        Assert.Equal(2m, file.For("ok").CallsPerDay);
        Assert.Empty(file.Routes);
        Assert.Equal(new[] { 4, 5, 6, 7, 9 }, document.Problems.Select(p => p.Line));
        Assert.All(document.Problems, p => Assert.False(p.IsFatal));
        Assert.Contains("'neg'", document.Problems[0].Message);
        Assert.Contains("appears twice", document.Problems[2].Message);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("[]", "JSON object")]
    [InlineData("{ \"source\": \"x\" }", "has no")]
    [InlineData("{ \"schema\": \"promptlint.traffic/9\", \"prompts\": [] }", "unsupported")]
    [InlineData("{ \"prompts\": [ {\"id\": \"a\", ", "invalid JSON")]
    public void Parse_UnusableFile_IsOneFatalProblem_NeverAnException(string text, string expected)
    {
        var document = TrafficSerializer.Parse(text);

        Assert.Null(document.File);
        var problem = Assert.Single(document.Problems);
        Assert.True(problem.IsFatal);
        Assert.Contains(expected, problem.Message);
    }

    [Fact]
    public void Parse_WindowThatEndsBeforeItStarts_IsDropped()
    {
        var document = TrafficSerializer.Parse("""{ "window": { "start": "2026-12-07T00:00:00Z", "end": "2026-12-01T00:00:00Z" }, "defaultCallsPerDay": 1 }""");

        Assert.Null(document.File!.WindowDays);
        Assert.Contains("ends before it starts", Assert.Single(document.Problems).Message);
    }

    private static (decimal, TrafficBasis) Of(TrafficEstimate estimate) => (estimate.CallsPerDay, estimate.Basis);
}
