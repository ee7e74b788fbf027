using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using static PromptLint.Analyzers.Tests.Rules.CostRuleTest;

namespace PromptLint.Analyzers.Tests.Rules;

/// <summary>PL0003 where the call or the prompt file is; capped and unknown options stay silent.</summary>
public sealed class OutputCapTests
{
    [Fact]
    public async Task UncappedIChatClientCall_ReportsPL0003AtTheCall_CappedAndUnknownOptionsDoNot()
    {
        var test = Test("""
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;

            public class Calls(IChatClient client, ChatOptions injected)
            {
                public Task Uncapped(string q) => client.GetResponseAsync(q);
                public Task Capped(string q) => client.GetResponseAsync(q, new ChatOptions { MaxOutputTokens = 200 });
                public Task FromParameter(string q, ChatOptions options) => client.GetResponseAsync(q, options);
                public Task FromField(string q) => client.GetResponseAsync(q, injected);
                public Task FromSetting(string q, int max) => client.GetResponseAsync(q, new ChatOptions { MaxOutputTokens = max });
                public Task CappedLater(string q)
                {
                    var options = new ChatOptions();
                    options.MaxOutputTokens = 300;
                    return client.GetResponseAsync(q, options);
                }
            }
            """);
        test.ExpectedDiagnostics.Add(At("PL0003", DiagnosticSeverity.Warning, 6, 39, 6, 65));
        await test.RunAsync();
    }

    [Fact]
    public async Task PipelineThatCapsEveryCall_SilencesPL0003ForCallsThroughIt()
    {
        var test = Test("""
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;

            public class Calls(IChatClient inner)
            {
                private readonly IChatClient _capped = new ChatClientBuilder(inner)
                    .ConfigureOptions(o => o.MaxOutputTokens = 400)
                    .Build();

                public Task ThroughTheCappedPipeline(string q) => _capped.GetResponseAsync(q);

                public Task Local(string q)
                {
                    var client = inner.AsBuilder().ConfigureOptions(o => { o.MaxOutputTokens = 200; }).Build();
                    return client.GetResponseAsync(q);
                }

                public Task Uncapped(string q) => inner.GetResponseAsync(q);
            }
            """);
        test.ExpectedDiagnostics.Add(At("PL0003", DiagnosticSeverity.Warning, 18, 39, 18, 64));
        await test.RunAsync();
    }

    // Regression (issue 15): a call through Anthropic's IChatClient adapter was reported, though the adapter always sends
    // max_tokens (its defaultMaxOutputTokens, else 1,024); the same call through any other IChatClient still is.
    [Fact]
    public async Task CallThroughAnthropicsAdapter_IsCapped_OtherClientsAreNot()
    {
        var test = Test("""
            using System.Threading.Tasks;
            using Anthropic;
            using Microsoft.Extensions.AI;

            public class Calls(AnthropicClient anthropic, IChatClient other)
            {
                public Task Claude(string q)
                {
                    IChatClient chat = anthropic.AsIChatClient("claude-sonnet-4-5");
                    return chat.GetResponseAsync(q);
                }

                public Task ClaudeWithItsCap(string q) => anthropic.AsIChatClient("claude-sonnet-4-5", defaultMaxOutputTokens: 300).GetResponseAsync(q);

                public Task Other(string q) => other.GetResponseAsync(q);
            }
            """);
        test.ExpectedDiagnostics.Add(At("PL0003", DiagnosticSeverity.Warning, 15, 36, 15, 61));
        await test.RunAsync();
    }

    [Fact]
    public async Task OptionsWithoutCap_ReportsPL0003AtTheOptions()
    {
        var test = Test("""
            using OpenAI.Chat;

            public class Calls
            {
                public ChatCompletion Go(ChatClient chat, string q)
                    => chat.CompleteChat(new ChatMessage[] { new UserChatMessage(q) }, new ChatCompletionOptions { Temperature = 0.2f });
            }
            """);
        test.ExpectedDiagnostics.Add(At("PL0003", DiagnosticSeverity.Warning, 6, 76, 6, 124));
        await test.RunAsync();
    }

    [Fact]
    public async Task UncappedPromptyAndSkYaml_ReportPL0003AtLine1_CappedFilesDoNot()
    {
        var test = new AnalyzerTest<PromptFootprintAnalyzer>()
            .WithFile("uncapped.prompty", "---\nname: A\nmodel:\n  configuration:\n    name: gpt-4o\n---\nsystem:\nBe brief.\n")
            .WithFile("capped.prompty", "---\nname: B\nmodel:\n  parameters:\n    max_tokens: 100\n---\nsystem:\nBe brief.\n")
            .WithFile("Prompts/story.yaml", "name: Story\ntemplate: Tell a story about {{$topic}}.\n")
            .WithFile("ask.prompt.yml", "model: openai/gpt-4o-mini\nmodelParameters:\n  maxTokens: 50\nmessages:\n  - role: user\n    content: Hi\n");
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PL0003", DiagnosticSeverity.Warning).WithSpan(Dir + "/uncapped.prompty", 1, 1, 1, 4));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PL0003", DiagnosticSeverity.Warning).WithSpan(Dir + "/Prompts/story.yaml", 1, 1, 1, 12));
        await test.RunAsync();
    }
}
