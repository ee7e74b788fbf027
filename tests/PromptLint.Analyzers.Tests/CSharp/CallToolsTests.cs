using System.Globalization;
using Microsoft.CodeAnalysis;
using PromptLint.Analyzers.Tests.Hosting;
using PromptLint.Contracts.Baseline;
using PromptLint.Core.Reporting;

namespace PromptLint.Analyzers.Tests.CSharp;

/// <summary>
/// Issue 31: tools a C# call offers through <c>ChatOptions.Tools</c> are sent with every call, so they count in the
/// call's tool schema and static tokens and its cost per call; adding one to a call is a cost change (PL0022).
/// </summary>
public class CallToolsTests
{
    private static string Source(string tools) => $$"""
        using System.ComponentModel;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        public static class Support
        {
            private static readonly AITool Refund = AIFunctionFactory.Create(RefundOrder);

            public static Task<ChatResponse> AskAsync(IChatClient client, string question)
                => client.GetResponseAsync(
                    [new ChatMessage(ChatRole.System, "You answer questions about Contoso orders. Be brief."), new ChatMessage(ChatRole.User, question)],
                    new ChatOptions { ModelId = "gpt-4o", MaxOutputTokens = 16{{tools}} });

            [Description("Looks up an order by its number.")]
            public static string Lookup([Description("The order number")] string orderNumber) => orderNumber;

            [Description("Refunds an order in full.")]
            public static string RefundOrder(string orderNumber, string reason) => orderNumber;
        }
        """;

    private static async Task<IReadOnlyList<Diagnostic>> AnalyzeAsync(string tools, string? baseline = null)
    {
        var compilation = AnalyzerHarness.Compile(new[] { ("/proj/Support.cs", Source(tools)) });
        var files = baseline is null ? null : new[] { ("/proj/promptlint.baseline.json", baseline, "baseline") };
        return await AnalyzerHarness.AnalyzeAsync(compilation, new Dictionary<string, string> { ["PromptLintEmitMeasurements"] = "true" }, files);
    }

    private static Diagnostic Call(IEnumerable<Diagnostic> diagnostics)
        => diagnostics.Single(d => d.Id == "PL9000" && d.Properties[MeasurementProperties.Keys.Role] != "tool" && d.Properties[MeasurementProperties.Keys.PromptId]!.StartsWith("Support.AskAsync", StringComparison.Ordinal));

    private static int Get(Diagnostic measured, string key) => int.Parse(measured.Properties[key]!, CultureInfo.InvariantCulture);

    private static int ToolTokens(IEnumerable<Diagnostic> diagnostics, string id)
        => Get(diagnostics.Single(d => d.Id == "PL9000" && d.Properties[MeasurementProperties.Keys.PromptId] == id), MeasurementProperties.Keys.ToolSchemaTokens);

    [Fact]
    public async Task ChatOptionsTools_InlineAndFromAField_CountInTheCallsToolAndStaticTokens()
    {
        var without = Call(await AnalyzeAsync(string.Empty));
        var all = await AnalyzeAsync(", Tools = [AIFunctionFactory.Create(Lookup), Refund]");
        var with = Call(all);

        var lookup = ToolTokens(all, "Support.Lookup");
        var refund = ToolTokens(all, "Support.RefundOrder");
        Assert.True(lookup > 0 && refund > 0);
        Assert.Equal(0, Get(without, MeasurementProperties.Keys.ToolSchemaTokens));
        Assert.Equal(lookup + refund, Get(with, MeasurementProperties.Keys.ToolSchemaTokens));
        Assert.Equal(Get(without, MeasurementProperties.Keys.StaticTokens) + lookup + refund, Get(with, MeasurementProperties.Keys.StaticTokens));
        // Judged where declared: no tool rule reports the call's copy of a tool.
        Assert.DoesNotContain(all, d => d.Id is "PL0009" or "PL0017" && d.Properties.TryGetValue(MeasurementProperties.Keys.PromptId, out var id) && id == with.Properties[MeasurementProperties.Keys.PromptId]);
    }

    [Fact]
    public async Task ToolAddedToACall_WithTheSameText_FailsTheCostGate_NamingTheTools()
    {
        var accepted = Call(await AnalyzeAsync(string.Empty));
        var baseline = BaselineSerializer.Write(new[]
        {
            new BaselineEntry(
                accepted.Properties[MeasurementProperties.Keys.PromptId]!, "o200k_base", "gpt-4o", 16, Get(accepted, MeasurementProperties.Keys.StaticTokens),
                Get(accepted, MeasurementProperties.Keys.StaticPrefixTokens), 0, accepted.Properties[MeasurementProperties.Keys.ContentHash]!),
        });

        var diagnostics = await AnalyzeAsync(", Tools = [AIFunctionFactory.Create(Lookup)]", baseline);

        var gate = Assert.Single(diagnostics, d => d.Id == "PL0022");
        Assert.Equal(DiagnosticSeverity.Error, gate.Severity);
        Assert.Matches(@"tool schemas 0 → \d+ tokens", gate.GetMessage(CultureInfo.InvariantCulture));
    }
}
