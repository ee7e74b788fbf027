using System;
using System.Collections.Generic;
using OpenAI.Chat;

namespace Corpus.OpenAi.Transit;

/// <summary>Function tools with inline JSON schemas and a tool-calling loop.</summary>
public static class TransitTools
{
    private static readonly ChatTool NextDepartureTool = ChatTool.CreateFunctionTool(
        functionName: "get_next_departure",
        functionDescription: "Gets the next departure from a stop",
        functionParameters: BinaryData.FromString("""
            {
              "type": "object",
              "properties": {
                "stop": { "type": "string", "description": "The stop name" },
                "line": { "type": "string", "description": "The line number, for example 31" }
              },
              "required": ["stop"]
            }
            """));

    private static readonly ChatTool DelaysTool = ChatTool.CreateFunctionTool(
        "list_delays",
        "Lists the current delays on the network");

    public static void Run()
    {
        ChatClient client = new("gpt-4.1", Environment.GetEnvironmentVariable("OPENAI_API_KEY"));
        List<ChatMessage> messages = [new SystemChatMessage("You help travellers with the city's buses and trams.")];
        messages.Add(new UserChatMessage("When does the next 31 leave from Central Station?"));
        ChatCompletionOptions options = new() { Tools = { NextDepartureTool, DelaysTool } };

        while (true)
        {
            ChatCompletion completion = client.CompleteChat(messages, options);
            messages.Add(new AssistantChatMessage(completion));
            if (completion.FinishReason != ChatFinishReason.ToolCalls)
            {
                break;
            }

            foreach (ChatToolCall call in completion.ToolCalls)
            {
                messages.Add(new ToolChatMessage(call.Id, call.FunctionName == "list_delays" ? "No delays." : "In 4 minutes."));
            }
        }
    }
}
