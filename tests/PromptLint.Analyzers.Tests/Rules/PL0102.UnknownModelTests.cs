using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;
using PromptLint.Analyzers;
using SharpToken;
using static PromptLint.Analyzers.Tests.PromptFiles.PromptFileTest;

namespace PromptLint.Analyzers.Tests.Rules;

/// <summary>PL0102: a model PromptLint does not know.</summary>
public sealed class UnknownModelTests
{
    [Fact]
    public async Task UnknownModelInFile_ReportsPL0102AtTheModel()
    {
        const string text = "model: contoso/my-finetune\nmessages:\n  - role: system\n    content: Be brief.\n";
        var test = new AnalyzerTest<PromptFootprintAnalyzer>().WithoutCostRules().WithFile("ask.prompt.yml", text);
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PL0102", DiagnosticSeverity.Warning).WithSpan(Dir + "/ask.prompt.yml", 1, 8, 1, 27).WithArguments("contoso/my-finetune", "o200k_base"));
        await test.RunAsync();
    }

    [Fact]
    public async Task UnknownProjectModel_ReportsPL0102Once()
    {
        var test = new AnalyzerTest<PromptFootprintAnalyzer>().WithoutCostRules()
            .WithFile("Prompts/a.txt", "one")
            .WithFile("Prompts/b.txt", "two")
            .WithProperty("PromptLintModel", "my-deployment");
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PL0102", DiagnosticSeverity.Warning).WithArguments("my-deployment", "o200k_base"));
        await test.RunAsync();
    }
}
