using System.ComponentModel;
using Microsoft.Extensions.AI;

namespace Contoso.Assistant;

/// <summary>Answers customer questions through any IChatClient (OpenAI, Azure OpenAI, Ollama, ...).</summary>
public sealed class SupportAssistant(IChatClient client)
{
    private readonly ChatOptions _options = new()
    {
        MaxOutputTokens = 500,
        Tools = [AIFunctionFactory.Create(LookupOrder)],
    };

    public async Task<string> AnswerAsync(string customerName, string question, CancellationToken cancellationToken = default)
    {
        List<ChatMessage> messages =
        [
            new(ChatRole.System, SupportPrompts.Policy),
            new(ChatRole.User, $"Customer: {customerName}\nQuestion: {question}"),
        ];
        var response = await client.GetResponseAsync(messages, _options, cancellationToken);
        return response.Text;
    }

    public async Task<string> SuggestTitleAsync(string question, CancellationToken cancellationToken = default)
    {
        // Inline prompt: measured as Contoso.Assistant.SupportAssistant.SuggestTitleAsync#1.
        var response = await client.GetResponseAsync(
            $"Write a ticket title of at most eight words for this question: {question[..500]}",
            new ChatOptions { MaxOutputTokens = 30, ModelId = "gpt-4o-mini" },
            cancellationToken);
        return response.Text;
    }

    [Description("Looks up an order by its number and returns its status.")]
    private static string LookupOrder([Description("The order number, e.g. 10023.")] string orderNumber)
        => $"Order {orderNumber}: shipped";
}
