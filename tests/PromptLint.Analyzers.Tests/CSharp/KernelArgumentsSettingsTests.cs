using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using PromptLint.Analyzers.Tests.Hosting;
using PromptLint.Analyzers.Tests.RealCode;
using PromptLint.Core.Reporting;

namespace PromptLint.Analyzers.Tests.CSharp;

/// <summary>
/// Issue 33: execution settings set in a local earlier in the member and wrapped in <c>new KernelArguments(settings)</c>
/// are read for <c>kernel.InvokePromptAsync</c> (they were not: a capped call got a false PL0003).
/// </summary>
public class KernelArgumentsSettingsTests
{
    private static async Task<IReadOnlyList<Diagnostic>> AnalyzeAsync(string settings)
    {
        var source = $$$"""
            using System.Threading.Tasks;
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.Connectors.OpenAI;

            public static class Packing
            {
                public static async Task<string> ListAsync(Kernel kernel, string destination)
                {
                    {{{settings}}}
                    var result = await kernel.InvokePromptAsync("Write a packing list for a trip to {{$destination}}.", new KernelArguments(settings) { ["destination"] = destination });
                    return result.ToString();
                }
            }
            """;
        var tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest), path: "/proj/Packing.cs");
        var compilation = CSharpCompilation.Create("Packing", [tree], RealCodeCorpus.References, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        return await AnalyzerHarness.AnalyzeAsync(compilation, new Dictionary<string, string> { ["PromptLintEmitMeasurements"] = "true" });
    }

    [Fact]
    public async Task CappedSettingsInALocalWrappedInKernelArguments_AreTheCallsCap_NoPL0003()
    {
        var diagnostics = await AnalyzeAsync("var settings = new OpenAIPromptExecutionSettings { MaxTokens = 120, ModelId = \"gpt-4o-mini\" };");

        var measured = diagnostics.Single(d => d.Id == "PL9000");
        Assert.Equal("120", measured.Properties[MeasurementProperties.Keys.OutputCap]);
        Assert.Equal("gpt-4o-mini", measured.Properties[MeasurementProperties.Keys.Model]);
        Assert.DoesNotContain(diagnostics, d => d.Id == "PL0003");
    }

    [Fact]
    public async Task UncappedSettingsInALocalWrappedInKernelArguments_StillGetPL0003()
    {
        var diagnostics = await AnalyzeAsync("var settings = new OpenAIPromptExecutionSettings { Temperature = 0.2 };");

        Assert.Contains(diagnostics, d => d.Id == "PL0003");
    }
}
