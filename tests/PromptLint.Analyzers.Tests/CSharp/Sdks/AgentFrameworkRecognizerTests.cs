using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using static PromptLint.Analyzers.Tests.CSharp.Measurements;

namespace PromptLint.Analyzers.Tests.CSharp.Sdks;

/// <summary>Microsoft Agent Framework (Microsoft.Agents.AI 1.28): an agent's instructions, and what a run sends.</summary>
public class AgentFrameworkRecognizerTests
{
    [Fact]
    public async Task ChatClientAgentRunWithText_IsOnePromptOfInstructionsThenTheText()
    {
        var test = Test("""
            using System.Threading.Tasks;
            using Microsoft.Agents.AI;
            using Microsoft.Extensions.AI;

            public class Jokes(IChatClient chatClient)
            {
                public async Task<string> TellAsync()
                {
                    AIAgent agent = new ChatClientAgent(chatClient, instructions: "You are good at telling jokes.", name: "Joker");
                    var response = await agent.RunAsync("Tell me a joke about a pirate.");
                    return response.Text;
                }
            }
            """);
        var tokens = Tokens("You are good at telling jokes.", "Tell me a joke about a pirate.");
        test.ExpectedDiagnostics.Add(Measured(9, 71, "Jokes.TellAsync#1", tokens, tokens, 0));
        await test.RunAsync();
    }

    [Fact]
    public async Task AsAIAgentWithInstructionsNeverRun_IsAPromptOfItsInstructions()
    {
        var test = Test("""
            using Microsoft.Agents.AI;
            using Microsoft.Extensions.AI;

            public class Agents(IChatClient chatClient)
            {
                public AIAgent Writer() => chatClient.AsAIAgent(instructions: "You write release notes from commit messages.", name: "Writer");
            }
            """);
        var tokens = Tokens("You write release notes from commit messages.");
        test.ExpectedDiagnostics.Add(Measured(6, 67, "Agents.Writer#1", tokens, tokens, 0));
        await test.RunAsync();
    }

    [Fact]
    public async Task RunOfAgentFromPlainInstructions_ReportsPL0003_AgentFromOptionsDoesNot()
    {
        var test = new AnalyzerTest<PromptFootprintAnalyzer>().WithSdks().WithSource("""
            using System.Threading.Tasks;
            using Microsoft.Agents.AI;
            using Microsoft.Extensions.AI;

            public class Support(IChatClient chatClient)
            {
                public async Task Plain()
                {
                    var agent = new ChatClientAgent(chatClient, instructions: "You answer questions about Contoso's return policy.");
                    await agent.RunAsync("Can I return shoes after 30 days?");
                }

                public async Task Capped()
                {
                    var agent = new ChatClientAgent(chatClient, new ChatClientAgentOptions { ChatOptions = new() { Instructions = "You answer billing questions.", MaxOutputTokens = 300 } });
                    await agent.RunAsync("Why was I charged twice?");
                }
            }
            """);
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PL0003", DiagnosticSeverity.Warning).WithSpan("/0/Test1.cs", 10, 15, 10, 66));
        await test.RunAsync();
    }

    [Fact]
    public async Task GetResponseAsyncExtension_IsStillASendWhenAgentFrameworkDeclaresItsOwnChatClientExtensions()
    {
        // Regression: Microsoft.Agents.AI declares a second Microsoft.Extensions.AI.ChatClientExtensions, and looking the
        // type up by metadata name alone found none, so no extension GetResponseAsync(string) was a send.
        var test = Test("""
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;

            public class Quick(IChatClient client)
            {
                public Task<ChatResponse> AskAsync() => client.GetResponseAsync("Name three rivers in Europe.");
            }
            """);
        var tokens = Tokens("Name three rivers in Europe.");
        test.ExpectedDiagnostics.Add(Measured(6, 69, "Quick.AskAsync#1", tokens, tokens, 0));
        await test.RunAsync();
    }
}
