using System.ComponentModel;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Corpus.Mcp.Sampling;

/// <summary>MCP tools that ask the client's model through sampling.</summary>
[McpServerToolType]
public static class SamplingTools
{
    [McpServerTool(Name = "summarize_document"), Description("Summarises a document with the client's language model.")]
    public static async Task<string> SummarizeDocument(
        McpServer server,
        [Description("The document text")] string text,
        CancellationToken cancellationToken)
    {
        var result = await server.SampleAsync(BuildRequest(text, 300), cancellationToken);
        return result.Content.OfType<TextContentBlock>().FirstOrDefault()?.Text ?? string.Empty;
    }

    private static CreateMessageRequestParams BuildRequest(string text, int maxTokens) => new()
    {
        SystemPrompt = "You summarise documents for busy readers.",
        Messages =
        [
            new SamplingMessage
            {
                Role = Role.User,
                Content = [new TextContentBlock { Text = $"Summarise this document in five sentences:\n{text}" }],
            },
        ],
        MaxTokens = maxTokens,
    };

    [McpServerTool(Name = "suggest_title"), Description("Suggests a title for a text.")]
    public static async Task<string> SuggestTitle(McpServer server, [Description("The text")] string text, CancellationToken cancellationToken)
    {
        ChatOptions options = new() { Instructions = "Reply with the title only.", MaxOutputTokens = 30 };
        var response = await server.AsSamplingChatClient().GetResponseAsync($"Suggest a title for:\n{text}", options, cancellationToken);
        return response.Text;
    }
}
