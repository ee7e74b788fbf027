using System;
using System.Collections.Generic;
using System.ClientModel;
using System.Threading.Tasks;
using Azure.AI.OpenAI;
using Microsoft.Extensions.AI;

namespace Corpus.AzureOpenAi.Meai;

/// <summary>Azure OpenAI as an IChatClient with a deployment name in a local, and a history grown over turns.</summary>
public static class AzureMeaiChat
{
    public static async Task RunAsync(Uri endpoint, string key, IEnumerable<string> turns)
    {
        string deployment = "gpt-4.1";
        IChatClient client = new AzureOpenAIClient(endpoint, new ApiKeyCredential(key))
            .GetChatClient(deployment)
            .AsIChatClient();

        var history = new List<ChatMessage> { new(ChatRole.System, "You are a cooking assistant. Suggest recipes with ingredients people usually have at home.") };
        foreach (var turn in turns)
        {
            history.Add(new ChatMessage(ChatRole.User, turn));
            var response = await client.GetResponseAsync(history);
            history.AddMessages(response);
        }

        Console.WriteLine(await client.GetResponseAsync("List five spices every kitchen should have."));
    }
}
