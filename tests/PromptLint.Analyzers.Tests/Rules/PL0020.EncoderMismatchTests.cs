using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using static PromptLint.Analyzers.Tests.Rules.CostRuleTest;

namespace PromptLint.Analyzers.Tests.Rules;

/// <summary>PL0020 at the call's model and against the baseline.</summary>
public sealed class EncoderMismatchTests
{
    [Fact]
    public async Task PromptDeclaredForGpt4_SentToGpt4o_ReportsPL0020AtTheCallsModel_SameFamilyDoesNot()
    {
        var test = Test("""
            using System;
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;

            [AttributeUsage(AttributeTargets.All)]
            internal sealed class PromptAttribute(string id) : Attribute
            {
                public string? Model { get; set; }
            }

            public class Support(IChatClient client)
            {
                [Prompt("support.triage", Model = "gpt-4")]
                private const string Triage = "Classify the customer's message as billing, shipping, returns or other. Reply with the label only.";

                public Task Mismatch(string q) => client.GetResponseAsync(
                    [new ChatMessage(ChatRole.System, Triage), new ChatMessage(ChatRole.User, q)],
                    new ChatOptions { ModelId = "gpt-4o", MaxOutputTokens = 100 });

                public Task SameFamily(string q) => client.GetResponseAsync(
                    [new ChatMessage(ChatRole.System, Triage), new ChatMessage(ChatRole.User, q)],
                    new ChatOptions { ModelId = "gpt-4-turbo", MaxOutputTokens = 100 });
            }
            """);
        test.ExpectedDiagnostics.Add(At("PL0020", DiagnosticSeverity.Warning, 18, 37, 18, 45));
        await test.RunAsync();
    }

    [Fact]
    public async Task BaselineCountedWithCl100k_PromptNowForGpt4o_ReportsPL0020AtThePromptFile()
    {
        var test = new AnalyzerTest<PromptFootprintAnalyzer>()
            .WithFile("triage.md", "Classify the customer's message as billing, shipping, returns or other.\n")
            .WithFile("promptlint.baseline.json", PromptLint.Contracts.Baseline.BaselineSerializer.Write(new[]
            {
                new PromptLint.Contracts.Baseline.BaselineEntry("triage.md", "cl100k_base", 16, 16, 0, "sha256:0"),
            }), "baseline");
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PL0020", DiagnosticSeverity.Warning).WithSpan(Dir + "/triage.md", 1, 1, 1, 72));
        await test.RunAsync();
    }
}
