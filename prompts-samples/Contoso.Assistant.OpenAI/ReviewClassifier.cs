using OpenAI.Chat;

namespace Contoso.Reviews;

/// <summary>Classifies product reviews with the OpenAI .NET SDK.</summary>
public sealed class ReviewClassifier(ChatClient chat)
{
    private static readonly string Instructions =
        "You classify product reviews for Contoso.\n" +
        "Reply with one word: positive, negative or mixed.\n" +
        "Reviews that mention a safety problem are always negative.";

    public string Classify(string review)
    {
        List<ChatMessage> messages =
        [
            new SystemChatMessage(Instructions),
            new UserChatMessage($"Review: {review}"),
        ];
        ChatCompletion completion = chat.CompleteChat(messages, new ChatCompletionOptions { MaxOutputTokenCount = 5 });
        return completion.Content[0].Text;
    }

    public string Reply(string review, string customer)
    {
        // No MaxOutputTokenCount here: the reply length is not capped.
        ChatCompletion completion = chat.CompleteChat(
            ChatMessage.CreateSystemMessage("Write a short, warm public reply to the review below. Thank the customer by first name."),
            ChatMessage.CreateUserMessage($"Customer: {customer}\nReview: {review}"));
        return completion.Content[0].Text;
    }
}
