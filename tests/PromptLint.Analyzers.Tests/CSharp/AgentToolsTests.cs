using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using PromptLint.Analyzers.Tests.Hosting;
using PromptLint.Core.Reporting;

namespace PromptLint.Analyzers.Tests.CSharp;

/// <summary>
/// Issue 33, item 5 (fresh real code): an Agent Framework agent made with <c>tools:</c> offers them on every run, so
/// each run's prompt counts their schemas, as a call's <c>ChatOptions.Tools</c> does (issue 31).
/// </summary>
public class AgentToolsTests
{
    private static readonly IReadOnlyList<MetadataReference> References = AnalyzerHarness.References
        .Concat(new[] { "Microsoft.Agents.AI*.dll", "Microsoft.Extensions.Logging.Abstractions.dll", "Microsoft.Extensions.DependencyInjection.Abstractions.dll" }.SelectMany(pattern => Directory.GetFiles(AppContext.BaseDirectory, pattern)).Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)))
        .ToList();

    private static string Source(string agent, string tools = "") => $$"""
        using System.Collections.Generic;
        using System.ComponentModel;
        using System.Threading.Tasks;
        using Microsoft.Agents.AI;
        using Microsoft.Extensions.AI;

        public static class Concierge
        {
            [Description("Finds a free table for a party size.")]
            public static string FindTable([Description("How many guests")] int guests) => "T4";

            public static async Task<string> BookAsync(IChatClient client)
            {
                {{tools}}
                AIAgent agent = {{agent}};
                var reply = await agent.RunAsync("A table for four tonight, please.");
                return reply.Text;
            }
        }
        """;

    private static async Task<IReadOnlyList<Diagnostic>> AnalyzeAsync(string source)
    {
        var compilation = CSharpCompilation.Create(
            "Agents", new[] { CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest), "/proj/Concierge.cs") }, References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        return await AnalyzerHarness.AnalyzeAsync(compilation, new Dictionary<string, string> { ["PromptLintEmitMeasurements"] = "true" });
    }

    private static int Get(IEnumerable<Diagnostic> diagnostics, string id, string key)
        => int.Parse(diagnostics.Single(d => d.Id == "PL9000" && d.Properties[MeasurementProperties.Keys.PromptId] == id).Properties[key]!, CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("new ChatClientAgent(client, instructions: \"You book restaurant tables.\", tools: [AIFunctionFactory.Create(FindTable)])", "")]
    [InlineData("client.AsAIAgent(instructions: \"You book restaurant tables.\", tools: tools)", "List<AITool> tools = [AIFunctionFactory.Create(FindTable)];")]
    public async Task AgentMadeWithTools_ItsRunCountsTheToolSchemas(string agent, string tools)
    {
        var without = await AnalyzeAsync(Source("new ChatClientAgent(client, instructions: \"You book restaurant tables.\")"));
        var with = await AnalyzeAsync(Source(agent, tools));

        var tool = Get(with, "Concierge.FindTable", MeasurementProperties.Keys.ToolSchemaTokens);
        Assert.True(tool > 0);
        Assert.Equal(0, Get(without, "Concierge.BookAsync#1", MeasurementProperties.Keys.ToolSchemaTokens));
        Assert.Equal(tool, Get(with, "Concierge.BookAsync#1", MeasurementProperties.Keys.ToolSchemaTokens));
        Assert.Equal(Get(without, "Concierge.BookAsync#1", MeasurementProperties.Keys.StaticTokens) + tool, Get(with, "Concierge.BookAsync#1", MeasurementProperties.Keys.StaticTokens));
    }
}
