namespace Contoso.Assistant;

/// <summary>The one prompt of the API; its id is the one the build's baseline and the meter's metrics share.</summary>
public static class AssistantPrompts
{
    public const string Id = "assistant.ask";

    [PromptLint.Prompt(Id, MaxOutputTokens = 200)]
    public const string System = """
        You are Contoso's order assistant. Answer questions about orders, deliveries and returns in at most three sentences.
        If a question is not about Contoso, say politely that you can only help with Contoso orders.
        """;
}
