using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using static PromptLint.Analyzers.Tests.Rules.CostRuleTest;

namespace PromptLint.Analyzers.Tests.Rules;

/// <summary>PL0011 in code and prompt files.</summary>
public sealed class WhitespaceBloatTests
{
    [Fact]
    public async Task WhitespaceBloat_ReportsPL0011InFilesAndVerbatimCode_TidyTextDoesNot()
    {
        var bloated = "# Role   \nYou answer billing questions.\t\t\n\n\n\n\n## Rules  \n- Be brief.    \n- Cite the policy.\n\n\n\nEnd.\n";
        var test = Test($$"""
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;

            public class Support(IChatClient client)
            {
                public Task Ask(string q) => client.GetResponseAsync(
                    [new ChatMessage(ChatRole.System, @"{{bloated.Replace("\t", "    ")}}"), new ChatMessage(ChatRole.User, q)],
                    new ChatOptions { MaxOutputTokens = 500 });
            }
            """)
            .WithFile("billing.md", bloated)
            .WithFile("tidy.md", "# Role\nYou answer billing questions.\n\n## Rules\n- Be brief.\n");
        test.ExpectedDiagnostics.Add(At("PL0011", DiagnosticSeverity.Info, 7, 43, 20, 2));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PL0011", DiagnosticSeverity.Info).WithSpan(Dir + "/billing.md", 1, 7, 1, 10));
        await test.RunAsync();
    }
}
