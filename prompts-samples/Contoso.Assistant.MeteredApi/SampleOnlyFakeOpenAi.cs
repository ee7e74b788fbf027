namespace Contoso.Assistant;

/// <summary>
/// SAMPLE ONLY — not an OpenAI server. Answers /sample-only-fake-openai/v1/chat/completions with a canned completion
/// in OpenAI's wire format (usage with cached tokens included), so the sample runs offline. Never use it for real calls.
/// </summary>
public static class SampleOnlyFakeOpenAi
{
    private const string CannedCompletion = """
        {"id":"chatcmpl-sample","object":"chat.completion","created":1732550000,"model":"gpt-4o-mini-2024-07-18","choices":[{"index":0,"message":{"role":"assistant","content":"Your order ships tomorrow. (canned sample answer)","refusal":null,"annotations":[]},"logprobs":null,"finish_reason":"stop"}],"usage":{"prompt_tokens":1180,"completion_tokens":12,"total_tokens":1192,"prompt_tokens_details":{"cached_tokens":1024,"audio_tokens":0},"completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":0,"accepted_prediction_tokens":0,"rejected_prediction_tokens":0}},"service_tier":"default","system_fingerprint":"fp_sample"}
        """;

    public static void Map(WebApplication app)
        => app.MapPost("/sample-only-fake-openai/v1/chat/completions", () => Results.Text(CannedCompletion, "application/json"));
}
