using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace PromptLint.Analyzers.Tests.Hosting;

/// <summary>
/// Runs <see cref="PromptFootprintAnalyzer"/> over a compilation the way the compiler does, with chosen build
/// properties, prompt files and parse-option features, for tests that look at the hand-over or at concurrency.
/// </summary>
internal static class AnalyzerHarness
{
    public static IEnumerable<MetadataReference> References { get; } = Basic.Reference.Assemblies.Net100.References.All.Concat(
        Directory.GetFiles(AppContext.BaseDirectory, "Microsoft.Extensions.AI*.dll").Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))).ToList();

    /// <summary>A compilation of the sources (paths under /proj), parsed with the given features.</summary>
    public static CSharpCompilation Compile(IEnumerable<(string Path, string Source)> sources, IEnumerable<string>? features = null, CSharpCompilationOptions? options = null)
    {
        var parse = new CSharpParseOptions(LanguageVersion.Latest).WithFeatures((features ?? Array.Empty<string>()).Select(f => new KeyValuePair<string, string>(f, "true")));
        var trees = sources.Select(s => CSharpSyntaxTree.ParseText(s.Source, parse, path: s.Path));
        var compilation = CSharpCompilation.Create("Harness", trees, References, options ?? new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        return compilation;
    }

    /// <summary>Runs <paramref name="analyzer"/> (a <see cref="PromptFootprintAnalyzer"/> of this test's load context when null).</summary>
    public static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Compilation compilation, Dictionary<string, string> properties, IEnumerable<(string Path, string Text, string Kind)>? files = null, DiagnosticAnalyzer? analyzer = null)
    {
        var additional = (files ?? Array.Empty<(string, string, string)>()).ToList();
        var provider = new OptionsProvider(
            properties.ToDictionary(p => "build_property." + p.Key, p => p.Value),
            additional.ToDictionary(f => f.Path, f => f.Kind));
        var options = new AnalyzerOptions(additional.Select(f => (AdditionalText)new InMemoryFile(f.Path, f.Text)).ToImmutableArray(), provider);
        var analyzers = compilation.WithAnalyzers(
            ImmutableArray.Create(analyzer ?? new PromptFootprintAnalyzer()),
            new CompilationWithAnalyzersOptions(options, onAnalyzerException: null, concurrentAnalysis: true, logAnalyzerExecutionTime: false));
        var diagnostics = await analyzers.GetAnalyzerDiagnosticsAsync();
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
        return diagnostics;
    }

    private sealed class InMemoryFile(string path, string text) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
    }

    private sealed class OptionsProvider(Dictionary<string, string> global, Dictionary<string, string> kinds) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(global);

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new Options(new());

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile)
            => new Options(kinds.TryGetValue(textFile.Path, out var kind) ? new() { ["build_metadata.AdditionalFiles.PromptLintKind"] = kind } : new());

        private sealed class Options(Dictionary<string, string> values) : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
        }
    }
}
