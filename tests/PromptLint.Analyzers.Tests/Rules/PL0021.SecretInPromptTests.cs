using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using PromptLint.Tests.Credentials;
using static PromptLint.Analyzers.Tests.Rules.CostRuleTest;

namespace PromptLint.Analyzers.Tests.Rules;

/// <summary>
/// PL0021 through the analyzer where a prompt is written in code: a C# prompt string and a tool's schema (its
/// description and a parameter default). One diagnostic per secret: never PL0014 as well.
/// </summary>
public sealed class SecretInPromptTests
{
    private static readonly (string Kind, string Text, string Secret, string NearMiss) Storage = FakeCredentials.All().Single(c => c.Kind == "Azure Storage account key");

    private static readonly (string Kind, string Text, string Secret, string NearMiss) AzureOpenAi = FakeCredentials.All().Single(c => c.Kind == "Azure OpenAI or Azure AI services key");

    [Fact]
    public async Task StorageConnectionStringInACSharpSystemPrompt_IsOnePL0021AtTheLiteral_AndNoPL0014()
    {
        var literal = "\"Read the reports with " + Storage.Text + ". Answer billing questions.\"";
        var test = Test($$"""
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;

            public class Support(IChatClient client)
            {
                public Task Ask(string q) => client.GetResponseAsync(
                    [new ChatMessage(ChatRole.System, {{literal}}), new ChatMessage(ChatRole.User, q)],
                    new ChatOptions { MaxOutputTokens = 500 });
            }
            """);
        test.ExpectedDiagnostics.Add(At("PL0021", DiagnosticSeverity.Warning, 7, 43, 7, 43 + literal.Length)
            .WithMessage("Prompt 'Support.Ask#1' holds a secret in its static text (Azure Storage account key); it is sent to the model provider with every call. Remove it from the prompt, revoke it, and give the code that needs it the secret from configuration."));
        await test.RunAsync();
    }

    [Fact]
    public async Task NearMissInACSharpSystemPrompt_DoesNotTrigger()
    {
        var test = Test($$"""
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;

            public class Support(IChatClient client)
            {
                public Task Ask(string q) => client.GetResponseAsync(
                    [new ChatMessage(ChatRole.System, "Connect with {{Storage.NearMiss}} Answer billing questions."), new ChatMessage(ChatRole.User, q)],
                    new ChatOptions { MaxOutputTokens = 500 });
            }
            """);
        await test.RunAsync();
    }

    [Fact]
    public async Task KeyInAToolDescription_IsPL0021AtTheToolsMethod()
    {
        var test = Test($$"""
            using System.ComponentModel;
            using Microsoft.Extensions.AI;

            public static class Weather
            {
                [Description("Current weather for a city. Send the header {{AzureOpenAi.Text.Substring(AzureOpenAi.Text.IndexOf("api-key", System.StringComparison.Ordinal))}}.")]
                public static string Lookup(string city) => city;

                public static AITool[] Tools() => [AIFunctionFactory.Create(Lookup)];
            }
            """);
        test.ExpectedDiagnostics.Add(At("PL0021", DiagnosticSeverity.Warning, 7, 26, 7, 32)
            .WithMessage("Tool 'Lookup' of prompt 'Weather.Lookup' holds a secret in its definition (Azure OpenAI or Azure AI services key); it is sent to the model provider with every call. Remove it from the tool's description, defaults and examples, revoke it, and give the code that needs it the secret from configuration."));
        await test.RunAsync();
    }

    [Fact]
    public async Task KeyAsAParameterDefaultInAToolsFile_IsPL0021()
    {
        var json = "[{\"type\":\"function\",\"function\":{\"name\":\"read_report\",\"description\":\"Reads a report.\",\"parameters\":{\"type\":\"object\",\"properties\":{\"connection\":{\"type\":\"string\",\"default\":\"" + Storage.Text + "\"}}}}}]";
        // PL0017 (a 'default' the provider ignores) speaks about the same tool; it is not what this test is about.
        var test = new AnalyzerTest<PromptFootprintAnalyzer>().WithFile("reports.tools.json", json).WithOption("dotnet_diagnostic.PL0017.severity", "none");
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PL0021", DiagnosticSeverity.Warning).WithSpan(Dir + "/reports.tools.json", 1, 1, 1, json.Length + 1));
        await test.RunAsync();
    }
}
