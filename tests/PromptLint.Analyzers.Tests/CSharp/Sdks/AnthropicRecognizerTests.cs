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

    [Fact]
    public async Task Anthropic12MessageParamWithRoleUser_IsMeasuredWithModelAndCap()
    {
        // The SDK's own example shape in 12.x: no System, one MessageParam with Content and Role.
        var test = SdkTest.Measuring("""
            using Anthropic.Models.Messages;

            public static class Stories
            {
                public static MessageCreateParams Request() => new()
                {
                    MaxTokens = 2048,
                    Messages =
                    [
                        new() { Content = "Tell me a short story about a lighthouse keeper.", Role = Role.User },
                    ],
                    Model = "claude-sonnet-4-5",
                };
            }
            """).WithOldestAnthropic();
        var tokens = Measurements.Tokens("Tell me a short story about a lighthouse keeper.");
        test.ExpectedDiagnostics.Add(Measurements.Measured(10, 31, "Stories.Request#1", tokens, tokens, 0, "estimate:o200k_base"));
        await test.RunAsync();
    }

    [Fact]
    public async Task Anthropic12MessageParamsAfterSystem_AreCountedWithTheSystemText()
    {
        var test = SdkTest.Measuring("""
            using Anthropic.Models.Messages;

            public class Reviewer
            {
                public MessageCreateParams Review(string diff) => new()
                {
                    Model = "claude-haiku-4-5",
                    MaxTokens = 700,
                    System = "You review pull requests.",
                    Messages =
                    [
                        new() { Content = "Review this change:\n" + diff, Role = Role.User },
                        new() { Content = "Looking at it now.", Role = Role.Assistant },
                    ],
                };
            }
            """).WithOldestAnthropic();
        var tokens = Measurements.Tokens("You review pull requests.", "Review this change:\n", "Looking at it now.");
        test.ExpectedDiagnostics.Add(Measurements.Measured(9, 18, "Reviewer.Review#1", tokens, Measurements.Tokens("You review pull requests.", "Review this change:\n"), 1, "estimate:o200k_base"));
        await test.RunAsync();
    }
}
