using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using PromptLint.Analyzers;

namespace PromptLint.Benchmarks;

/// <summary>
/// What one edit costs in the editor (issue 19, item 3), in the generated 500-file project: after a keystroke the IDE
/// has a new compilation and re-analyses the edited document with the per-document APIs of
/// <see cref="CompilationWithAnalyzers"/> (syntax and semantic diagnostics of that document), or the edited prompt file
/// with <see cref="CompilationWithAnalyzers.GetAnalysisResultAsync(AdditionalText, CancellationToken)"/>.
/// PromptLint's added time per edit is the "compiler + PromptLint" row minus the "compiler only" row of the same
/// document. Targets: at most 5 ms for a document without prompts, 20 ms for one with a prompt.
/// </summary>
[MemoryDiagnoser]
public class EditorBenchmarks
{
    private CSharpCompilation _project = null!;
    private SyntaxTree _plain = null!;
    private SyntaxTree _prompt = null!;
    private int _edit;

    [GlobalSetup]
    public void Setup()
    {
        _project = GeneratedProject.Create();
        _prompt = _project.SyntaxTrees.First(t => t.FilePath.EndsWith("File000.cs", StringComparison.Ordinal));
        _plain = _project.SyntaxTrees.First(t => t.FilePath.EndsWith("File300.cs", StringComparison.Ordinal));

        // An editor session has analysed the project once: vocabularies loaded, code jitted, token counts cached.
        _project.WithAnalyzers(Analyzers, GeneratedProject.EditorOptions()).GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
    }

    private static ImmutableArray<DiagnosticAnalyzer> Analyzers { get; } = ImmutableArray.Create<DiagnosticAnalyzer>(new PromptFootprintAnalyzer());

    [Benchmark(Baseline = true, Description = "edit a document without prompts: compiler only")]
    public int PlainCompilerOnly() => CompilerOnly(_plain, "Sum(");

    [Benchmark(Description = "edit a document without prompts: compiler + PromptLint")]
    public int PlainWithPromptLint() => WithPromptLint(_plain, "Sum(");

    [Benchmark(Description = "edit a document with a prompt: compiler only")]
    public int PromptCompilerOnly() => CompilerOnly(_prompt, "Rule 0:");

    [Benchmark(Description = "edit a document with a prompt: compiler + PromptLint")]
    public int PromptWithPromptLint() => WithPromptLint(_prompt, "Rule 0:");

    [Benchmark(Description = "edit a prompt file: PromptLint")]
    public int PromptFile()
    {
        var options = GeneratedProject.EditorOptions(GeneratedProject.PromptFilesWithOneEdited(++_edit));
        var analyzers = _project.WithAnalyzers(Analyzers, options);
        return analyzers.GetAnalysisResultAsync(options.AdditionalFiles[0], CancellationToken.None).GetAwaiter().GetResult().GetAllDiagnostics().Length;
    }

    private int CompilerOnly(SyntaxTree tree, string anchor)
    {
        var (compilation, edited) = Edit(tree, anchor);
        return compilation.GetSemanticModel(edited).GetDiagnostics().Length;
    }

    private int WithPromptLint(SyntaxTree tree, string anchor)
    {
        var (compilation, edited) = Edit(tree, anchor);
        var model = compilation.GetSemanticModel(edited);
        var analyzers = compilation.WithAnalyzers(Analyzers, GeneratedProject.EditorOptions());
        return model.GetDiagnostics().Length
               + analyzers.GetAnalyzerSyntaxDiagnosticsAsync(edited, CancellationToken.None).GetAwaiter().GetResult().Length
               + analyzers.GetAnalyzerSemanticDiagnosticsAsync(model, null, CancellationToken.None).GetAwaiter().GetResult().Length;
    }

    // A keystroke: one character typed after the anchor, so every edit is a new text and a new compilation.
    private (CSharpCompilation Compilation, SyntaxTree Edited) Edit(SyntaxTree tree, string anchor)
    {
        var text = tree.GetText();
        var at = text.ToString().IndexOf(anchor, StringComparison.Ordinal) + anchor.Length;
        var edited = tree.WithChangedText(text.WithChanges(new TextChange(new TextSpan(at, 0), (++_edit % 2 == 0) ? " " : "  ")));
        return (_project.ReplaceSyntaxTree(tree, edited), edited);
    }
}
