using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using static PromptLint.Analyzers.Tests.CSharp.Measurements;

namespace PromptLint.Analyzers.Tests.CSharp.Sdks;

/// <summary>
/// The APIs issue 14 found unread, each against the real SDK types: the OpenAI Responses API, content parts, Anthropic
/// message lists and a Claude model through AsIChatClient (an estimate, never an exact gpt-4o count), Semantic Kernel
/// chat-prompt tags in a C# string, MCP sampling.
/// </summary>
public class SdkApiTests
{
    [Fact]
    public async Task ResponsesApi_InstructionsItemsAndModel()
    {
        var test = Test("""
            #pragma warning disable OPENAI001
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using OpenAI.Responses;

            public class Desk(ResponsesClient client)
            {
                public Task<System.ClientModel.ClientResult<ResponseResult>> Ask(string question)
                {
                    List<ResponseItem> input = [ResponseItem.CreateUserMessageItem(question)];
                    var options = new CreateResponseOptions("gpt-4.1-mini", input) { Instructions = "You run the order desk.", MaxOutputTokenCount = 300 };
                    return client.CreateResponseAsync(options);
                }

                public Task<System.ClientModel.ClientResult<ResponseResult>> Slogan(string product)
                    => client.CreateResponseAsync("gpt-5-mini", $"Write a slogan for {product}.", previousResponseId: "resp_1");
            }
            """);
        test.ExpectedDiagnostics.Add(Measured(11, 89, "Desk.Ask#1", Tokens("You run the order desk."), Tokens("You run the order desk."), 1));
        test.ExpectedDiagnostics.Add(Measured(16, 53, "Desk.Slogan#1", Tokens("Write a slogan for ", "."), Tokens("Write a slogan for "), 1));
        await test.RunAsync();
    }

    [Fact]
    public async Task ContentParts_TextIsCountedAndImagesAreHoles()
    {
        var test = Test("""
            using System;
            using OpenAI.Chat;

            public class Photos(ChatClient client)
            {
                public ChatCompletion Caption(BinaryData jpeg) => client.CompleteChat(
                    new SystemChatMessage(ChatMessageContentPart.CreateTextPart("You write captions.")),
                    new UserChatMessage(ChatMessageContentPart.CreateTextPart("Caption this photo."), ChatMessageContentPart.CreateImagePart(jpeg, "image/jpeg")));
            }
            """);
        test.ExpectedDiagnostics.Add(Measured(7, 69, "Photos.Caption#1", Tokens("You write captions.", "Caption this photo."), Tokens("You write captions.", "Caption this photo."), 1));
        await test.RunAsync();
    }

    [Fact]
    public async Task AnthropicMessagesList_AndClaudeThroughAsIChatClient_AreClaudeEstimates()
    {
        var test = Test("""
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Anthropic;
            using Anthropic.Models.Messages;
            using Microsoft.Extensions.AI;

            public class Claude(AnthropicClient anthropic)
            {
                public MessageCreateParams Tutor(string answer)
                {
                    List<MessageParam> messages = new();
                    messages.Add(new UserMessageParam { Content = "I am ready." });
                    messages.Add(new UserMessageParam { Content = answer });
                    return new MessageCreateParams { Model = "claude-haiku-4-5", MaxTokens = 512, System = "You tutor math.", Messages = messages };
                }

                public Task<ChatResponse> Names(string project)
                {
                    IChatClient chat = anthropic.AsIChatClient("claude-sonnet-4-5");
                    return chat.GetResponseAsync($"Name a project that {project}.");
                }
            }
            """);
        test.ExpectedDiagnostics.Add(Measured(14, 96, "Claude.Tutor#1", Tokens("You tutor math.", "I am ready."), Tokens("You tutor math.", "I am ready."), 1, "estimate:o200k_base"));
        test.ExpectedDiagnostics.Add(Measured(20, 38, "Claude.Names#1", Tokens("Name a project that ", "."), Tokens("Name a project that "), 1, "estimate:o200k_base"));
        await test.RunAsync();
    }

    [Fact]
    public async Task SemanticKernelMessageTagsInACSharpString_AreTheMessagesSent()
    {
        var test = Test(""""
            using System.Threading.Tasks;
            using Microsoft.SemanticKernel;

            public class Reviews
            {
                public Task<FunctionResult> Review(Kernel kernel, KernelArguments arguments) => kernel.InvokePromptAsync("""
                    <message role="system">You review code.</message>
                    <message role="user">Review {{$code}}</message>
                    """, arguments);
            }
            """");
        test.ExpectedDiagnostics.Add(Measured(6, 110, "Reviews.Review#1", Tokens("You review code.", "Review "), Tokens("You review code.", "Review "), 1));
        await test.RunAsync();
    }

    [Fact]
    public async Task McpSamplingRequest_IsAPromptWithItsSystemPromptAndCap()
    {
        var test = Test("""
            using ModelContextProtocol.Protocol;

            public static class Sampling
            {
                public static CreateMessageRequestParams Build(string text) => new()
                {
                    SystemPrompt = "You summarise documents.",
                    Messages = [new SamplingMessage { Role = Role.User, Content = [new TextContentBlock { Text = $"Summarise:\n{text}" }] }],
                    MaxTokens = 300,
                };
            }
            """);
        test.ExpectedDiagnostics.Add(Measured(7, 24, "Sampling.Build#1", Tokens("You summarise documents.", "Summarise:\n"), Tokens("You summarise documents.", "Summarise:\n"), 1));
        await test.RunAsync();
    }
}
