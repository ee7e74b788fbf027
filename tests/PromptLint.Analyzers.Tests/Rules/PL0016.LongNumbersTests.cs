using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using static PromptLint.Analyzers.Tests.Rules.CostRuleTest;

namespace PromptLint.Analyzers.Tests.Rules;

/// <summary>PL0016 in code and prompt files.</summary>
public sealed class LongNumbersTests
{
    [Fact]
    public async Task LongNumbers_ReportPL0016InCodeAndFiles_NumbersFromAHoleDoNot()
    {
        var test = Test("""
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;

            public class Payments(IChatClient client)
            {
                public Task Pasted(string q) => client.GetResponseAsync(
                    [new ChatMessage(ChatRole.System, "Test with card 4111111111111111 and timestamp 1732550400."), new ChatMessage(ChatRole.User, q)],
                    new ChatOptions { MaxOutputTokens = 500 });

                public Task FromAHole(string q, string card, long since) => client.GetResponseAsync(
                    [new ChatMessage(ChatRole.System, $"Test with card {card} and timestamp {since}."), new ChatMessage(ChatRole.User, q)],
                    new ChatOptions { MaxOutputTokens = 500 });
            }
            """)
            .WithFile("orders.md", "Orders 20241125000123 and 20241125000124 are test orders.\n")
            .WithFile("dates.md", "Orders placed on 2024-11-25 ship within 3 days.\n");
        test.ExpectedDiagnostics.Add(At("PL0016", DiagnosticSeverity.Info, 7, 43, 7, 102));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PL0016", DiagnosticSeverity.Info).WithSpan(Dir + "/orders.md", 1, 8, 1, 22));
        await test.RunAsync();
    }
}
