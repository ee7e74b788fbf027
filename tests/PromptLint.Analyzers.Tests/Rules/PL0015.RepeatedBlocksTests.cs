using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using static PromptLint.Analyzers.Tests.Rules.CostRuleTest;

namespace PromptLint.Analyzers.Tests.Rules;

/// <summary>PL0015 in code and prompt files, and its minimum (with PL0019's) from the config.</summary>
public sealed class RepeatedBlocksTests
{
    [Fact]
    public async Task ParagraphTwice_ReportsPL0015InCodeAndFiles_RepeatsFromHolesAndShortBoilerplateDoNot()
    {
        var test = Test("""
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;

            public class Support(IChatClient client)
            {
                public Task Twice(string q) => client.GetResponseAsync(
                    [new ChatMessage(ChatRole.System, "Always answer in English, even when the customer writes in another language.\n\nRefunds take five business days.\n\nAlways answer in English, even when the customer writes in another language."), new ChatMessage(ChatRole.User, q)],
                    new ChatOptions { MaxOutputTokens = 500 });

                public Task FromHoles(string q, string policy) => client.GetResponseAsync(
                    [new ChatMessage(ChatRole.System, $"{policy}\n\nRefunds take five business days.\n\n{policy}"), new ChatMessage(ChatRole.User, q)],
                    new ChatOptions { MaxOutputTokens = 500 });
            }
            """)
            .WithFile("reminder.md", "Always answer in English, even when the customer writes in another language.\nRefunds take five business days.\n\n{{question}}\n\nAlways answer in English, even when the customer writes in another language.\n")
            .WithFile("qa.md", "Question:\n{{q1}}\nAnswer:\n\nQuestion:\n{{q2}}\nAnswer:\n");
        test.ExpectedDiagnostics.Add(At("PL0015", DiagnosticSeverity.Info, 7, 43, 7, 237));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PL0015", DiagnosticSeverity.Info).WithSpan(Dir + "/reminder.md", 6, 1, 6, 77));
        await test.RunAsync();
    }

    [Fact]
    public async Task RepeatedBlockAndDeadInstructionMinimums_AreReadFromTheConfig()
    {
        const string Style = "Always answer in English, even when the customer writes in another language.\nAlways use bullet points.\n\nAlways answer in English, even when the customer writes in another language.\nNever use bullet points.\n";
        var defaults = new AnalyzerTest<PromptFootprintAnalyzer>().WithFile("style.md", Style);
        // Each at the text it is about: the contradicted instruction, and the copy of the repeated sentence.
        defaults.ExpectedDiagnostics.Add(new DiagnosticResult("PL0019", DiagnosticSeverity.Info).WithSpan(Dir + "/style.md", 2, 1, 2, 26));
        defaults.ExpectedDiagnostics.Add(new DiagnosticResult("PL0015", DiagnosticSeverity.Info).WithSpan(Dir + "/style.md", 4, 1, 4, 77));
        await defaults.RunAsync();

        // The sentence is 14 tokens and the contradicted instruction 5 (o200k_base).
        var raised = new AnalyzerTest<PromptFootprintAnalyzer>()
            .WithFile("style.md", Style)
            .WithOption("promptlint.repeated_block_min_tokens", "15")
            .WithOption("promptlint.dead_instruction_min_tokens", "6");
        await raised.RunAsync();
    }
}
