using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using static PromptLint.Analyzers.Tests.Rules.CostRuleTest;

namespace PromptLint.Analyzers.Tests.Rules;

/// <summary>PL0010 in code and prompt files.</summary>
public sealed class CostlyCharactersTests
{
    [Fact]
    public async Task WordProcessorCharacters_ReportPL0010InCodeAndFiles_AsciiTextDoesNot()
    {
        var test = Test("""
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;

            public class Support(IChatClient client)
            {
                public Task Pasted(string q) => client.GetResponseAsync(
                    [new ChatMessage(ChatRole.System, "You are \u201CContoso\u00A0Support\u201D\u200B. Don\u2019t guess\u2026"), new ChatMessage(ChatRole.User, q)],
                    new ChatOptions { MaxOutputTokens = 500 });

                public Task Ascii(string q) => client.GetResponseAsync(
                    [new ChatMessage(ChatRole.System, $"You are \"Contoso Support\". Customer: {q}..."), new ChatMessage(ChatRole.User, q)],
                    new ChatOptions { MaxOutputTokens = 500 });
            }
            """)
            .WithFile("notes.txt", "Answer in one paragraph\u00A0\u00A0\u2026 no \u201Cmarketing\u201D words.\n")
            .WithFile("plain.txt", "Answer in one paragraph... no \"marketing\" words.\n");
        test.ExpectedDiagnostics.Add(At("PL0010", DiagnosticSeverity.Info, 7, 43, 7, 115));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PL0010", DiagnosticSeverity.Info).WithSpan(Dir + "/notes.txt", 1, 24, 1, 25));
        await test.RunAsync();
    }
}
