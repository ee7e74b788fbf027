namespace PromptLint.Analyzers.Tests.CSharp.Sdks;

/// <summary>Anthropic requests are recognized by symbol, never a look-alike's.</summary>
public class AnthropicRecognizerTests
{
    [Fact]
    public async Task UserTypeNamedMessageCreateParams_DoesNotTrigger()
    {
        await SdkTest.Measuring("""
            namespace Shop
            {
                public sealed class MessageCreateParams
                {
                    public string Model { get; set; } = "";
                    public long MaxTokens { get; set; }
                    public string System { get; set; } = "";
                }

                public static class Requests
                {
                    public static MessageCreateParams Own() => new()
                    {
                        Model = "claude-sonnet-4-5",
                        MaxTokens = 1024,
                        System = "You are a concise assistant.",
                    };

                    public static Anthropic.Models.Messages.MessageCreateParams Real() => new()
                    {
                        Model = "claude-sonnet-4-5",
                        MaxTokens = 1024,
                        System = {|PL9000:"You are a warehouse assistant."|},
                        Messages = [],
                    };
                }
            }
            """).RunAsync();
    }
}
