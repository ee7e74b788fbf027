using System;
using System.ClientModel;
using System.Threading.Tasks;
using Azure.AI.OpenAI;
using Azure.Identity;
using OpenAI.Chat;

namespace Corpus.AzureOpenAi.Chat;

/// <summary>Azure OpenAI through AzureOpenAIClient.GetChatClient(deployment), with Entra ID and with a key.</summary>
public sealed class AzureChatService
{
    private const string Deployment = "gpt-4o";
    private readonly ChatClient _chatClient;

    public AzureChatService(Uri endpoint)
    {
        AzureOpenAIClient azureClient = new(endpoint, new DefaultAzureCredential());
        _chatClient = azureClient.GetChatClient(Deployment);
    }

    public async Task<string> ExplainErrorAsync(string errorMessage)
    {
        ChatCompletion completion = await _chatClient.CompleteChatAsync(
            new SystemChatMessage("You explain .NET exceptions to beginners."),
            new UserChatMessage("What does this error mean and how do I fix it?\n" + errorMessage));
        return completion.Content[0].Text;
    }

    public static async Task<string> QuickAnswerAsync(Uri endpoint, string key, string question)
    {
        var client = new AzureOpenAIClient(endpoint, new ApiKeyCredential(key)).GetChatClient("gpt-4o-mini");
        ChatCompletion completion = await client.CompleteChatAsync(question);
        return completion.Content[0].Text;
    }
}
