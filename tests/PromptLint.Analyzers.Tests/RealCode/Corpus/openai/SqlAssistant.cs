using System.Collections.Generic;
using System.Threading.Tasks;
using OpenAI.Chat;

namespace Corpus.OpenAi.Sql;

/// <summary>A system prompt built in a field initializer with few-shot examples, sent from two methods.</summary>
public sealed class SqlAssistant(ChatClient client)
{
    private const string Schema = "orders(id, customer_id, total, created_at), customers(id, name, country)";

    private readonly List<ChatMessage> _fewShot =
    [
        ChatMessage.CreateSystemMessage($"You translate questions into PostgreSQL. The schema is: {Schema}. Reply with SQL only."),
        ChatMessage.CreateUserMessage("How many customers are there?"),
        ChatMessage.CreateAssistantMessage("SELECT count(*) FROM customers;"),
    ];

    public async Task<string> ToSqlAsync(string question)
    {
        var messages = new List<ChatMessage>(_fewShot) { ChatMessage.CreateUserMessage(question) };
        ChatCompletion completion = await client.CompleteChatAsync(messages);
        return completion.Content[0].Text;
    }

    public async Task<string> ExplainAsync(string sql)
    {
        ChatCompletion completion = await client.CompleteChatAsync(
            new SystemChatMessage($"You explain SQL queries over this schema: {Schema}."),
            new UserChatMessage("Explain step by step: " + sql));
        return completion.Content[0].Text;
    }
}
