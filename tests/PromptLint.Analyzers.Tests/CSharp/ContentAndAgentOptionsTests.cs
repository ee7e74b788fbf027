using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using static PromptLint.Analyzers.Tests.CSharp.Measurements;

namespace PromptLint.Analyzers.Tests.CSharp;

/// <summary>
/// Issue 33, item 2: messages held in a local before they are sent (an image question), and an Agent Framework agent
/// whose instructions, cap and model sit in ChatClientAgentOptions.ChatOptions.
/// </summary>
public class ContentAndAgentOptionsTests
{
    [Fact]
    public async Task ImageMessageInALocalListedInTheSend_IsPartOfTheSendWithTheImageAsAHole()
    {
        var test = Test("""
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;

            public class AltText(IChatClient client)
            {
                public async Task<string> DescribeAsync(byte[] image)
                {
                    var question = new ChatMessage(ChatRole.User, [new TextContent("Describe the picture in two sentences."), new DataContent(image, "image/png")]);
                    var response = await client.GetResponseAsync([new ChatMessage(ChatRole.System, "You write alt text for images."), question], new ChatOptions { MaxOutputTokens = 200 });
                    return response.Text;
                }
            }
            """);
        var tokens = Tokens("You write alt text for images.", "Describe the picture in two sentences.");
        test.ExpectedDiagnostics.Add(Measured(9, 88, "AltText.DescribeAsync#1", tokens, tokens, 1));
        await test.RunAsync();
    }

    [Fact]
    public async Task ImageAddedToAMessageInALocalThenAddedToTheHistory_IsAHoleAfterTheQuestion()
    {
        var test = Test("""
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;

            public class Critic(IChatClient client)
            {
                public async Task<string> StyleAsync(Uri painting)
                {
                    List<ChatMessage> history = [new(ChatRole.System, "You are a careful art critic.")];
                    var question = new ChatMessage(ChatRole.User, "What style is this painting?");
                    question.Contents.Add(new UriContent(painting, "image/jpeg"));
                    history.Add(question);
                    var response = await client.GetResponseAsync(history, new ChatOptions { MaxOutputTokens = 300 });
                    return response.Text;
                }
            }
            """);
        var tokens = Tokens("You are a careful art critic.", "What style is this painting?");
        test.ExpectedDiagnostics.Add(Measured(10, 59, "Critic.StyleAsync#1", tokens, tokens, 1));
        await test.RunAsync();
    }

    [Fact]
    public async Task SystemMessageInALocalAddedToAListNeverSent_IsOnePromptWithTheList()
    {
        // The list is returned to a caller: one prompt of the list, the local's message in the place it was added.
        var test = Test("""
            using System.Collections.Generic;
            using Microsoft.Extensions.AI;

            public static class Conversation
            {
                public static List<ChatMessage> Start(string question)
                {
                    var system = new ChatMessage(ChatRole.System, "You answer questions about Contoso's return policy.");
                    var messages = new List<ChatMessage>();
                    messages.Add(system);
                    messages.Add(new ChatMessage(ChatRole.User, question));
                    return messages;
                }
            }
            """);
        var tokens = Tokens("You answer questions about Contoso's return policy.");
        test.ExpectedDiagnostics.Add(Measured(8, 55, "Conversation.Start#1", tokens, tokens, 1));
        await test.RunAsync();
    }

    [Fact]
    public async Task AgentWithInstructionsInChatClientAgentOptions_SendsThemBeforeTheRunMessage()
    {
        var test = Test("""
            using System.Threading.Tasks;
            using Microsoft.Agents.AI;
            using Microsoft.Extensions.AI;

            public class Poet(IChatClient client)
            {
                public async Task<string> HaikuAsync()
                {
                    var agent = new ChatClientAgent(client, new ChatClientAgentOptions
                    {
                        Name = "Poet",
                        ChatOptions = new ChatOptions { Instructions = "You write haiku about the sea.", MaxOutputTokens = 100 },
                    });
                    var result = await agent.RunAsync("One about the tide.");
                    return result.Text;
                }
            }
            """);
        var tokens = Tokens("You write haiku about the sea.", "One about the tide.");
        test.ExpectedDiagnostics.Add(Measured(12, 60, "Poet.HaikuAsync#1", tokens, tokens, 0));
        await test.RunAsync();
    }

    [Fact]
    public async Task AgentOptionsHeldInALocalForAsAIAgent_ReadInstructionsAndCap()
    {
        // The agent's MaxOutputTokens (400) is the run's cap: over a ceiling of 100, PL0003 says so.
        var test = new AnalyzerTest<PromptFootprintAnalyzer>().WithSdks().WithOption("promptlint.max_output_tokens_ceiling", "100")
            .WithProperty("PromptLintEmitMeasurements", "true").WithSource("""
            using System.Threading.Tasks;
            using Microsoft.Agents.AI;
            using Microsoft.Extensions.AI;

            public class Clerk(IChatClient client)
            {
                public async Task<string> FileAsync()
                {
                    var options = new ChatClientAgentOptions { Name = "Clerk", ChatOptions = new() { Instructions = "You file expense reports.", MaxOutputTokens = 400 } };
                    AIAgent agent = client.AsAIAgent(options);
                    var result = await agent.RunAsync("File my taxi receipt.");
                    return result.Text;
                }
            }
            """);
        var tokens = Tokens("You file expense reports.", "File my taxi receipt.");
        test.ExpectedDiagnostics.Add(Measured(9, 105, "Clerk.FileAsync#1", tokens, tokens, 0));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PL0003", DiagnosticSeverity.Warning).WithSpan("/0/Test1.cs", 11, 28, 11, 67));
        await test.RunAsync();
    }

    [Fact]
    public async Task MessageListBuiltButNeverNamedAgain_IsNotAPrompt_TheSendBesideItIs()
    {
        // A leftover list beside the call that is really made (the shape of a public sample): only the call is sent.
        var test = Test("""
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;

            public class Umbrella(IChatClient client)
            {
                public async Task<string> AskAsync(ChatOptions options)
                {
                    List<ChatMessage> conversation =
                    [
                        new(ChatRole.System, "You are a helpful AI assistant"),
                        new(ChatRole.User, "Do I need an umbrella?")
                    ];
                    var response = await client.GetResponseAsync("Do I need an umbrella today?", options);
                    return response.Text;
                }
            }
            """);
        var tokens = Tokens("Do I need an umbrella today?");
        test.ExpectedDiagnostics.Add(Measured(14, 54, "Umbrella.AskAsync#1", tokens, tokens, 0));
        await test.RunAsync();
    }
}
