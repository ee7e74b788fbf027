using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;

namespace Contoso.Kernel;

/// <summary>Semantic Kernel prompts: an inline prompt function and a chat history.</summary>
public sealed class TravelAdvisor(Microsoft.SemanticKernel.Kernel kernel)
{
    public async Task<string> PackingListAsync(string destination, int days)
    {
        var result = await kernel.InvokePromptAsync(
            "Write a packing list for a {{$days}}-day hiking trip to {{$destination}}. Group it by clothing, gear and food, and keep it under 25 items.",
            new KernelArguments(new OpenAIPromptExecutionSettings { MaxTokens = 400 })
            {
                ["days"] = days,
                ["destination"] = destination,
            });
        return result.ToString();
    }

    public async Task<string> ChatAsync(string question)
    {
        var history = new ChatHistory("You are a travel advisor for Contoso outdoor gear. Recommend products only from the Contoso catalog.");
        history.AddUserMessage(question);
        var chat = kernel.GetRequiredService<IChatCompletionService>();
        var reply = await chat.GetChatMessageContentAsync(history, new OpenAIPromptExecutionSettings { MaxTokens = 300 }, kernel);
        return reply.Content ?? string.Empty;
    }
}
