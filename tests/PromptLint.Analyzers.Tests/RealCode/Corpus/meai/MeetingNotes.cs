using System.Collections.Generic;
using System.Text;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace Corpus.Meai.Meetings;

/// <summary>Prompts assembled with StringBuilder, string.Join and constants in helper methods.</summary>
public sealed class MeetingNotes(IChatClient client)
{
    private const string Role = "You take minutes for engineering meetings.";
    private const string Format = "Use the headings Decisions, Action items and Open questions.";

    private static string Instructions() => Role + " " + Format;

    private static string BuildMinutesPrompt(string transcript, IReadOnlyList<string> attendees)
    {
        var sb = new StringBuilder();
        sb.AppendLine("Write the minutes of this meeting.");
        sb.Append("Attendees: ").AppendLine(string.Join(", ", attendees));
        sb.AppendLine();
        sb.Append(transcript);
        return sb.ToString();
    }

    private static string Checklist() => string.Join("\n", new[] { "- Who owns each action item?", "- Is there a due date?", "- Was anything left undecided?" });

    public async Task<string> MinutesAsync(string transcript, IReadOnlyList<string> attendees)
    {
        var response = await client.GetResponseAsync(
            [new ChatMessage(ChatRole.System, Instructions()), new ChatMessage(ChatRole.User, BuildMinutesPrompt(transcript, attendees))]);
        return response.Text;
    }

    public async Task<string> ReviewAsync(string minutes)
    {
        var response = await client.GetResponseAsync("Check these minutes against the checklist.\n" + Checklist() + "\n\nMinutes:\n" + minutes);
        return response.Text;
    }

    public async Task<string> EmailAsync(string minutes, string recipient)
    {
        var options = new ChatOptions { Instructions = Instructions(), MaxOutputTokens = 500 };
        var response = await client.GetResponseAsync(string.Concat("Write a short e-mail to ", recipient, " with these minutes:\n", minutes), options);
        return response.Text;
    }

    public async Task<string> ActionItemsAsync(string minutes)
    {
        var response = await client.GetResponseAsync(new ChatMessage(ChatRole.User, $"List only the action items, one per line, from:\n{minutes}"));
        return response.Text;
    }
}
