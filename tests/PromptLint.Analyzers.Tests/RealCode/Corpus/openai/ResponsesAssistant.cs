using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using OpenAI.Responses;

#pragma warning disable OPENAI001

namespace Corpus.OpenAi.Responses;

/// <summary>The Responses API: plain text input, input items with options, and function tools.</summary>
public sealed class ResponsesAssistant
{
    private const string Model = "gpt-5-mini";

    private static readonly FunctionTool OrderStatusTool = ResponseTool.CreateFunctionTool(
        functionName: "get_order_status",
        functionDescription: "Gets the status of an order",
        functionParameters: BinaryData.FromString("""{"type":"object","properties":{"orderId":{"type":"string"}},"required":["orderId"],"additionalProperties":false}"""),
        strictModeEnabled: true);

    private static readonly FunctionTool CancelOrderTool = ResponseTool.CreateFunctionTool(
        functionName: "cancel_order",
        functionDescription: "Cancels an order that has not shipped yet",
        functionParameters: BinaryData.FromString("""{"type":"object","properties":{"orderId":{"type":"string"},"reason":{"type":"string"}},"required":["orderId","reason"],"additionalProperties":false}"""),
        strictModeEnabled: true);

    private readonly ResponsesClient _client = new(Environment.GetEnvironmentVariable("OPENAI_API_KEY"));

    public async Task<string> SloganAsync(string product)
    {
        ResponseResult response = await _client.CreateResponseAsync(Model, $"Write a slogan for {product}.");
        return response.GetOutputText();
    }

    public async Task<string> SupportAsync(string customerMessage)
    {
        List<ResponseItem> input =
        [
            ResponseItem.CreateDeveloperMessageItem("You are the order desk of a bookshop. Use the tools to look up and cancel orders."),
            ResponseItem.CreateUserMessageItem(customerMessage),
        ];
        CreateResponseOptions options = new(Model, input)
        {
            Tools = { OrderStatusTool, CancelOrderTool },
            MaxOutputTokenCount = 500,
        };
        ResponseResult response = await _client.CreateResponseAsync(options);
        return response.GetOutputText();
    }
}
