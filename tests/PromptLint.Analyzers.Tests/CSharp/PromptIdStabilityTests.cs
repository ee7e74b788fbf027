using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using System.Collections.Immutable;

namespace PromptLint.Analyzers.Tests.CSharp;

/// <summary>Prompt ids are what the baseline keys on: they must survive edits that do not move the prompt.</summary>
public class PromptIdStabilityTests
{
    private const string Original = """
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        namespace Helpdesk;

        public static class Prompts
        {
            public const string Policy = "Be polite. Never promise refunds.";
        }

        public class Service(IChatClient client)
        {
            public Task A(string q) => client.GetResponseAsync(new[] { new ChatMessage(ChatRole.System, Prompts.Policy), new ChatMessage(ChatRole.User, q) });

            public async Task B(string name)
            {
                var greeting = "Hi";
                await client.GetResponseAsync($"Write a short welcome for {name}.");
            }
        }
        """;

    public static TheoryData<string, string> Edits() => new()
    {
        { "reformatted", """
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            namespace Helpdesk;
            public static class Prompts { public const string Policy =
                "Be polite. Never promise refunds."; }
            public class Service(IChatClient client)
            {
                public Task A(string q) =>
                    client.GetResponseAsync(new[]
                    {
                        new ChatMessage(ChatRole.System, Prompts.Policy),
                        new ChatMessage(ChatRole.User, q),
                    });

                public async Task B(string name) { var greeting = "Hi"; await client.GetResponseAsync($"Write a short welcome for {name}."); }
            }
            """ },
        { "moved within member", Original.Replace(
            "        var greeting = \"Hi\";\n        await client.GetResponseAsync($\"Write a short welcome for {name}.\");",
            "        await client.GetResponseAsync($\"Write a short welcome for {name}.\");\n        var greeting = \"Hi\";") },
        { "other members edited and added", Original.Replace(
            "    public async Task B(string name)",
            "    public int Count { get; set; }\n\n    public Task C() => Task.CompletedTask;\n\n    public async Task B(string name)").Replace("new ChatMessage(ChatRole.User, q)", "new ChatMessage(ChatRole.User, q.Trim())") },
    };

    [Theory]
    [MemberData(nameof(Edits))]
    public async Task Edit_KeepsEveryPromptId(string edit, string source)
    {
        Assert.NotEqual(Original, source);
        Assert.Equal(await IdsAsync(Original), await IdsAsync(source));
        Assert.Equal(new[] { "Helpdesk.Prompts.Policy", "Helpdesk.Service.B#1" }, await IdsAsync(source));
        _ = edit;
    }

    private static async Task<string[]> IdsAsync(string source)
    {
        var references = Basic.Reference.Assemblies.Net100.References.All.Concat(
            Directory.GetFiles(AppContext.BaseDirectory, "Microsoft.Extensions.AI*.dll").Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)));
        var compilation = CSharpCompilation.Create("ids", new[] { CSharpSyntaxTree.ParseText(source, path: "/proj/Service.cs") }, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));

        var options = new TestOptionsProvider(new Dictionary<string, string> { ["build_property.PromptLintEmitMeasurements"] = "true" });
        var analyzers = compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new PromptFootprintAnalyzer()), new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty, options));
        var diagnostics = await analyzers.GetAnalyzerDiagnosticsAsync();
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
        return diagnostics.Where(d => d.Id == "PL9000").Select(d => d.Properties["promptId"]!).OrderBy(i => i, StringComparer.Ordinal).ToArray();
    }

    private sealed class TestOptionsProvider(Dictionary<string, string> global) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(global);

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new Options(new());

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => new Options(new());

        private sealed class Options(Dictionary<string, string> values) : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
        }
    }
}
