using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using static PromptLint.Analyzers.Tests.Rules.CostRuleTest;

namespace PromptLint.Analyzers.Tests.Rules;

/// <summary>PL0014 in code.</summary>
public sealed class DataBlobsTests
{
    [Fact]
    public async Task KeyInTheInstructions_ReportsPL0014InCode_ValueFromAHoleDoesNot()
    {
        var test = Test("""
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;

            public class Support(IChatClient client)
            {
                public Task Pasted(string q) => client.GetResponseAsync(
                    [new ChatMessage(ChatRole.System, "Tenant 3f2b8c1e-9a4d-4e7b-b1c2-7d9e0f6a5b43 only. Answer billing questions."), new ChatMessage(ChatRole.User, q)],
                    new ChatOptions { MaxOutputTokens = 500 });

                public Task FromAHole(string q, string tenant) => client.GetResponseAsync(
                    [new ChatMessage(ChatRole.System, $"Tenant {tenant} only. Answer billing questions."), new ChatMessage(ChatRole.User, q)],
                    new ChatOptions { MaxOutputTokens = 500 });
            }
            """);
        test.ExpectedDiagnostics.Add(At("PL0014", DiagnosticSeverity.Info, 7, 43, 7, 120));
        await test.RunAsync();
    }
}
