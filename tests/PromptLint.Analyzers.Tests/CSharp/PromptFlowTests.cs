using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using static PromptLint.Analyzers.Tests.CSharp.Measurements;

namespace PromptLint.Analyzers.Tests.CSharp;

/// <summary>
/// Prompts assembled across one type and one method (issue 14, item 2): a field or property a constructor sets once,
/// a history built in the constructor and sent from a method, a list of messages built over several statements, and
/// prompts sent from an array in a loop.
/// </summary>
public class PromptFlowTests
{
    [Fact]
    public async Task FieldAndPropertySetOnceInTheConstructor_FoldWhereSent()
    {
        var test = Test("""
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;

            public class Agent
            {
                private readonly IChatClient _client;
                private string _systemPrompt;

                public Agent(IChatClient client, string company)
                {
                    _client = client;
                    _systemPrompt = $"You are the support agent of {company}. Answer briefly.";
                    Style = "Use plain English.";
                }

                private string Style { get; }

                public Task Ask(string q) => _client.GetResponseAsync(new List<ChatMessage>
                {
                    new(ChatRole.System, _systemPrompt),
                    new(ChatRole.System, Style),
                    new(ChatRole.User, q),
                });
            }
            """);
        test.ExpectedDiagnostics.Add(Measured(8, 20, "Agent._systemPrompt", Tokens("You are the support agent of ", ". Answer briefly.", "Use plain English."), Tokens("You are the support agent of "), 2));
        await test.RunAsync();
    }

    [Fact]
    public async Task FieldWrittenOutsideTheConstructor_StaysAHole()
    {
        var test = Test("""
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;

            public class Agent
            {
                private readonly IChatClient _client;
                private string _prompt;

                public Agent(IChatClient client)
                {
                    _client = client;
                    _prompt = "Answer briefly.";
                }

                public void Reset() => _prompt = "Answer at length.";

                public Task Ask(string q) => _client.GetResponseAsync(_prompt + q);
            }
            """);
        test.ExpectedDiagnostics.Add(Measured(17, 59, "Agent.Ask#1", 0, 0, 2));
        await test.RunAsync();
    }

    [Fact]
    public async Task HistoryFilledInTheConstructor_IsPartOfTheSendNotAPromptOfItsOwn()
    {
        var test = Test("""
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.ChatCompletion;

            public class Tutor
            {
                private readonly IChatCompletionService _chat;
                private readonly ChatHistory _history;
                private readonly List<ChatMessage> _messages = [new(ChatRole.System, "You grade essays from 1 to 10.")];

                public Tutor(IChatCompletionService chat)
                {
                    _chat = chat;
                    _history = new ChatHistory("You are a patient math tutor.");
                    _history.AddSystemMessage("Explain each step.");
                }

                public async Task Ask(string question)
                {
                    _history.AddUserMessage(question);
                    await _chat.GetChatMessageContentAsync(_history);
                }

                public Task Grade(IChatClient client, string essay)
                {
                    _messages.Add(new(ChatRole.User, essay));
                    return client.GetResponseAsync(_messages);
                }
            }
            """);
        test.ExpectedDiagnostics.Add(Measured(11, 74, "Tutor.Grade#1", Tokens("You grade essays from 1 to 10."), Tokens("You grade essays from 1 to 10."), 1));
        test.ExpectedDiagnostics.Add(Measured(16, 36, "Tutor.Ask#1", Tokens("You are a patient math tutor.", "Explain each step."), Tokens("You are a patient math tutor.", "Explain each step."), 1));
        await test.RunAsync();
    }

    [Fact]
    public async Task PromptsSentFromAnArrayInALoop_AreEachMeasured()
    {
        var test = Test("""
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;

            public class Demo
            {
                private static readonly string[] Questions = { "What is an LLM?", "What is a token?" };

                public async Task Run(IChatClient client)
                {
                    foreach (var question in Questions)
                    {
                        await client.GetResponseAsync(question);
                    }

                    List<string> topics = ["cats", "dogs"];
                    foreach (var topic in topics)
                    {
                        await client.GetResponseAsync($"Write a haiku about {topic}.");
                    }
                }
            }
            """);
        test.ExpectedDiagnostics.Add(Measured(13, 43, "Demo.Run#1[1]", Tokens("What is an LLM?"), Tokens("What is an LLM?"), 0));
        test.ExpectedDiagnostics.Add(Measured(13, 43, "Demo.Run#1[2]", Tokens("What is a token?"), Tokens("What is a token?"), 0));
        test.ExpectedDiagnostics.Add(Measured(19, 43, "Demo.Run#2[1]", Tokens("Write a haiku about cats."), Tokens("Write a haiku about cats."), 0));
        test.ExpectedDiagnostics.Add(Measured(19, 43, "Demo.Run#2[2]", Tokens("Write a haiku about dogs."), Tokens("Write a haiku about dogs."), 0));
        await test.RunAsync();
    }
}
