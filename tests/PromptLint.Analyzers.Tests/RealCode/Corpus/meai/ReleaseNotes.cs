using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace Corpus.Meai.Docs;

/// <summary>Release notes from commit messages; the system prompt is composed once, in the constructor.</summary>
public sealed class ReleaseNotes
{
    private const string Style = "Group the changes under Added, Changed and Fixed. Use one line per change.";

    private readonly IChatClient _client;
    private readonly string _systemPrompt;

    public ReleaseNotes(IChatClient client, string productName)
    {
        _client = client;
        _systemPrompt = "You write release notes for " + productName + ". " + Style;
    }

    public async Task<string> WriteAsync(string version, IEnumerable<string> commits, bool breaking, CancellationToken cancellationToken)
    {
        List<ChatMessage> messages = new();
        messages.Add(new ChatMessage(ChatRole.System, _systemPrompt));
        messages.Add(new ChatMessage(ChatRole.User, $"Version {version}. Commits:\n{string.Join("\n", commits)}"));
        if (breaking)
        {
            messages.Add(new ChatMessage(ChatRole.User, "Start with a section named Breaking changes."));
        }

        var response = await _client.GetResponseAsync(messages, new ChatOptions { Temperature = 0.2f }, cancellationToken);
        return response.Text;
    }

    public async Task<string> TitleAsync(string notes, CancellationToken cancellationToken)
    {
        var messages = new List<ChatMessage>
        {
            new(ChatRole.System, _systemPrompt),
        };
        messages.Add(new(ChatRole.User, "Suggest a title of at most six words for these release notes:\n" + notes));
        var response = await _client.GetResponseAsync(messages, cancellationToken: cancellationToken);
        return response.Text;
    }
}
