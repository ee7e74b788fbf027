using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using static PromptLint.Analyzers.Tests.Rules.CostRuleTest;

namespace PromptLint.Analyzers.Tests.Rules;

/// <summary>PL0004 and PL0005 on a prompt whose dynamic start keeps a large policy out of the cache.</summary>
public sealed class CacheablePrefixTests
{
    [Fact]
    public async Task TimestampBeforeLargePolicy_ReportsPL0004AndPL0005()
    {
        var policy = string.Concat(Enumerable.Range(1, 80).Select(i => $"Rule {i}: follow the refund policy exactly and cite the section of every rule you apply. "));
        var test = Test($$"""
            using System;
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;

            public class Support(IChatClient client)
            {
                private const string LargeConstPolicy = "{{policy}}";

                public Task Ask(string q) => client.GetResponseAsync(
                    [new ChatMessage(ChatRole.System, $"Current time: {DateTime.UtcNow:O}. " + LargeConstPolicy), new ChatMessage(ChatRole.User, q)],
                    new ChatOptions { MaxOutputTokens = 500 });

                public Task CacheFriendly(string q) => client.GetResponseAsync(
                    [new ChatMessage(ChatRole.System, LargeConstPolicy), new ChatMessage(ChatRole.User, $"Time: {DateTime.UtcNow:O}. {q}")],
                    new ChatOptions { MaxOutputTokens = 500 });
            }
            """);
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PL0004", DiagnosticSeverity.Warning).WithSpan("/0/Test1.cs", 10, 43, 10, 100));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PL0005", DiagnosticSeverity.Warning).WithSpan("/0/Test1.cs", 10, 43, 10, 100));
        await test.RunAsync();
    }
}
