using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

using PromptLint.Counting.Tokenizers;

namespace PromptLint.Analyzers.Tests.CSharp;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialCounting
{
    public const string Name = "process-wide token cache";
}

/// <summary>Re-analysis after an edit counts only the text that changed: every other prompt is a cache hit by content hash.</summary>
[Collection(SerialCounting.Name)]
public class IncrementalCountingTests
{
    private static string PromptFile(int i, string extra = "") => $$"""
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;

        namespace App.Feature{{i}};

        public sealed class Service{{i}}(IChatClient client)
        {
            private const string System = "You are assistant number {{i}} of Contoso. Answer about orders {{i}} and returns politely.{{extra}}";

            public Task Ask(string q) => client.GetResponseAsync(new[] { new ChatMessage(ChatRole.System, System), new ChatMessage(ChatRole.User, $"Question: {q}") }, new ChatOptions { MaxOutputTokens = 100 });
        }
        """;

    private static async Task<int> AnalyzeAsync(CSharpCompilation compilation)
    {
        var options = new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty);
        var diagnostics = await compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new PromptFootprintAnalyzer()), options).GetAnalyzerDiagnosticsAsync();
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
        return diagnostics.Length;
    }

    [Fact]
    public async Task EditingOneFile_CountsOnlyThatFilesNewText()
    {
        var references = Basic.Reference.Assemblies.Net100.References.All.Concat(
            Directory.GetFiles(AppContext.BaseDirectory, "Microsoft.Extensions.AI*.dll").Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)));
        var run = Guid.NewGuid().ToString("N");
        var trees = Enumerable.Range(0, 40).Select(i => CSharpSyntaxTree.ParseText(PromptFile(i, " Run " + run + "."), path: $"/app/F{i}.cs")).ToList();
        var compilation = CSharpCompilation.Create("Incremental", trees, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

        await AnalyzeAsync(compilation);
        var afterFirst = TokenizerRegistry.Shared.CachedCounts;
        await AnalyzeAsync(compilation);
        Assert.Equal(afterFirst, TokenizerRegistry.Shared.CachedCounts);

        var edited = compilation.ReplaceSyntaxTree(trees[7], CSharpSyntaxTree.ParseText(PromptFile(7, " Run " + run + ". Also mention the warranty."), path: "/app/F7.cs"));
        await AnalyzeAsync(edited);

        // The edited system text is the only new static run; the 39 other prompts and the user message are cache hits.
        Assert.Equal(afterFirst + 1, TokenizerRegistry.Shared.CachedCounts);
    }
}
