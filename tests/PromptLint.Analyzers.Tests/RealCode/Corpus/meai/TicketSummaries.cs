using System;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace Corpus.Meai.Support;

/// <summary>Summaries of support conversations through prompt builder methods.</summary>
public sealed class TicketSummaries
{
    private const string Policy = """
        Never include customer e-mail addresses or phone numbers in a summary.
        Write in plain English without markdown.
        """;

    private readonly IChatClient _client;

    public TicketSummaries(IChatClient client)
    {
        _client = client;
    }

    private static string BuildHeadlinePrompt(string transcript)
    {
        return $"""
            You summarise conversations between customers and support agents.

            Conversation:
            {transcript}

            Give a headline of at most eight words describing what the customer wants.
            """;
    }

    private static string BuildDigestPrompt(string transcript, int maxWords) =>
        $"Summarise the following support conversation in at most {maxWords} words.\n\n" + transcript;

    private static string BuildSystemPrompt(string customerName)
        => $"Current time: {DateTime.UtcNow:O}. The customer is {customerName}.\n" + Policy;

    public async Task<string> HeadlineAsync(string transcript)
    {
        var prompt = BuildHeadlinePrompt(transcript);
        var response = await _client.GetResponseAsync(prompt);
        return response.Text;
    }

    public async Task<string> DigestAsync(string transcript)
    {
        var response = await _client.GetResponseAsync(BuildDigestPrompt(transcript, 60));
        return response.Text;
    }

    public async Task<string> ReplyAsync(string customerName, string question)
    {
        var options = new ChatOptions { Instructions = BuildSystemPrompt(customerName), MaxOutputTokens = 400 };
        var response = await _client.GetResponseAsync(question, options);
        return response.Text;
    }
}
