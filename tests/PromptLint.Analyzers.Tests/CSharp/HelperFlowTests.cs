using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using static PromptLint.Analyzers.Tests.CSharp.Measurements;

namespace PromptLint.Analyzers.Tests.CSharp;

/// <summary>
/// Prompts handed to a helper that sends them (issue 33): each call that passes text is a prompt of its own, measured
/// with the helper's options; the helper's own send stays a prompt with a hole only when no call passes text.
/// </summary>
public class HelperFlowTests
{
    private const string System = "You generate realistic sample data for a shop. Reply with the data only, no commentary.";

    [Fact]
    public async Task TextPassedToASendingHelper_IsOnePromptPerCallNamedAfterTheCaller()
    {
        var test = Test($$"""
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;

            namespace Contoso.DataGen;

            public class CatalogGenerator(IChatClient client)
            {
                public async Task RunAsync(int count)
                {
                    var categories = await AskAsync("List ten product categories for an outdoor store, one per line.", maxTokens: 400);
                    var products = await AskAsync($"Write {count} product names for an outdoor store as a JSON array of strings.", maxTokens: 2000);
                }

                private async Task<string> AskAsync(string prompt, int maxTokens)
                {
                    var response = await client.GetResponseAsync(
                        [new(ChatRole.System, "{{System}}"), new(ChatRole.User, prompt)],
                        new ChatOptions { MaxOutputTokens = maxTokens });
                    return response.Text;
                }
            }
            """);
        var first = Tokens(System, "List ten product categories for an outdoor store, one per line.");
        test.ExpectedDiagnostics.Add(Measured(10, 41, "Contoso.DataGen.CatalogGenerator.RunAsync#AskAsync", first, first, 0));
        var second = Tokens(System, "Write ", " product names for an outdoor store as a JSON array of strings.");
        test.ExpectedDiagnostics.Add(Measured(11, 39, "Contoso.DataGen.CatalogGenerator.RunAsync#AskAsync#2", second, Tokens(System, "Write "), 1));
        await test.RunAsync();
    }

    [Fact]
    public async Task HelperCalledOnlyWithParameters_StaysOnePromptWithAHole()
    {
        var test = Test($$"""
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;

            public class Relay(IChatClient client)
            {
                public Task<string> ForwardAsync(string question) => AskAsync(question);

                private async Task<string> AskAsync(string prompt)
                {
                    var response = await client.GetResponseAsync([new(ChatRole.System, "{{System}}"), new(ChatRole.User, prompt)]);
                    return response.Text;
                }
            }
            """);
        test.ExpectedDiagnostics.Add(Measured(10, 76, "Relay.AskAsync#1", Tokens(System), Tokens(System), 1));
        await test.RunAsync();
    }

    [Fact]
    public async Task HelperCalledFromLambdaInAnotherType_IsNamedAfterTheMemberHoldingTheLambda()
    {
        var test = Test($$"""
            using System;
            using System.Linq;
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;

            public class Summarizer(IChatClient client)
            {
                public async Task<string> SummarizeAsync(string instructions, string text)
                {
                    var response = await client.GetResponseAsync(text, new ChatOptions { Instructions = instructions, MaxOutputTokens = 300 });
                    return response.Text;
                }
            }

            public class Reports(Summarizer summarizer)
            {
                public Task<string[]> WeeklyAsync(string[] tickets)
                    => Task.WhenAll(tickets.Select(t => summarizer.SummarizeAsync("Summarize the support ticket in two sentences.", t)));
            }
            """);
        var tokens = Tokens("Summarize the support ticket in two sentences.");
        test.ExpectedDiagnostics.Add(Measured(18, 71, "Reports.WeeklyAsync#SummarizeAsync", tokens, tokens, 1));
        await test.RunAsync();
    }

    [Fact]
    public async Task CapPassedToTheHelper_IsEachCallsCap_OnlyTheCallOverTheCeilingReportsPL0003()
    {
        // The helper caps with its maxTokens parameter: 400 at the first call, 2000 at the second.
        var test = new AnalyzerTest<PromptFootprintAnalyzer>().WithSdks().WithOption("promptlint.max_output_tokens_ceiling", "1000").WithSource("""
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;

            public class CatalogGenerator(IChatClient client)
            {
                public async Task RunAsync()
                {
                    await AskAsync("List ten product categories for an outdoor store, one per line.", maxTokens: 400);
                    await AskAsync("Write fifty product names for an outdoor store as a JSON array of strings.", maxTokens: 2000);
                }

                private async Task<string> AskAsync(string prompt, int maxTokens)
                    => (await client.GetResponseAsync(prompt, new ChatOptions { MaxOutputTokens = maxTokens })).Text;
            }
            """);
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PL0003", DiagnosticSeverity.Warning).WithSpan("/0/Test1.cs", 9, 15, 9, 118));
        await test.RunAsync();
    }

    [Fact]
    public async Task HelperWithItsOwnPrompt_CalledWithAShortNameAndQuestion_KeepsItsOwnId()
    {
        // The call fills a name and a question into the helper's own long prompt: the prompt is the helper's (its id is
        // the one the baseline and the meter know), not the caller's.
        var test = Test($$"""
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;

            public class Desk(IChatClient client)
            {
                public Task<string> DemoAsync() => AnswerAsync("Jane", "Where is my order?");

                public async Task<string> AnswerAsync(string name, string question)
                {
                    var response = await client.GetResponseAsync([new(ChatRole.System, "{{Policy}}"), new(ChatRole.User, $"Customer: {name}\nQuestion: {question}")], new ChatOptions { MaxOutputTokens = 300 });
                    return response.Text;
                }
            }
            """);
        test.ExpectedDiagnostics.Add(Measured(10, 76, "Desk.AnswerAsync#1", Tokens(Policy, "Customer: ", "\nQuestion: "), Tokens(Policy, "Customer: "), 2));
        await test.RunAsync();
    }

    [Fact]
    public async Task HelperCalledThroughAConditionalAccess_IsThePromptOfThatCall()
    {
        var test = Test($$"""
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;

            public class Generator(IChatClient client)
            {
                public async Task<string> AskAsync(string prompt)
                    => (await client.GetResponseAsync([new(ChatRole.System, "{{System}}"), new(ChatRole.User, prompt)], new ChatOptions { MaxOutputTokens = 400 })).Text;
            }

            public class Runner(Generator? generator)
            {
                public Task<string>? CategoriesAsync() => generator?.AskAsync("List ten product categories for an outdoor store, one per line.");
            }
            """);
        var tokens = Tokens(System, "List ten product categories for an outdoor store, one per line.");
        test.ExpectedDiagnostics.Add(Measured(12, 67, "Runner.CategoriesAsync#AskAsync", tokens, tokens, 0));
        await test.RunAsync();
    }

    [Fact]
    public void ManyHelpers_ReadTheProjectsFilesOnce()
    {
        // Every method whose parameter reaches a send asks for its callers; a project with hundreds of them once read
        // every file per helper (a clean build of a 500-file project took seconds more). The calls are indexed once.
        var files = Enumerable.Range(0, 30).Select(i => Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText($$"""
            public class Service{{i}}
            {
                public string AskAsync(string question) => question;
                public string Run() => AskAsync("question {{i}}") + new Service{{(i + 1) % 30}}().AskAsync("next");
            }
            """)).ToList();
        var compilation = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create("Helpers", files, [MetadataReference.CreateFromFile(typeof(object).Assembly.Location)]);
        var sites = new PromptLint.Analyzers.CSharp.HelperCallSites(compilation);
        for (var i = 0; i < 30; i++)
        {
            var helper = compilation.GetTypeByMetadataName("Service" + i)!.GetMembers("AskAsync").OfType<IMethodSymbol>().Single();
            Assert.Equal(2, sites.Of(helper, CancellationToken.None).Count);
        }

        Assert.Equal(1, sites.IndexBuilds);
    }

    private const string Policy = "You answer questions about orders of the Contoso outdoor store. Be brief and friendly, quote the order number, never promise refunds or delivery dates, and hand anything about payments to a human agent. Answer in the customer's language.";

    [Fact]
    public async Task TextPassedToALocalFunctionThatSends_IsOnePromptPerCall()
    {
        var test = Test("""
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;

            public class Translator(IChatClient client)
            {
                public async Task RunAsync()
                {
                    await TranslateAsync("Good morning, how did you sleep?");
                    await TranslateAsync("The train leaves at nine from platform two.");

                    async Task TranslateAsync(string sentence)
                    {
                        var response = await client.GetResponseAsync(
                            [new(ChatRole.System, "Translate the user's sentence into French. Reply with the translation only."), new(ChatRole.User, sentence)],
                            new ChatOptions { MaxOutputTokens = 100 });
                    }
                }
            }
            """);
        const string Rule = "Translate the user's sentence into French. Reply with the translation only.";
        var first = Tokens(Rule, "Good morning, how did you sleep?");
        test.ExpectedDiagnostics.Add(Measured(8, 30, "Translator.RunAsync#TranslateAsync", first, first, 0));
        var second = Tokens(Rule, "The train leaves at nine from platform two.");
        test.ExpectedDiagnostics.Add(Measured(9, 30, "Translator.RunAsync#TranslateAsync#2", second, second, 0));
        await test.RunAsync();
    }
}
