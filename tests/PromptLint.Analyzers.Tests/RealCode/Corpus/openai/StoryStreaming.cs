#pragma warning disable OPENAI001

using System;
using System.Threading.Tasks;
using OpenAI;
using OpenAI.Chat;

namespace Corpus.OpenAi.Stories;

/// <summary>Streaming completions with a developer message, the client from OpenAIClient.GetChatClient(model) with the model in a parameter.</summary>
public static class StoryStreaming
{
    public static async Task TellAsync(string animal, string model = "o4-mini")
    {
        ChatClient chat = new OpenAIClient(Environment.GetEnvironmentVariable("OPENAI_API_KEY")).GetChatClient(model);

        await foreach (StreamingChatCompletionUpdate update in chat.CompleteChatStreamingAsync(
            new DeveloperChatMessage("Tell bedtime stories for children aged four to six. No scary parts."),
            new UserChatMessage($"A story about a {animal} who learns to share.")))
        {
            foreach (var part in update.ContentUpdate)
            {
                Console.Write(part.Text);
            }
        }

        ChatCompletion moral = await chat.CompleteChatAsync(
            [ChatMessage.CreateUserMessage($"In one sentence, what is the moral of a story about a {animal} who learns to share?")],
            new ChatCompletionOptions { MaxOutputTokenCount = 60 });
        Console.WriteLine(moral.Content[0].Text);
    }
}
