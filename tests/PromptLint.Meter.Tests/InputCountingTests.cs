using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using PromptLint.Meter.Quotas;
using SharpToken;
using static PromptLint.Meter.Tests.MeterTests;

namespace PromptLint.Meter.Tests;

/// <summary>
/// Input is counted as it is sent, for input limits, reservations and estimates: every content kind of the messages,
/// the instructions and the tool definitions. SharpToken (o200k_base) is the oracle.
/// </summary>
public sealed class InputCountingTests
{
    private static readonly GptEncoding O200k = GptEncoding.GetEncoding("o200k_base");

    // Real-looking tool output: a tracking log of 20,000+ tokens.
    private static readonly string TrackingLog = string.Concat(Enumerable.Range(0, 2000).Select(i => $"2026-11-{1 + (i % 28):00} depot {i % 37}: parcel A123 scanned, status in_transit.\n"));

    private static List<ChatMessage> ConversationWithToolResult() => new()
    {
        new(ChatRole.User, "Where is my parcel A123?"),
        new(ChatRole.Assistant, [new FunctionCallContent("call_1", "track_parcel", new Dictionary<string, object?> { ["id"] = "A123" })]),
        new(ChatRole.Tool, [new FunctionResultContent("call_1", TrackingLog)]),
    };

    private static async Task<int> CountedInputAsync(IList<ChatMessage> messages, ChatOptions? options = null)
    {
        // A limit of 1 token rejects every call and says how many tokens it counted.
        var client = new PromptLintChatClient(new ScriptedClient(), new PromptLintMeterOptions { MaxInputTokens = 1 });
        var error = await Assert.ThrowsAsync<PromptBudgetExceededException>(() => client.GetResponseAsync(messages, options));
        return error.InputTokens;
    }

    [Fact]
    public async Task ToolResult_CountsAgainstTheInputLimit()
    {
        // Regression: only ChatMessage.Text was counted, so a 20,001-token tool result passed MaxInputTokens = 1,000.
        var inner = new ScriptedClient();
        var client = new PromptLintChatClient(inner, new PromptLintMeterOptions { MaxInputTokens = 1000 });

        var error = await Assert.ThrowsAsync<PromptBudgetExceededException>(() => client.GetResponseAsync(ConversationWithToolResult()));

        Assert.Equal(0, inner.Calls);
        var expected = O200k.CountTokens("Where is my parcel A123?")
            + O200k.CountTokens("call_1 track_parcel {\"id\":\"A123\"}")
            + O200k.CountTokens("call_1 " + TrackingLog);
        Assert.True(expected > 20_000, $"The tracking log is only {expected} tokens.");
        Assert.Equal(expected, error.InputTokens);
    }

    [Fact]
    public async Task ToolResult_CountsInTheQuotaReservation()
    {
        var inner = new ScriptedClient();
        var client = new PromptLintChatClient(inner, new PromptLintMeterOptions { TenantTokenQuota = 10_000, MaxOutputTokens = 100 });

        var error = await Assert.ThrowsAsync<QuotaExceededException>(() => client.GetResponseAsync(ConversationWithToolResult(), new ChatOptions().ForTenant("acme")));

        Assert.Equal(0, inner.Calls);
        Assert.True(error.Requested > 20_000, $"The reservation was {error.Requested} tokens.");
    }

    [Fact]
    public async Task ToolDefinitionsAndInstructions_AreCountedAsTheBuildCountsThem()
    {
        const string schema = """{"type":"object","properties":{"city":{"type":"string","description":"City name, e.g. Lisbon"}},"required":["city"]}""";
        var tool = AIFunctionFactory.CreateDeclaration("get_weather", "Gets today's weather for a city.", JsonDocument.Parse(schema).RootElement);
        var options = new ChatOptions { Tools = [tool], Instructions = "You are a concise weather assistant." };

        var counted = await CountedInputAsync([new(ChatRole.User, "Weather in Lisbon?")], options);

        // The wire form the build counts for a Microsoft.Extensions.AI tool (what the OpenAI adapter sends): parameters
        // rewritten to type, required, properties and "additionalProperties":false.
        const string parameters = """{"type":"object","required":["city"],"properties":{"city":{"type":"string","description":"City name, e.g. Lisbon"}},"additionalProperties":false}""";
        var wire = "{\"type\":\"function\",\"function\":{\"description\":\"Gets today's weather for a city.\",\"name\":\"get_weather\",\"parameters\":" + parameters + "}}";
        Assert.Equal(O200k.CountTokens("Weather in Lisbon?") + O200k.CountTokens("You are a concise weather assistant.") + O200k.CountTokens(wire), counted);
    }

    [Fact]
    public async Task TextData_IsCounted_BinaryDataIsNot()
    {
        var notes = "Customer prefers delivery after 18:00 and asked twice about customs fees.";
        var image = new byte[4096];
        new Random(1).NextBytes(image);
        var message = new ChatMessage(ChatRole.User, [new TextContent("Summarise the attachments."), new DataContent(Encoding.UTF8.GetBytes(notes), "text/plain"), new DataContent(image, "image/png"), new UriContent("https://example.com/label.pdf", "application/pdf")]);

        var counted = await CountedInputAsync([message]);

        Assert.Equal(O200k.CountTokens("Summarise the attachments.") + O200k.CountTokens(notes) + O200k.CountTokens("https://example.com/label.pdf"), counted);
    }

    [Fact]
    public async Task ReplacedText_IsCountedAgain()
    {
        // Counts are remembered per content object; a content whose text changed is not stale.
        var content = new TextContent("Short.");
        var messages = new List<ChatMessage> { new(ChatRole.User, [content]) };
        Assert.Equal(O200k.CountTokens("Short."), await CountedInputAsync(messages));

        content.Text = "A somewhat longer question about the delivery window.";
        Assert.Equal(O200k.CountTokens(content.Text), await CountedInputAsync(messages));
    }
}
