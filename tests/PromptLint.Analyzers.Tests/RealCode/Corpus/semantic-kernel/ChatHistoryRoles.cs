using System;
using System.Threading.Tasks;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;

namespace Corpus.SemanticKernel.Roles;

/// <summary>ChatHistory with explicit AuthorRole messages and an assistant example, streamed; the service constructed directly.</summary>
public static class ChatHistoryRoles
{
    public static async Task RunAsync(string apiKey, string userQuestion)
    {
        var service = new OpenAIChatCompletionService("gpt-4.1-nano", apiKey);

        var history = new ChatHistory();
        history.AddMessage(AuthorRole.System, "You answer questions about board games. Mention the number of players.");
        history.AddUserMessage("Is chess a good game for a family?");
        history.AddAssistantMessage("Chess is for two players, so a family would need to take turns.");
        history.AddUserMessage(userQuestion);

        await foreach (var chunk in service.GetStreamingChatMessageContentsAsync(history, new OpenAIPromptExecutionSettings { MaxTokens = 300 }))
        {
            Console.Write(chunk.Content);
        }
    }
}
