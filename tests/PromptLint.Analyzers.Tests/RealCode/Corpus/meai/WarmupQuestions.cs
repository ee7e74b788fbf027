using System;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using OpenAI;

namespace Corpus.Meai.Batch;

/// <summary>Fixed prompts sent one after another from arrays.</summary>
public static class WarmupQuestions
{
    private static readonly string[] Questions =
    {
        "What is a vector database?",
        "Explain retrieval-augmented generation in two sentences.",
        "Name three ways to reduce the cost of a language model call.",
        "What is the difference between a system prompt and a user prompt?",
    };

    public static async Task RunAsync()
    {
        IChatClient client = new OpenAIClient(Environment.GetEnvironmentVariable("OPENAI_API_KEY"))
            .GetChatClient("gpt-4o-mini")
            .AsIChatClient();

        foreach (var question in Questions)
        {
            Console.WriteLine(await client.GetResponseAsync(question));
        }

        string[] followUps = ["Give an example in C#.", "What are the limits of this approach?"];
        for (var i = 0; i < followUps.Length; i++)
        {
            await foreach (var update in client.GetStreamingResponseAsync(followUps[i]))
            {
                Console.Write(update);
            }
        }
    }
}
