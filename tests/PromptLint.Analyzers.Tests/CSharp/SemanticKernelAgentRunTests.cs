using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using static PromptLint.Analyzers.Tests.CSharp.Measurements;

namespace PromptLint.Analyzers.Tests.CSharp;

/// <summary>
/// Issue 33: Semantic Kernel's <c>ChatMessageContent</c> messages and agent runs (<c>agent.InvokeAsync(…)</c>,
/// <c>InvokeStreamingAsync(…)</c>). ChatMessageContent, AuthorRole, ChatHistory and the execution settings are the real
/// Semantic Kernel's; the registry this project restores from does not serve Microsoft.SemanticKernel.Agents.*, so the
/// agent types are declared below with the public API's shape (Microsoft.SemanticKernel.Agents.Agent and
/// ChatCompletionAgent, SK 1.45 and later: Instructions, Arguments and Kernel set with init, the four InvokeAsync and
/// InvokeStreamingAsync overloads with the parameter names of the SDK).
/// </summary>
public class SemanticKernelAgentRunTests
{
    internal const string AgentsApi = """

        namespace Microsoft.SemanticKernel.Agents
        {
            using System.Collections.Generic;

            public abstract class AgentThread { }

            public sealed class AgentInvokeOptions
            {
                public Microsoft.SemanticKernel.KernelArguments? KernelArguments { get; init; }
            }

            public class AgentResponseItem<T>
            {
                public T Message => throw new System.NotImplementedException();
            }

            public abstract class Agent
            {
                public string? Name { get; init; }
                public string? Instructions { get; init; }
                public Microsoft.SemanticKernel.KernelArguments? Arguments { get; init; }
                public Microsoft.SemanticKernel.Kernel Kernel { get; init; } = new();

                public virtual IAsyncEnumerable<AgentResponseItem<Microsoft.SemanticKernel.ChatMessageContent>> InvokeAsync(AgentThread? thread = null, AgentInvokeOptions? options = null, System.Threading.CancellationToken cancellationToken = default) => throw new System.NotImplementedException();
                public virtual IAsyncEnumerable<AgentResponseItem<Microsoft.SemanticKernel.ChatMessageContent>> InvokeAsync(string message, AgentThread? thread = null, AgentInvokeOptions? options = null, System.Threading.CancellationToken cancellationToken = default) => throw new System.NotImplementedException();
                public virtual IAsyncEnumerable<AgentResponseItem<Microsoft.SemanticKernel.ChatMessageContent>> InvokeAsync(Microsoft.SemanticKernel.ChatMessageContent message, AgentThread? thread = null, AgentInvokeOptions? options = null, System.Threading.CancellationToken cancellationToken = default) => throw new System.NotImplementedException();
                public abstract IAsyncEnumerable<AgentResponseItem<Microsoft.SemanticKernel.ChatMessageContent>> InvokeAsync(ICollection<Microsoft.SemanticKernel.ChatMessageContent> messages, AgentThread? thread = null, AgentInvokeOptions? options = null, System.Threading.CancellationToken cancellationToken = default);
                public virtual IAsyncEnumerable<AgentResponseItem<Microsoft.SemanticKernel.StreamingChatMessageContent>> InvokeStreamingAsync(string message, AgentThread? thread = null, AgentInvokeOptions? options = null, System.Threading.CancellationToken cancellationToken = default) => throw new System.NotImplementedException();
                public virtual IAsyncEnumerable<AgentResponseItem<Microsoft.SemanticKernel.StreamingChatMessageContent>> InvokeStreamingAsync(Microsoft.SemanticKernel.ChatMessageContent message, AgentThread? thread = null, AgentInvokeOptions? options = null, System.Threading.CancellationToken cancellationToken = default) => throw new System.NotImplementedException();
                public abstract IAsyncEnumerable<AgentResponseItem<Microsoft.SemanticKernel.StreamingChatMessageContent>> InvokeStreamingAsync(ICollection<Microsoft.SemanticKernel.ChatMessageContent> messages, AgentThread? thread = null, AgentInvokeOptions? options = null, System.Threading.CancellationToken cancellationToken = default);
            }

            public sealed class ChatCompletionAgent : Agent
            {
                public override IAsyncEnumerable<AgentResponseItem<Microsoft.SemanticKernel.ChatMessageContent>> InvokeAsync(ICollection<Microsoft.SemanticKernel.ChatMessageContent> messages, AgentThread? thread = null, AgentInvokeOptions? options = null, System.Threading.CancellationToken cancellationToken = default) => throw new System.NotImplementedException();
                public override IAsyncEnumerable<AgentResponseItem<Microsoft.SemanticKernel.StreamingChatMessageContent>> InvokeStreamingAsync(ICollection<Microsoft.SemanticKernel.ChatMessageContent> messages, AgentThread? thread = null, AgentInvokeOptions? options = null, System.Threading.CancellationToken cancellationToken = default) => throw new System.NotImplementedException();
            }

            public sealed class AgentGroupChat
            {
                public AgentGroupChat(params Agent[] agents) { }
            }
        }
        """;

    [Fact]
    public async Task InvokeAsyncWithNewChatMessageContent_IsOnePromptOfTheInstructionsThenTheMessage()
    {
        var test = Test("""
            using System.Threading.Tasks;
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.Agents;
            using Microsoft.SemanticKernel.ChatCompletion;

            public class Triage(Kernel kernel)
            {
                public async Task RunAsync()
                {
                    var agent = new ChatCompletionAgent { Name = "Triage", Kernel = kernel, Instructions = "You sort tickets for {{$team}} into billing or outage." };
                    await foreach (var item in agent.InvokeAsync(new ChatMessageContent(AuthorRole.User, "My invoice is wrong.")))
                    {
                    }
                }
            }
            """ + AgentsApi);
        var tokens = Tokens("You sort tickets for ", " into billing or outage.", "My invoice is wrong.");
        test.ExpectedDiagnostics.Add(Measured(10, 96, "Triage.RunAsync#1", tokens, Tokens("You sort tickets for "), 1));
        await test.RunAsync();
    }

    [Fact]
    public async Task ChatMessageContentInALocal_PassedToInvokeStreamingAsync_IsPartOfTheRunNotAPromptOfItsOwn()
    {
        var test = Test("""
            using System.Threading.Tasks;
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.Agents;
            using Microsoft.SemanticKernel.ChatCompletion;

            public class Writer
            {
                public async Task RunAsync(string draft)
                {
                    var agent = new ChatCompletionAgent { Instructions = "You edit release notes." };
                    var message = new ChatMessageContent { Role = AuthorRole.User, Content = "Shorten this draft: " + draft };
                    await foreach (var chunk in agent.InvokeStreamingAsync(message))
                    {
                    }
                }
            }
            """ + AgentsApi);
        var tokens = Tokens("You edit release notes.", "Shorten this draft: ");
        test.ExpectedDiagnostics.Add(Measured(10, 62, "Writer.RunAsync#1", tokens, tokens, 1));
        await test.RunAsync();
    }

    [Fact]
    public async Task InvokeAsyncWithAString_TheStringIsTheUserMessageAfterTheInstructions()
    {
        var test = Test("""
            using System.Threading.Tasks;
            using Microsoft.SemanticKernel.Agents;

            public class Host
            {
                private const string Rules = "You host a trivia night. Ask one question at a time.";

                public async Task RunAsync()
                {
                    ChatCompletionAgent agent = new() { Instructions = Rules };
                    await foreach (var item in agent.InvokeAsync("Start the quiz."))
                    {
                    }
                }
            }
            """ + AgentsApi);
        var tokens = Tokens("You host a trivia night. Ask one question at a time.", "Start the quiz.");
        test.ExpectedDiagnostics.Add(Measured(6, 26, "Host.Rules", tokens, tokens, 0));
        await test.RunAsync();
    }

    [Fact]
    public async Task ChatMessageContentsAddedToAChatHistory_AreSentWithTheHistory()
    {
        // ChatHistory is a list of ChatMessageContent: Add(new ChatMessageContent(…)) is a message, as AddUserMessage is.
        var test = Test("""
            using System.Threading.Tasks;
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.ChatCompletion;

            public class Support(IChatCompletionService chat)
            {
                public async Task<string?> AskAsync(string question)
                {
                    var history = new ChatHistory();
                    history.Add(new ChatMessageContent(AuthorRole.System, "You answer questions about shipping."));
                    var ask = new ChatMessageContent(AuthorRole.User, "Question: " + question);
                    history.Add(ask);
                    var reply = await chat.GetChatMessageContentAsync(history);
                    return reply.Content;
                }
            }
            """);
        var tokens = Tokens("You answer questions about shipping.", "Question: ");
        test.ExpectedDiagnostics.Add(Measured(10, 63, "Support.AskAsync#1", tokens, tokens, 1));
        await test.RunAsync();
    }

    [Fact]
    public async Task AgentNeverRunInTheMember_IsAPromptOfItsInstructionsWithTemplateHoles()
    {
        var test = Test("""
            using Microsoft.SemanticKernel.Agents;

            public static class Agents
            {
                public static Agent Reviewer()
                {
                    var agent = new ChatCompletionAgent { Instructions = "Review the code of {{$author}} for bugs." };
                    return agent;
                }
            }
            """ + AgentsApi);
        test.ExpectedDiagnostics.Add(Measured(7, 62, "Agents.Reviewer#1", Tokens("Review the code of ", " for bugs."), Tokens("Review the code of "), 1));
        await test.RunAsync();
    }

    [Fact]
    public async Task TwoAgentsMadeInlineForAGroupChat_AreTwoPrompts()
    {
        var test = Test("""
            using Microsoft.SemanticKernel.Agents;

            public static class Chats
            {
                public static AgentGroupChat Pair() => new AgentGroupChat(
                    new ChatCompletionAgent { Instructions = "You write the copy." },
                    new ChatCompletionAgent { Instructions = "You review the copy." });
            }
            """ + AgentsApi);
        test.ExpectedDiagnostics.Add(Measured(6, 50, "Chats.Pair#1", Tokens("You write the copy."), Tokens("You write the copy."), 0));
        test.ExpectedDiagnostics.Add(Measured(7, 50, "Chats.Pair#2", Tokens("You review the copy."), Tokens("You review the copy."), 0));
        await test.RunAsync();
    }

    [Fact]
    public async Task AgentWithAKernelBuiltInline_RunIsCountedForTheKernelsModel()
    {
        var test = Test("""
            using System.Threading.Tasks;
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.Agents;

            public class Desk
            {
                public async Task RunAsync(string key)
                {
                    var agent = new ChatCompletionAgent
                    {
                        Kernel = Kernel.CreateBuilder().AddOpenAIChatCompletion("gpt-4", key).Build(),
                        Instructions = "You answer billing questions.",
                    };
                    await foreach (var item in agent.InvokeAsync("Why was I charged twice?")) { }
                }
            }
            """ + AgentsApi);
        var cl100k = SharpToken.GptEncoding.GetEncoding("cl100k_base");
        var tokens = cl100k.CountTokens("You answer billing questions.") + cl100k.CountTokens("Why was I charged twice?");
        test.ExpectedDiagnostics.Add(Measured(12, 28, "Desk.RunAsync#1", tokens, tokens, 0, "cl100k_base"));
        await test.RunAsync();
    }

    [Fact]
    public async Task RunOfAgentWithoutSettings_ReportsPL0003_AgentWithMaxTokensInItsArgumentsDoesNot()
    {
        var test = new AnalyzerTest<PromptFootprintAnalyzer>().WithSdks().WithSource("""
            using System.Threading.Tasks;
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.Agents;
            using Microsoft.SemanticKernel.Connectors.OpenAI;

            public class Desk
            {
                public async Task Plain()
                {
                    var agent = new ChatCompletionAgent { Instructions = "You answer questions about Contoso's return policy." };
                    await foreach (var item in agent.InvokeAsync("Can I return shoes after 30 days?")) { }
                }

                public async Task Capped()
                {
                    var agent = new ChatCompletionAgent
                    {
                        Instructions = "You answer billing questions.",
                        Arguments = new KernelArguments(new OpenAIPromptExecutionSettings { MaxTokens = 300 }),
                    };
                    await foreach (var item in agent.InvokeAsync("Why was I charged twice?")) { }
                }

                public async Task FromOptions(AgentInvokeOptions options)
                {
                    var agent = new ChatCompletionAgent { Instructions = "You answer shipping questions." };
                    await foreach (var item in agent.InvokeAsync("Where is my parcel?", options: options)) { }
                }
            }
            """ + AgentsApi);
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PL0003", DiagnosticSeverity.Warning).WithSpan("/0/Test1.cs", 11, 36, 11, 90));
        await test.RunAsync();
    }
}
