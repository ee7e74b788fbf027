using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using static PromptLint.Analyzers.Tests.PromptFiles.PromptFileTest;

namespace PromptLint.Analyzers.Tests.PromptFiles;

/// <summary>
/// PL0021 (a credential in a prompt) and PL0005 for a current date written into the text, through the analyzer: reported
/// at the value's line and column in a prompt file and, in C#, where the prompt is reported (the member that names it), at their default severity (warning).
/// </summary>
public sealed class SecretAndCurrentDateTests
{
    // Built from pieces so that no scanner takes this test file for a leaked token.
    private static readonly string Token = "gh" + "p_" + "4Kd9Qm2Lx7Rt1Vb8Zc3Nw6Py0Hs5Fj2Ga9Ue";

    // The cost rules that would also speak about these prompts (no cap, a data blob) are switched off.
    private static AnalyzerTest<PromptFootprintAnalyzer> Test()
    {
        var test = new AnalyzerTest<PromptFootprintAnalyzer>();
        foreach (var id in new[] { "PL0003", "PL0004", "PL0006", "PL0014" })
        {
            test.WithOption($"dotnet_diagnostic.{id}.severity", "none");
        }

        return test;
    }

    [Fact]
    public void TheTokenIsOneThePatternTakes()
    {
        Assert.Equal("GitHub token", Assert.Single(PromptLint.Core.Rules.SecretInPrompt.Find("x " + Token)).Kind);
    }

    [Fact]
    public async Task ASecretInAPromptyBody_IsAWarningAtItsLine_AndTheMessageNeverPrintsIt()
    {
        var text = $"---\nname: Deploy\n---\nsystem:\nYou help with deployments.\nUse the token {Token} for the GitHub API.\n\nuser:\n{{{{question}}}}\n";
        var test = Test().WithFile("deploy.prompty", text);
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PL0021", DiagnosticSeverity.Warning).WithSpan(Dir + "/deploy.prompty", 6, 15, 6, 15 + Token.Length)
            .WithMessage("Prompt 'deploy.prompty' holds a secret in its static text (GitHub token); it is sent to the model provider with every call. Remove it from the prompt, revoke it, and give the code that needs it the secret from configuration."));
        await test.RunAsync();
    }

    [Fact]
    public async Task ACurrentDateInATextTemplate_IsAWarningAtTheValue()
    {
        const string text = "You are Contoso's assistant.\nKnowledge cutoff: 2023-10\nCurrent date: 2024-05-13\n\nAnswer briefly: {{question}}\n";
        var test = Test().WithFile("Prompts/assistant.md", text);
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PL0005", DiagnosticSeverity.Warning).WithSpan(Dir + "/Prompts/assistant.md", 3, 15, 3, 25));
        await test.RunAsync();
    }

    [Fact]
    public async Task ACurrentDateInACSharpConstant_IsReportedWhereThePromptIs()
    {
        const string source = """
            using System;

            [AttributeUsage(AttributeTargets.All)]
            internal sealed class PromptAttribute(string id) : Attribute;

            public static class Prompts
            {
                [Prompt("assistant")]
                public const string System = "You are Contoso's assistant. Today is Monday, May 13, 2024. Answer briefly.";
            }
            """;
        var test = Test().WithSource(source);
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PL0005", DiagnosticSeverity.Warning).WithSpan("/0/Test1.cs", 9, 25, 9, 31));
        await test.RunAsync();
    }
}
