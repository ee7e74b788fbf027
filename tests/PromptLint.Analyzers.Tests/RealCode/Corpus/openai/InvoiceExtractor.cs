using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using OpenAI.Chat;

namespace Corpus.OpenAi.Invoices;

/// <summary>Messages assembled by a helper that takes a parameter; the client is a field set in the constructor.</summary>
public sealed class InvoiceExtractor
{
    private const string Model = "gpt-4o";
    private readonly ChatClient _client;

    public InvoiceExtractor(string apiKey)
    {
        _client = new ChatClient(Model, apiKey);
    }

    private static List<ChatMessage> BuildMessages(string invoiceText)
    {
        return
        [
            ChatMessage.CreateSystemMessage("Extract the invoice number, the issue date and the total amount. Reply with JSON."),
            ChatMessage.CreateUserMessage("Invoice:\n" + invoiceText),
        ];
    }

    public async Task<string> ExtractAsync(string invoiceText)
    {
        var options = new ChatCompletionOptions { MaxOutputTokenCount = 200, ResponseFormat = ChatResponseFormat.CreateJsonObjectFormat() };
        ChatCompletion completion = await _client.CompleteChatAsync(BuildMessages(invoiceText), options);
        return completion.Content[0].Text;
    }
}
