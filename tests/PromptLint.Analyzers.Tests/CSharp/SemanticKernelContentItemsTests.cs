using static PromptLint.Analyzers.Tests.CSharp.Measurements;

namespace PromptLint.Analyzers.Tests.CSharp;

/// <summary>
/// Issue 33, item 5 (fresh real code): a Semantic Kernel user message made of content items, a text and an image,
/// written inline as <c>history.AddUserMessage([new TextContent(…), new ImageContent(…)])</c> or
/// <c>new ChatMessageContent(AuthorRole.User, [ … ])</c>. Each text item is text, any other item a hole.
/// </summary>
public class SemanticKernelContentItemsTests
{
    [Fact]
    public async Task AddUserMessageWithATextAndAnImageItem_CountsTheTextFromAStaticFieldAndTheImageAsAHole()
    {
        var test = Test("""
            using System;
            using System.Threading.Tasks;
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.ChatCompletion;
            using Microsoft.SemanticKernel.Connectors.OpenAI;

            public class ReceiptReader(IChatCompletionService chat)
            {
                static string rules = "List every line item of the receipt with its price. Skip taxes and tips.";

                public async Task<string?> ReadAsync(Uri scan)
                {
                    var history = new ChatHistory("You read shop receipts.");
                    history.AddUserMessage(
                    [
                        new TextContent(rules),
                        new ImageContent(scan),
                    ]);
                    var reply = await chat.GetChatMessageContentAsync(history, new OpenAIPromptExecutionSettings { MaxTokens = 400 });
                    return reply.Content;
                }
            }
            """);
        var tokens = Tokens("You read shop receipts.", "List every line item of the receipt with its price. Skip taxes and tips.");
        test.ExpectedDiagnostics.Add(Measured(13, 39, "ReceiptReader.ReadAsync#1", tokens, tokens, 1));
        await test.RunAsync();
    }

    [Fact]
    public async Task ChatMessageContentMadeFromItems_IsAUserMessageWithItsTextAndAHoleForTheImage()
    {
        var test = Test("""
            using System;
            using System.Threading.Tasks;
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.ChatCompletion;
            using Microsoft.SemanticKernel.Connectors.OpenAI;

            public class PlantDoctor(IChatCompletionService chat)
            {
                public async Task<string?> DiagnoseAsync(byte[] leaf)
                {
                    var history = new ChatHistory("You identify plant diseases.");
                    history.Add(new ChatMessageContent(AuthorRole.User, [new TextContent("Which disease does this leaf show?"), new ImageContent(leaf, "image/jpeg")]));
                    var reply = await chat.GetChatMessageContentAsync(history, new OpenAIPromptExecutionSettings { MaxTokens = 200 });
                    return reply.Content;
                }
            }
            """);
        var tokens = Tokens("You identify plant diseases.", "Which disease does this leaf show?");
        test.ExpectedDiagnostics.Add(Measured(11, 39, "PlantDoctor.DiagnoseAsync#1", tokens, tokens, 1));
        await test.RunAsync();
    }

    [Fact]
    public async Task AddUserMessageWithItemsFromAParameter_IsAHoleNotText()
    {
        var test = Test("""
            using System.Threading.Tasks;
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.ChatCompletion;
            using Microsoft.SemanticKernel.Connectors.OpenAI;

            public class Forwarder(IChatCompletionService chat)
            {
                public async Task<string?> AskAsync(ChatMessageContentItemCollection items)
                {
                    var history = new ChatHistory("You answer briefly.");
                    history.AddUserMessage(items);
                    var reply = await chat.GetChatMessageContentAsync(history, new OpenAIPromptExecutionSettings { MaxTokens = 100 });
                    return reply.Content;
                }
            }
            """);
        var tokens = Tokens("You answer briefly.");
        test.ExpectedDiagnostics.Add(Measured(10, 39, "Forwarder.AskAsync#1", tokens, tokens, 1));
        await test.RunAsync();
    }
}
