using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using static PromptLint.Analyzers.Tests.Rules.CostRuleTest;

namespace PromptLint.Analyzers.Tests.Rules;

/// <summary>PL0018 in code and prompt files.</summary>
public sealed class RowOrientedJsonTests
{
    [Fact]
    public async Task RowOrientedJson_ReportsPL0018InCodeAndFiles_TwoRowsDoNot()
    {
        var test = Test("""
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;

            public class Orders(IChatClient client)
            {
                private const string Examples = "Orders: [{\"orderId\":\"A-1042\",\"customerEmail\":\"ada@example.com\",\"shippingCountry\":\"GB\",\"totalAmount\":129.5,\"status\":\"shipped\"},{\"orderId\":\"A-1043\",\"customerEmail\":\"alan@example.com\",\"shippingCountry\":\"US\",\"totalAmount\":15,\"status\":\"pending\"},{\"orderId\":\"A-1044\",\"customerEmail\":\"grace@example.com\",\"shippingCountry\":\"US\",\"totalAmount\":87.25,\"status\":\"delivered\"}]";

                public Task Ask(string q) => client.GetResponseAsync(
                    [new ChatMessage(ChatRole.System, Examples), new ChatMessage(ChatRole.User, q)],
                    new ChatOptions { MaxOutputTokens = 500 });
            }
            """)
            .WithFile("customers.md", "Customers:\n[{\"id\":1,\"customerName\":\"Ada Lovelace\",\"plan\":\"pro\",\"active\":true},{\"id\":2,\"customerName\":\"Alan Turing\",\"plan\":\"free\",\"active\":false},{\"id\":3,\"customerName\":\"Grace Hopper\",\"plan\":\"team\",\"active\":true},{\"id\":4,\"customerName\":\"Edsger Dijkstra\",\"plan\":\"pro\",\"active\":true}]\n")
            .WithFile("pair.md", "Customers:\n[{\"id\":1,\"customerName\":\"Ada Lovelace\",\"plan\":\"pro\",\"active\":true},{\"id\":2,\"customerName\":\"Alan Turing\",\"plan\":\"free\",\"active\":false}]\n");
        test.ExpectedDiagnostics.Add(At("PL0018", DiagnosticSeverity.Info, 6, 26, 6, 34));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PL0018", DiagnosticSeverity.Info).WithSpan(Dir + "/customers.md", 2, 1, 2, 2));
        await test.RunAsync();
    }
}
