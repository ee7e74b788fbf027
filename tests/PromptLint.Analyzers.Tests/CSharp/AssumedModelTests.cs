using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using PromptLint.Analyzers.Tests.RealCode;
using PromptLint.Analyzers.Tests.Hosting;
using PromptLint.Contracts.Reporting;
using PromptLint.Core.Reporting;

namespace PromptLint.Analyzers.Tests.CSharp;

/// <summary>
/// Issue 33: a model the code names in a way only the running application knows (configuration, an environment
/// variable) is not an error: the prompt is counted for the project's default model, and the measurement, and so
/// report.json and report.md, say that model was assumed. No PL0102: there is no name to judge.
/// </summary>
public class AssumedModelTests
{
    private static string Source(string model) => $$"""
        using System;
        using System.Collections.Generic;
        using OpenAI.Chat;

        public class Tagger(IReadOnlyDictionary<string, string> configuration, string key)
        {
            public string Tag(string text)
            {
                {{model}}
                return chat.CompleteChat(new SystemChatMessage("Tag the text with one topic."), new UserChatMessage(text)).Value.Content[0].Text;
            }
        }
        """;

    private static async Task<(Diagnostic Measured, IReadOnlyList<Diagnostic> All)> AnalyzeAsync(string model, string? projectModel = null)
    {
        var properties = new Dictionary<string, string> { ["PromptLintEmitMeasurements"] = "true" };
        if (projectModel is not null)
        {
            properties["PromptLintModel"] = projectModel;
        }

        var tree = CSharpSyntaxTree.ParseText(Source(model), new CSharpParseOptions(LanguageVersion.Latest), path: "/proj/Tagger.cs");
        var compilation = CSharpCompilation.Create("Tagger", [tree], RealCodeCorpus.References, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var all = await AnalyzerHarness.AnalyzeAsync(compilation, properties);
        return (all.Single(d => d.Id == "PL9000"), all);
    }

    private static bool Assumed(Diagnostic measured) => measured.Properties.TryGetValue(MeasurementProperties.Keys.ModelAssumed, out var value) && value == "true";

    [Theory]
    [InlineData("""var chat = new ChatClient(configuration["OpenAI:Model"], key);""")]
    [InlineData("""var model = Environment.GetEnvironmentVariable("CHAT_MODEL") ?? "gpt-4o-mini"; ChatClient chat = new(model: model, apiKey: key);""")]
    public async Task ModelFromConfiguration_IsCountedWithTheProjectModel_MarkedAssumed_WithoutPL0102(string model)
    {
        var (measured, all) = await AnalyzeAsync(model, projectModel: "gpt-4");

        Assert.Equal("gpt-4", measured.Properties[MeasurementProperties.Keys.Model]);
        Assert.Equal("cl100k_base", measured.Properties[MeasurementProperties.Keys.Tokenizer]);
        Assert.True(Assumed(measured));
        Assert.DoesNotContain(all, d => d.Id == "PL0102");
    }

    [Theory]
    [InlineData("""var chat = new ChatClient("gpt-4o-mini", key);""")]
    [InlineData("""var chat = new ChatClient("support-prod", key);""")]
    public async Task ModelNamedByAConstant_KnownOrNot_IsNotAssumed(string model)
    {
        var (measured, all) = await AnalyzeAsync(model);

        Assert.False(Assumed(measured));
        Assert.Equal(model.Contains("support-prod", StringComparison.Ordinal), all.Any(d => d.Id == "PL0102"));
    }

    [Fact]
    public async Task AssumedModel_TravelsToReportJsonAndTheMarkdownModelColumn()
    {
        var (measured, _) = await AnalyzeAsync("""var chat = new ChatClient(configuration["OpenAI:Model"], key);""");
        var prompt = MeasurementProperties.Read(measured.Properties.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value!, StringComparer.Ordinal));
        var report = ReportBuilder.Build("Demo", new[] { prompt! }, Array.Empty<PromptLint.Contracts.Reporting.ReportDiagnostic>());

        var json = ReportJsonWriter.Write(report);
        var markdown = PromptLint.Reporting.ReportMarkdownWriter.Write(report, Array.Empty<PromptLint.Contracts.Baseline.BaselineEntry>(), Array.Empty<string>(), 5, PromptLint.Contracts.Pricing.ModelCatalog.Shipped);

        Assert.Contains("\"modelAssumed\": true", json, StringComparison.Ordinal);
        Assert.True(ReportJsonReader.Read(json).Prompts.Single().ModelAssumed);
        Assert.Contains("| gpt-4o (assumed) |", markdown, StringComparison.Ordinal);
    }
}
