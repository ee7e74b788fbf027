using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace PromptLint.Analyzers.Tests.CodeFixes;

/// <summary>
/// Runs a fix on a prompt file through the workspace API the IDE uses for additional documents (a CodeFixContext over
/// a TextDocument); the testing library applies fixes to source documents only.
/// </summary>
internal static class PromptFileFixHarness
{
    /// <summary>
    /// The one <paramref name="id"/> diagnostic in the file, and the title and fixed file text of every fix
    /// <paramref name="provider"/> offers for it; <paramref name="properties"/> changes what the fix receives of the
    /// analyzer's <c>Diagnostic.Properties</c> (the contract tests remove or spoil one at a time).
    /// </summary>
    public static async Task<(Diagnostic Diagnostic, IReadOnlyList<(string Title, string FixedText)> Fixes)> FixesAsync(CodeFixProvider provider, string id, string fileName, string text, Dictionary<string, string>? fileOptions = null, Func<ImmutableDictionary<string, string?>, ImmutableDictionary<string, string?>>? properties = null)
    {
        // The IDE asks a provider about additional documents only when its export says it handles them.
        var export = provider.GetType().GetCustomAttribute<ExportCodeFixProviderAttribute>();
        Assert.Contains(nameof(TextDocumentKind.AdditionalDocument), export!.DocumentKinds);

        var (workspace, documents, diagnostics) = await AnalyzeAsync(new Dictionary<string, string> { [fileName] = text }, fileOptions);
        using var _ = workspace;
        var document = documents[fileName];
        var diagnostic = Assert.Single(diagnostics, d => d.Id == id);
        if (properties is not null)
        {
            diagnostic = WithProperties(diagnostic, properties(diagnostic.Properties));
        }

        var actions = new List<CodeAction>();
        await provider.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None));

        var fixes = new List<(string, string)>();
        foreach (var action in actions)
        {
            var operation = Assert.Single((await action.GetOperationsAsync(CancellationToken.None)).OfType<ApplyChangesOperation>());
            fixes.Add((action.Title, (await operation.ChangedSolution.GetAdditionalDocument(document.Id)!.GetTextAsync()).ToString()));
        }

        return (diagnostic, fixes);
    }

    /// <summary>
    /// Runs the provider's fix-all at project scope, as the IDE does when triggered from a C# file, for the
    /// <paramref name="id"/> diagnostics of every file; returns every file's text afterwards.
    /// </summary>
    public static Task<Dictionary<string, string>> FixAllAsync(CodeFixProvider provider, string id, Dictionary<string, string> files)
        => FixAllWithCSharpAsync(provider, id, files, "class C { }");

    /// <summary><see cref="FixAllAsync"/> with a C# document of the project; diagnostics in it are in scope too.</summary>
    public static async Task<Dictionary<string, string>> FixAllWithCSharpAsync(CodeFixProvider provider, string id, Dictionary<string, string> files, string csharp)
    {
        var (workspace, documents, diagnostics) = await AnalyzeAsync(files, null, csharp);
        using var _ = workspace;
        var project = documents.Values.First().Project;
        var fixAll = provider.GetFixAllProvider()!;
        Assert.Contains(FixAllScope.Project, fixAll.GetSupportedFixAllScopes());

        var context = new FixAllContext(project, provider, FixAllScope.Project, provider.GetType().Name + "." + id, new[] { id }, new Diagnostics(diagnostics.Where(d => d.Id == id).ToImmutableArray()), CancellationToken.None);
        var action = await fixAll.GetFixAsync(context);
        var solution = project.Solution;
        if (action is not null)
        {
            solution = Assert.Single((await action.GetOperationsAsync(CancellationToken.None)).OfType<ApplyChangesOperation>()).ChangedSolution;
        }

        var result = new Dictionary<string, string>();
        foreach (var (name, document) in documents.Where(d => d.Value is not Document))
        {
            result[name] = (await solution.GetAdditionalDocument(document.Id)!.GetTextAsync()).ToString();
        }

        return result;
    }

    /// <summary>The diagnostic as a fix would receive it with other properties.</summary>
    public static Diagnostic WithProperties(Diagnostic diagnostic, ImmutableDictionary<string, string?> properties)
        => Diagnostic.Create(diagnostic.Descriptor, diagnostic.Location, diagnostic.Severity, diagnostic.AdditionalLocations, properties);

    /// <summary>
    /// Analyzes <paramref name="files"/> (additional files; <c>promptlint.baseline.json</c> is tagged as the baseline, as the
    /// default items do) beside one C# document, with extra global options; returns the workspace, every document by name
    /// (the C# one as <c>C.cs</c>) and the diagnostics.
    /// </summary>
    internal static async Task<(AdhocWorkspace Workspace, Dictionary<string, TextDocument> Documents, ImmutableArray<Diagnostic> Diagnostics)> AnalyzeAsync(Dictionary<string, string> files, Dictionary<string, string>? fileOptions, string csharp = "class C { }", Dictionary<string, string>? globalOptions = null)
    {
        var workspace = new AdhocWorkspace();
        var csharpDocument = workspace.AddProject("P", LanguageNames.CSharp)
            .AddMetadataReferences(Basic.Reference.Assemblies.Net100.References.All)
            .AddDocument("C.cs", csharp, filePath: "/proj/C.cs");
        var project = csharpDocument.Project;
        var ids = new Dictionary<string, DocumentId>();
        foreach (var (name, text) in files)
        {
            var added = project.AddAdditionalDocument(name, SourceText.From(text), filePath: "/proj/" + name);
            ids[name] = added.Id;
            project = added.Project;
        }

        Assert.True(workspace.TryApplyChanges(project.Solution));
        project = workspace.CurrentSolution.GetProject(project.Id)!;
        var documents = ids.ToDictionary(p => p.Key, p => (TextDocument)project.GetAdditionalDocument(p.Value)!);
        documents["C.cs"] = project.GetDocument(csharpDocument.Id)!;

        var options = new OptionsProvider(files.Keys.Select(n => "/proj/" + n).ToHashSet(), fileOptions ?? new(), globalOptions ?? new());
        var compilation = (await project.GetCompilationAsync())!;
        var additional = files.Select(f => (AdditionalText)new Text("/proj/" + f.Key, f.Value)).ToImmutableArray();
        var diagnostics = await compilation
            .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new PromptFootprintAnalyzer()), new AnalyzerOptions(additional, options))
            .GetAnalyzerDiagnosticsAsync();
        return (workspace, documents, diagnostics);
    }

    private sealed class Diagnostics(ImmutableArray<Diagnostic> all) : FixAllContext.DiagnosticProvider
    {
        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) => Task.FromResult<IEnumerable<Diagnostic>>(all);

        public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) => Task.FromResult(Enumerable.Empty<Diagnostic>());

        // Diagnostics in additional files have no source document: the workspace hands them out as the project's.
        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) => Task.FromResult<IEnumerable<Diagnostic>>(all);
    }

    private sealed class Text(string path, string text) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
    }

    private sealed class OptionsProvider(HashSet<string> paths, Dictionary<string, string> fileOptions, Dictionary<string, string> globalOptions) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(new(globalOptions) { ["build_property.PromptLintProjectDirectory"] = "/proj" });

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new Options(new());

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile)
            => new Options(paths.Contains(textFile.Path) ? WithKind(fileOptions, textFile.Path.EndsWith("/promptlint.baseline.json", StringComparison.Ordinal) ? "baseline" : "auto") : new());

        private static Dictionary<string, string> WithKind(Dictionary<string, string> options, string kind)
        {
            var all = new Dictionary<string, string>(options);
            all.TryAdd("build_metadata.AdditionalFiles.PromptLintKind", kind);
            return all;
        }

        private sealed class Options(Dictionary<string, string> values) : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
        }
    }
}
