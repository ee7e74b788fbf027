using System;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using OpenAI;

namespace Corpus.Meai.Hosting;

/// <summary>A chat client registered in dependency injection with its model in a constant, resolved and used elsewhere.</summary>
public static class HostedChat
{
    private const string ChatModel = "gpt-4.1-mini";

    public static IServiceCollection AddAssistant(this IServiceCollection services, string apiKey)
    {
        services.AddSingleton(new OpenAIClient(apiKey));
        services.AddChatClient(sp => sp.GetRequiredService<OpenAIClient>().GetChatClient(ChatModel).AsIChatClient())
            .UseFunctionInvocation();
        return services;
    }

    public static async Task<string> AskAsync(IServiceProvider services, string question)
    {
        var chatClient = services.GetRequiredService<IChatClient>();
        var response = await chatClient.GetResponseAsync(
            [new ChatMessage(ChatRole.System, "Answer questions about the company's travel policy."), new ChatMessage(ChatRole.User, question)]);
        return response.Text;
    }
}
