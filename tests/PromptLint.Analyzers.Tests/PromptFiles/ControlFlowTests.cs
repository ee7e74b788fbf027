using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using static PromptLint.Analyzers.Tests.PromptFiles.PromptFileTest;

namespace PromptLint.Analyzers.Tests.PromptFiles;

/// <summary>Template control flow through the analyzer: one alternative of a conditional is sent per call.</summary>
public sealed class ControlFlowTests
{
    private const string Paragraph = "Always answer in English, even when the customer writes in another language.";

    // Regression (issue 15): the if and the else of a GitHub Models template were counted as sent together: the
    // footprint was their sum and the paragraph in both was a PL0015 repeat.
    [Fact]
    public async Task GitHubModelsIfElse_MeasuresTheLargerAlternative_NoRepeat()
    {
        var text = "name: Reply\nmessages:\n  - role: system\n    content: |\n      You answer billing questions.\n      {{#if vip}}\n      You may offer a refund.\n\n      " + Paragraph + "\n      {{else}}\n      " + Paragraph + "\n      {{/if}}\n";
        var test = new AnalyzerTest<PromptFootprintAnalyzer>().WithoutCostRules()
            .WithFile("reply.prompt.yml", text)
            .WithProperty("PromptLintEmitMeasurements", "true");

        // The runs between the tags, each counted on its own (as the measurer does), the larger alternative only.
        var larger = Tokens("\nYou may offer a refund.\n\n" + Paragraph + "\n");
        var smaller = Tokens("\n" + Paragraph + "\n");
        var expected = Tokens("You answer billing questions.\n") + Math.Max(larger, smaller) + Tokens("\n");
        test.ExpectedDiagnostics.Add(new DiagnosticResult("PL9000", DiagnosticSeverity.Info).WithSpan(Dir + "/reply.prompt.yml", 3, 5, 3, 17)
            .WithArguments("reply.prompt.yml", expected.ToString(), Tokens("You answer billing questions.\n").ToString(), "3", "o200k_base"));
        await test.RunAsync();
    }
}
