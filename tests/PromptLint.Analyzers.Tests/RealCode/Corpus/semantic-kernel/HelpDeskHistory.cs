using System;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace Corpus.SemanticKernel.HelpDesk;

/// <summary>A ChatHistory started in the constructor and sent from several methods; Azure OpenAI registered on the kernel builder.</summary>
public sealed class HelpDeskHistory
{
    private readonly IChatCompletionService _chat;
    private readonly ChatHistory _history = new();

    public HelpDeskHistory(string endpoint, string apiKey)
    {
        var kernel = Kernel.CreateBuilder()
            .AddAzureOpenAIChatCompletion(deploymentName: "gpt-4o", endpoint: endpoint, apiKey: apiKey)
            .Build();
        _chat = kernel.GetRequiredService<IChatCompletionService>();
        _history.AddSystemMessage("You are the IT help desk. Ask for the operating system before giving instructions.");
    }

    public async Task<string> AskAsync(string question)
    {
        _history.AddUserMessage(question);
        var reply = await _chat.GetChatMessageContentAsync(_history);
        _history.Add(reply);
        return reply.Content ?? string.Empty;
    }

    public async Task<string> CloseTicketAsync()
    {
        var summary = new ChatHistory("You summarise help desk conversations for the ticket log.");
        summary.AddUserMessage("Summarise the conversation so far in three bullet points.");
        var reply = await _chat.GetChatMessageContentAsync(summary);
        return reply.Content ?? string.Empty;
    }
}
