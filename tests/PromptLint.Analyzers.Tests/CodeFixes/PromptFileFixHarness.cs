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
    /// <summary>The one <paramref name="id"/> diagnostic in the file, and the title and fixed file text of every fix <paramref name="provider"/> offers for it.</summary>
    public static async Task<(Diagnostic Diagnostic, IReadOnlyList<(string Title, string FixedText)> Fixes)> FixesAsync(CodeFixProvider provider, string id, string fileName, string text, Dictionary<string, string>? fileOptions = null)
    {
        // The IDE asks a provider about additional documents only when its export says it handles them.
        var export = provider.GetType().GetCustomAttribute<ExportCodeFixProviderAttribute>();
        Assert.Contains(nameof(TextDocumentKind.AdditionalDocument), export!.DocumentKinds);

        var path = "/proj/" + fileName;
        using var workspace = new AdhocWorkspace();
        var project = workspace.AddProject("P", LanguageNames.CSharp)
            .AddMetadataReferences(Basic.Reference.Assemblies.Net100.References.All)
            .AddDocument("C.cs", "class C { }").Project;
        var prompt = project.AddAdditionalDocument(fileName, SourceText.From(text), filePath: path);
        Assert.True(workspace.TryApplyChanges(prompt.Project.Solution));
        var document = workspace.CurrentSolution.GetProject(prompt.Project.Id)!.GetAdditionalDocument(prompt.Id)!;

        var options = new OptionsProvider(path, fileOptions ?? new());
        var compilation = (await document.Project.GetCompilationAsync())!;
        var diagnostics = await compilation
            .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new PromptFootprintAnalyzer()), new AnalyzerOptions(ImmutableArray.Create<AdditionalText>(new Text(path, text)), options))
            .GetAnalyzerDiagnosticsAsync();
        var diagnostic = Assert.Single(diagnostics, d => d.Id == id);

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

    private sealed class Text(string path, string text) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
    }

    private sealed class OptionsProvider(string path, Dictionary<string, string> fileOptions) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(new() { ["build_property.PromptLintProjectDirectory"] = "/proj" });

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new Options(new());

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile)
            => new Options(textFile.Path == path ? new(fileOptions) { ["build_metadata.AdditionalFiles.PromptLintKind"] = "auto" } : new());

        private sealed class Options(Dictionary<string, string> values) : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
        }
    }
}
