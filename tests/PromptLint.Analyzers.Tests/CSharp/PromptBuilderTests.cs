using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using static PromptLint.Analyzers.Tests.CSharp.Measurements;

namespace PromptLint.Analyzers.Tests.CSharp;

/// <summary>
/// Prompts assembled by helper code (issue 14, item 1): a method or local function that takes parameters, a
/// <c>StringBuilder</c>, <c>string.Join</c>, <c>string.Format</c> and <c>Replace</c> fold into the prompt sent, so its
/// size, its cacheable prefix and a volatile value at its start are measured where they were 0 tokens before.
/// </summary>
public class PromptBuilderTests
{
    [Fact]
    public async Task HelperMethodWithParameter_FoldsWithTheParameterAsAHole()
    {
        var test = Test("""
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;

            public class Summarizer(IChatClient client)
            {
                public Task<ChatResponse> Summarize(string text) => client.GetResponseAsync(GetLongSummaryPrompt(text));

                private static string GetLongSummaryPrompt(string input) => $"Summarize the following text in five paragraphs:\n{input}\nKeep every number.";
            }
            """);
        test.ExpectedDiagnostics.Add(Measured(6, 81, "Summarizer.Summarize#1", Tokens("Summarize the following text in five paragraphs:\n", "\nKeep every number."), Tokens("Summarize the following text in five paragraphs:\n"), 1));
        await test.RunAsync();
    }

    [Fact]
    public async Task BuilderWithTimestampFirst_ReportsPL0005AtTheSend()
    {
        var policy = string.Concat(Enumerable.Range(1, 80).Select(i => $"Rule {i}: follow the refund policy exactly and cite the section of every rule you apply. "));
        var test = new AnalyzerTest<PromptFootprintAnalyzer>().WithSdks().WithSource($$"""
            using System;
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;

            public class Support(IChatClient client)
            {
                private const string Policy = "{{policy}}";

                public Task Ask(string customerName, string q) => client.GetResponseAsync(
                    [new ChatMessage(ChatRole.System, BuildSystemPrompt(customerName)), new ChatMessage(ChatRole.User, q)],
                    new ChatOptions { MaxOutputTokens = 500 });

                private static string BuildSystemPrompt(string customer)
                {
                    var header = $"Now: {DateTime.UtcNow:O}. Customer: {customer}. ";
                    return header + Policy;
                }
            }
            """);
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PL0004", DiagnosticSeverity.Warning).WithSpan("/0/Test1.cs", 10, 43, 10, 74));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PL0005", DiagnosticSeverity.Warning).WithSpan("/0/Test1.cs", 10, 43, 10, 74));
        await test.RunAsync();
    }

    [Fact]
    public async Task ConstantArgument_FoldsAsText_AndLocalFunctionsFoldToo()
    {
        var test = Test("""
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;

            public class Translator(IChatClient client)
            {
                private const string Language = "French";

                public Task Translate(string text)
                {
                    string Instruction(string language, string body) => "Translate into " + language + ":\n" + body;
                    return client.GetResponseAsync(Instruction(Language, text));
                }
            }
            """);
        test.ExpectedDiagnostics.Add(Measured(11, 40, "Translator.Translate#1", Tokens("Translate into French:\n"), Tokens("Translate into French:\n"), 1));
        await test.RunAsync();
    }

    [Fact]
    public async Task StringBuilderJoinFormatAndReplace_Fold()
    {
        var test = Test("""
            using System.Text;
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;

            public class Reviewer(IChatClient client)
            {
                private const string Template = "Review {{code}} for bugs.";

                public Task Review(string code, string[] notes)
                {
                    var sb = new StringBuilder("You review C# code.");
                    sb.AppendLine();
                    sb.AppendLine(string.Join("\n", new[] { "- Be terse.", "- Cite lines." }));
                    sb.Append(string.Format("Language: {0}. Reviewer: {1}.", "C#", code.Length));
                    foreach (var note in notes)
                    {
                        sb.AppendLine(note);
                    }

                    return client.GetResponseAsync([
                        new ChatMessage(ChatRole.System, sb.ToString()),
                        new ChatMessage(ChatRole.User, Template.Replace("{{code}}", code)),
                    ]);
                }
            }
            """);
        var system = "You review C# code.\n- Be terse.\n- Cite lines.\nLanguage: C#. Reviewer: ";
        test.ExpectedDiagnostics.Add(Measured(21, 46, "Reviewer.Review#1", Tokens(system, ".", "Review ", " for bugs."), Tokens(system), 3));
        await test.RunAsync();
    }

    [Fact]
    public async Task RecursiveAndBranchingBuilders_StayHoles()
    {
        var test = Test("""
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;

            public class Odd(IChatClient client)
            {
                public Task Ask(int n) => client.GetResponseAsync("Count: " + Down(n) + Pick(n));

                private static string Down(int n) => n <= 0 ? "" : Down(n - 1) + ".";

                private static string Pick(int n)
                {
                    if (n > 3)
                    {
                        return "many";
                    }

                    return "few";
                }
            }
            """);
        test.ExpectedDiagnostics.Add(Measured(6, 55, "Odd.Ask#1", Tokens("Count: "), Tokens("Count: "), 2));
        await test.RunAsync();
    }

    [Fact]
    public async Task LocalFunctionsOfTheSameNameInTwoMethods_AndAConstructor_HaveDistinctDocumentedIds()
    {
        var test = Test("""
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;

            namespace Shop;

            public class Bot
            {
                public Bot(IChatClient client) => client.GetResponseAsync($"Warm up {client}.");

                public Task A(IChatClient client)
                {
                    string Prompt() => "Answer in English.";
                    return client.GetResponseAsync(Prompt());
                }

                public Task B(IChatClient client)
                {
                    string Prompt() => "Answer in German.";
                    return client.GetResponseAsync(Prompt());
                }
            }
            """);
        test.ExpectedDiagnostics.Add(Measured(8, 63, "Shop.Bot.ctor#1", Tokens("Warm up ", "."), Tokens("Warm up "), 1));
        test.ExpectedDiagnostics.Add(Measured(12, 16, "Shop.Bot.A.Prompt", Tokens("Answer in English."), Tokens("Answer in English."), 0));
        test.ExpectedDiagnostics.Add(Measured(18, 16, "Shop.Bot.B.Prompt", Tokens("Answer in German."), Tokens("Answer in German."), 0));
        await test.RunAsync();
    }

    [Fact]
    public async Task TruncateDefinedInTheProject_KeepsItsCap_ForPL0006()
    {
        var test = new AnalyzerTest<PromptFootprintAnalyzer>().WithSdks().WithSource("""
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;

            public static class Text
            {
                public static string Truncate(this string s, int n) => s.Length <= n ? s : s[..n];
            }

            public class Bot(IChatClient client)
            {
                [PromptLint.Prompt("bot", Budget = 400)]
                private static string Prompt(string doc) => "Summarize: " + doc.Truncate(500);

                public Task Ask(string doc) => client.GetResponseAsync(Prompt(doc), new ChatOptions { MaxOutputTokens = 100 });
            }

            namespace PromptLint
            {
                [System.AttributeUsage(System.AttributeTargets.All)]
                internal sealed class PromptAttribute(string id) : System.Attribute
                {
                    public int Budget { get; set; }
                }
            }
            """);
        await test.RunAsync();
    }
}
