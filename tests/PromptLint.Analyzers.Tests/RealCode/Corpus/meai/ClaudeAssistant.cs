using System;
using System.Threading.Tasks;
using Anthropic;
using Microsoft.Extensions.AI;

namespace Corpus.Meai.Claude;

/// <summary>Claude through the Anthropic SDK's IChatClient, with a tool and instructions.</summary>
public static class ClaudeAssistant
{
    public static async Task RunAsync()
    {
        IChatClient chatClient = new AnthropicClient()
            .AsIChatClient("claude-sonnet-4-5")
            .AsBuilder()
            .UseFunctionInvocation()
            .Build();

        ChatOptions options = new()
        {
            Instructions = "You are a terse assistant. Answer in one sentence.",
            MaxOutputTokens = 200,
            Tools =
            [
                AIFunctionFactory.Create(() => Environment.MachineName, "get_machine_name", "Gets the name of the computer the user is on."),
            ],
        };

        var response = await chatClient.GetResponseAsync("What is the name of my computer?", options);
        Console.WriteLine(response.Text);

        IChatClient haiku = new AnthropicClient().AsIChatClient("claude-haiku-4-5");
        await foreach (var update in haiku.GetStreamingResponseAsync("Write a haiku about compilers.", new ChatOptions { MaxOutputTokens = 100 }))
        {
            Console.Write(update);
        }
    }
}
