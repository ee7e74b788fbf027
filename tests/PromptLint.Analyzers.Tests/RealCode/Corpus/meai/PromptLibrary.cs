using System;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace Corpus.Meai.Library;

/// <summary>Prompt text kept in a separate static class and used by another class.</summary>
public static class Prompts
{
    public const string Classifier = "You label customer feedback as praise, complaint or suggestion.";

    public static readonly string Apology = "Write a short apology to a customer. Do not promise refunds.";

    public static string ForFeedback(string feedback) => "Feedback:\n" + feedback;
}

/// <summary>Sends the prompts of <see cref="Prompts"/>; the model is chosen in the constructor from a flag.</summary>
public sealed class FeedbackTriage
{
    private readonly IChatClient _client;
    private readonly ChatOptions _options;

    public FeedbackTriage(IChatClient client, bool cheap)
    {
        _client = client;
        _options = new ChatOptions { ModelId = cheap ? "gpt-4o-mini" : "gpt-4o", Instructions = Prompts.Classifier };
    }

    public async Task<string> LabelAsync(string feedback)
        => (await _client.GetResponseAsync(Prompts.ForFeedback(feedback), _options)).Text;

    public async Task<string> ApologiseAsync(string complaint)
    {
        ChatMessage[] messages = [new(ChatRole.System, Prompts.Apology), new(ChatRole.User, complaint)];
        return (await _client.GetResponseAsync(messages)).Text;
    }
}
