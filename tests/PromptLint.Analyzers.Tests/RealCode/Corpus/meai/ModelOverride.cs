using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace Corpus.Meai.Routing;

/// <summary>ChatOptions.ModelId picks the model per call; a conversation is built in a loop.</summary>
public sealed class ModelOverride(IChatClient client)
{
    private static readonly ChatOptions CheapOptions = new() { ModelId = "gpt-4o-mini", MaxOutputTokens = 150 };

    public async Task<string> ClassifyAsync(string email)
    {
        var response = await client.GetResponseAsync(
            new ChatMessage(ChatRole.User, $"Classify this e-mail as billing, technical or other. Reply with the label only.\n\n{email}"),
            CheapOptions);
        return response.Text;
    }

    public async Task<string> InterviewAsync(IEnumerable<string> answers)
    {
        var history = new List<ChatMessage> { new(ChatRole.System, "You are interviewing a candidate for a junior developer role.") };
        foreach (var answer in answers)
        {
            history.Add(new ChatMessage(ChatRole.User, answer));
        }

        var response = await client.GetResponseAsync(history, new ChatOptions { ModelId = "gpt-4o" });
        return response.Text;
    }
}
