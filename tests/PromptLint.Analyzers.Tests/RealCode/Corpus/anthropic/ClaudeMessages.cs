using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Anthropic;
using Anthropic.Models.Messages;

namespace Corpus.Anthropic.Messages;

/// <summary>The Anthropic Messages API: System and Messages on MessageCreateParams.</summary>
public sealed class ClaudeMessages
{
    private const string ReviewerSystemPrompt = "You are a senior C# reviewer. Point out bugs first, style last.";

    private readonly AnthropicClient _client = new();

    public async Task<string> ReviewAsync(string diff)
    {
        var response = await _client.Messages.Create(new MessageCreateParams
        {
            Model = "claude-sonnet-4-5",
            MaxTokens = 1024,
            System = ReviewerSystemPrompt,
            Messages = [new UserMessageParam { Content = "Review this diff:\n" + diff }],
        });
        return string.Concat(response.Content.Select(block => block.Value).OfType<TextBlock>().Select(text => text.Text));
    }

    private static string BuildTutorPrompt(string subject, string level) =>
        $"You tutor {subject} at {level} level. Ask one question at a time and wait for the answer.";

    public async Task TutorAsync(string subject, IEnumerable<string> answers)
    {
        List<MessageParam> messages = new();
        messages.Add(new UserMessageParam { Content = "I am ready for the first question." });
        foreach (var answer in answers)
        {
            messages.Add(new UserMessageParam { Content = answer });
        }

        MessageCreateParams parameters = new()
        {
            Model = "claude-haiku-4-5",
            MaxTokens = 512,
            System = BuildTutorPrompt(subject, "beginner"),
            Messages = messages,
        };

        await foreach (var streamEvent in _client.Messages.CreateStreaming(parameters))
        {
            Console.Write(streamEvent);
        }
    }

    public async Task<string> HaikuAsync()
    {
        MessageCreateParams parameters = new()
        {
            MaxTokens = 200,
            Messages = [new UserMessageParam { Content = "Write a haiku about unit tests." }],
            Model = "claude-opus-4-1",
        };
        var message = await _client.Messages.Create(parameters);
        return message.ToString();
    }
}
