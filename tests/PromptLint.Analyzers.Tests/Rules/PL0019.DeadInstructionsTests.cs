using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using static PromptLint.Analyzers.Tests.Rules.CostRuleTest;

namespace PromptLint.Analyzers.Tests.Rules;

/// <summary>PL0019 in code and prompt files.</summary>
public sealed class DeadInstructionsTests
{
    [Fact]
    public async Task AlwaysThenNever_ReportsPL0019InCodeAndFiles_ConditionalExceptionsDoNot()
    {
        var test = Test("""
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;

            public class Support(IChatClient client)
            {
                public Task Contradicts(string q) => client.GetResponseAsync(
                    [new ChatMessage(ChatRole.System, "Always use bullet points. Keep answers short. Never use bullet points."), new ChatMessage(ChatRole.User, q)],
                    new ChatOptions { MaxOutputTokens = 500 });

                public Task Scoped(string q) => client.GetResponseAsync(
                    [new ChatMessage(ChatRole.System, "Always use bullet points for lists. Never use bullet points in code blocks."), new ChatMessage(ChatRole.User, q)],
                    new ChatOptions { MaxOutputTokens = 500 });
            }
            """)
            .WithFile("style.md", "Always use bullet points.\nKeep answers short.\n\nNever use bullet points.\n")
            .WithFile("scoped.md", "Always use bullet points.\nNever use bullet points when you quote code.\n");
        test.ExpectedDiagnostics.Add(At("PL0019", DiagnosticSeverity.Info, 7, 43, 7, 115));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PL0019", DiagnosticSeverity.Info).WithSpan(Dir + "/style.md", 1, 1, 1, 26));
        await test.RunAsync();
    }
}
