using System;
using System.ComponentModel;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.Distributed;
using OpenAI;

namespace Corpus.Meai.Pipeline;

/// <summary>A client built through AsBuilder()...Build() with the model in a local, and tools from local functions and lambdas.</summary>
public static class CachedPipeline
{
    public static async Task RunAsync(IDistributedCache cache)
    {
        var model = "gpt-4o";

        [Description("Gets the local time of a city")]
        string GetLocalTime([Description("City name, for example Oslo")] string city) => $"12:00 in {city}";

        IChatClient client = new OpenAIClient(Environment.GetEnvironmentVariable("OPENAI_API_KEY"))
            .GetChatClient(model)
            .AsIChatClient()
            .AsBuilder()
            .UseDistributedCache(cache)
            .UseFunctionInvocation()
            .Build();

        var options = new ChatOptions
        {
            Tools =
            [
                AIFunctionFactory.Create(GetLocalTime),
                AIFunctionFactory.Create((int sides) => Random.Shared.Next(1, sides + 1), "roll_die", "Rolls a die with the given number of sides"),
            ],
            MaxOutputTokens = 300,
        };

        Console.WriteLine(await client.GetResponseAsync("What time is it in Lisbon, and roll a six-sided die for me.", options));

        await foreach (var update in client.GetStreamingResponseAsync(
            [new ChatMessage(ChatRole.System, "Reply in German."), new ChatMessage(ChatRole.User, "What time is it in Vienna?")], options))
        {
            Console.Write(update);
        }
    }
}
