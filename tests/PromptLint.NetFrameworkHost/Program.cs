using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace PromptLint.NetFrameworkHost;

/// <summary>
/// Loads the analyzers and code fixes of a package's <c>analyzers/dotnet/cs</c> folder into this .NET Framework process
/// as Visual Studio does (an <see cref="AnalyzerFileReference"/> over <see cref="Assembly.LoadFrom(string)"/>; fix
/// providers are the exported <see cref="CodeFixProvider"/> types), analyzes a small project through a Roslyn workspace
/// and applies one fix in a prompt file and one in C#. Prints what it saw, one line each:
/// <c>LOADED name version</c>, <c>DIAGNOSTIC id path line</c>, <c>FIXED id path</c> followed by the new text, and
/// <c>FAILED reason</c>. Exit code 0 when analyzers ran, diagnostics appeared and both fixes applied.
/// </summary>
internal static class Program
{
    private const string TriagePath = "/host/Prompts/triage.md";
    private const string TriageText = "You triage support tickets.   \n\n\n\n\nClassify each ticket as billing, bug or question.\n";
    private const string CSharpText = "namespace PromptLint { [System.AttributeUsage(System.AttributeTargets.All)] internal sealed class PromptAttribute : System.Attribute { } }\npublic static class Prompts\n{\n    [PromptLint.Prompt] public const string Refunds = \"You answer refund questions.   \\n\\n\\n\\n\\nCite the refund policy section you apply.\";\n}\n";

    private static int Main(string[] args)
    {
        if (args.Length != 1 || !Directory.Exists(args[0]))
        {
            Console.WriteLine("FAILED usage: PromptLint.NetFrameworkHost.exe <package>/analyzers/dotnet/cs");
            return 2;
        }

        try
        {
            return Run(Path.GetFullPath(args[0]));
        }
        catch (Exception ex)
        {
            Console.WriteLine("FAILED " + ex.ToString().Replace(Environment.NewLine, " | "));
            return 1;
        }
    }

    private static int Run(string folder)
    {
        var loader = new LoadFromLoader();
        var failures = new List<string>();
        var references = Directory.GetFiles(folder, "PromptLint.*.dll").OrderBy(p => p, StringComparer.Ordinal).Select(p => new AnalyzerFileReference(p, loader)).ToList();
        foreach (var reference in references)
        {
            reference.AnalyzerLoadFailed += (_, e) => failures.Add($"{reference.Display}: {e.ErrorCode} {e.Message}");
        }

        var analyzers = references.SelectMany(r => r.GetAnalyzers(LanguageNames.CSharp)).ToImmutableArray();
        var providers = references.SelectMany(r => Exported(loader.LoadFromPath(r.FullPath))).ToList();
        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies().Where(a => !a.IsDynamic && a.Location.StartsWith(folder, StringComparison.Ordinal)).OrderBy(a => a.GetName().Name, StringComparer.Ordinal))
        {
            Console.WriteLine($"LOADED {assembly.GetName().Name} {assembly.GetName().Version}");
        }

        foreach (var failure in failures)
        {
            Console.WriteLine("FAILED load " + failure);
        }

        if (analyzers.IsEmpty || failures.Count > 0)
        {
            Console.WriteLine("FAILED no analyzers loaded");
            return 1;
        }

        var workspace = new AdhocWorkspace();
        var project = workspace.AddProject(ProjectInfo.Create(ProjectId.CreateNewId(), VersionStamp.Default, "Host", "Host", LanguageNames.CSharp, filePath: "/host/Host.csproj")
            .WithMetadataReferences(new[] { MetadataReference.CreateFromFile(typeof(object).Assembly.Location) }));
        var csharp = project.AddDocument("C.cs", SourceText.From(CSharpText), filePath: "/host/C.cs");
        project = csharp.Project;
        var triage = project.AddAdditionalDocument("triage.md", SourceText.From(TriageText), filePath: TriagePath);
        project = triage.Project;
        project = project.AddAnalyzerConfigDocument(
            ".globalconfig",
            SourceText.From("is_global = true\nbuild_property.PromptLintProjectDirectory = /host/\n\n[" + TriagePath + "]\nbuild_metadata.AdditionalFiles.PromptLintKind = auto\n"),
            filePath: "/host/.globalconfig").Project;
        if (!workspace.TryApplyChanges(project.Solution))
        {
            Console.WriteLine("FAILED the workspace refused the project");
            return 1;
        }

        project = workspace.CurrentSolution.GetProject(project.Id)!;
        var compilation = project.GetCompilationAsync().GetAwaiter().GetResult()!;
        var withAnalyzers = compilation.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(project.AnalyzerOptions, (ex, analyzer, _) => Console.WriteLine($"FAILED {analyzer.GetType().Name} threw {ex.GetType().Name}: {ex.Message}"), concurrentAnalysis: false, logAnalyzerExecutionTime: false));
        var diagnostics = withAnalyzers.GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
        foreach (var diagnostic in diagnostics.OrderBy(d => d.Location.GetLineSpan().Path, StringComparer.Ordinal).ThenBy(d => d.Id, StringComparer.Ordinal))
        {
            Console.WriteLine($"DIAGNOSTIC {diagnostic.Id} {diagnostic.Location.GetLineSpan().Path} {diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1}");
        }

        var fixedFile = Fix(providers, diagnostics, project.GetAdditionalDocument(triage.Id)!, TriagePath);
        var fixedCode = Fix(providers, diagnostics, project.GetDocument(csharp.Id)!, "/host/C.cs");
        return diagnostics.Any(d => d.Id.StartsWith("PL", StringComparison.Ordinal)) && fixedFile && fixedCode ? 0 : 1;
    }

    // The first fix any provider offers for a PL0011 diagnostic in the document, applied; its new text printed.
    private static bool Fix(IReadOnlyList<CodeFixProvider> providers, ImmutableArray<Diagnostic> diagnostics, TextDocument document, string path)
    {
        var diagnostic = diagnostics.FirstOrDefault(d => d.Id == "PL0011" && d.Location.GetLineSpan().Path == path);
        if (diagnostic is null)
        {
            Console.WriteLine("FAILED no PL0011 in " + path);
            return false;
        }

        foreach (var provider in providers.Where(p => p.FixableDiagnosticIds.Contains(diagnostic.Id)))
        {
            var actions = new List<CodeAction>();
            provider.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (a, _) => actions.Add(a), CancellationToken.None)).GetAwaiter().GetResult();
            foreach (var action in actions)
            {
                var apply = action.GetOperationsAsync(CancellationToken.None).GetAwaiter().GetResult().OfType<ApplyChangesOperation>().First();
                var changed = document is Document ? (TextDocument)apply.ChangedSolution.GetDocument(document.Id)! : apply.ChangedSolution.GetAdditionalDocument(document.Id)!;
                var text = changed.GetTextAsync().GetAwaiter().GetResult().ToString();
                Console.WriteLine($"FIXED {diagnostic.Id} {path} {provider.GetType().Name}: {action.Title}");
                Console.WriteLine(text.Replace("\n", "\\n"));
                return true;
            }
        }

        Console.WriteLine("FAILED no fix applied in " + path);
        return false;
    }

    private static IEnumerable<CodeFixProvider> Exported(Assembly assembly)
        => assembly.GetTypes()
            .Where(t => typeof(CodeFixProvider).IsAssignableFrom(t) && !t.IsAbstract && t.GetCustomAttributes(typeof(ExportCodeFixProviderAttribute), false).Length > 0)
            .Select(t => (CodeFixProvider)Activator.CreateInstance(t));

    // Visual Studio on .NET Framework loads analyzers with Assembly.LoadFrom (from a shadow copy); their dependencies
    // resolve from the same folder through the load-from context.
    private sealed class LoadFromLoader : IAnalyzerAssemblyLoader
    {
        public void AddDependencyLocation(string fullPath)
        {
        }

        public Assembly LoadFromPath(string fullPath) => Assembly.LoadFrom(fullPath);
    }
}
