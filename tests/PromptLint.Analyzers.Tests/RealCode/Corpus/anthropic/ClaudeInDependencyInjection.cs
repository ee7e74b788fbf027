using System;
using System.Threading.Tasks;
using Anthropic;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace Corpus.Anthropic.Hosting;

/// <summary>Claude registered as the application's IChatClient; the model is given to AsIChatClient.</summary>
public static class ClaudeInDependencyInjection
{
    public static IServiceCollection AddClaude(this IServiceCollection services)
    {
        services.AddChatClient(new AnthropicClient().AsIChatClient("claude-sonnet-4-5"))
            .UseFunctionInvocation();
        return services;
    }

    public static async Task<string> SuggestNamesAsync(IServiceProvider services, string project)
    {
        var client = services.GetRequiredService<IChatClient>();
        var response = await client.GetResponseAsync(
            $"Suggest five names for a project that {project}. One per line.",
            new ChatOptions { MaxOutputTokens = 100 });
        return response.Text;
    }
}
