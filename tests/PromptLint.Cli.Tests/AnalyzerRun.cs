using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using PromptLint.Analyzers;

namespace PromptLint.Cli.Tests;

/// <summary>
/// Runs PromptLint's analyzer the way the build hands it a project's prompt files: each file an additional file with
/// <c>PromptLintKind</c> metadata, the baseline with kind <c>baseline</c>, the project folder as a compiler-visible
/// property, and the folder's <c>.editorconfig</c> files read by the compiler's own <see cref="AnalyzerConfigSet"/>.
/// The findings are what the build reports for those files.
/// </summary>
internal static class AnalyzerRun
{
    public sealed record Finding(string Id, string Severity, string File, int Line, int Column, string Message, int? TokensSaved);

    public static IReadOnlyList<Finding> Findings(string projectDirectory, IEnumerable<string> promptFiles, IEnumerable<string>? configFiles = null, IEnumerable<string>? detectedFiles = null, IEnumerable<string>? flowFolderFiles = null)
    {
        projectDirectory = Path.GetFullPath(projectDirectory);
        var files = promptFiles.Select(Path.GetFullPath).ToList();
        var baseline = Path.Combine(projectDirectory, "promptlint.baseline.json");
        var generated = new System.Text.StringBuilder();
        generated.Append("is_global = true\n");
        generated.Append("build_property.PromptLintProjectDirectory = ").Append(projectDirectory).Append('\n');
        generated.Append("build_property.PromptLintModel = gpt-4o\n");
        var additional = new List<AdditionalText>();
        foreach (var file in files)
        {
            generated.Append('[').Append(file.Replace('\\', '/')).Append("]\nbuild_metadata.AdditionalFiles.PromptLintKind = auto\n");
            additional.Add(new FileText(file));
        }

        // Files the default globs hand over for the analyzer to judge by their text (a flow.dag.yaml, a .md without front matter).
        foreach (var file in (detectedFiles ?? Array.Empty<string>()).Select(Path.GetFullPath))
        {
            generated.Append('[').Append(file.Replace('\\', '/')).Append("]\nbuild_metadata.AdditionalFiles.PromptLintKind = detect\n");
            additional.Add(new FileText(file));
        }

        // The files of a flow's folder that no glob takes, as build/PromptLint.targets hands them over.
        foreach (var file in (flowFolderFiles ?? Array.Empty<string>()).Select(Path.GetFullPath))
        {
            generated.Append('[').Append(file.Replace('\\', '/')).Append("]\nbuild_metadata.AdditionalFiles.PromptLintKind = flow-template\n");
            additional.Add(new FileText(file));
        }

        // skprompt.txt brings its config.json, as build/PromptLint.targets adds it.
        foreach (var config in files.Where(f => Path.GetFileName(f) == "skprompt.txt").Select(f => Path.Combine(Path.GetDirectoryName(f)!, "config.json")).Where(File.Exists))
        {
            generated.Append('[').Append(config.Replace('\\', '/')).Append("]\nbuild_metadata.AdditionalFiles.PromptLintKind = auto\n");
            additional.Add(new FileText(config));
        }

        if (File.Exists(baseline))
        {
            generated.Append('[').Append(baseline.Replace('\\', '/')).Append("]\nbuild_metadata.AdditionalFiles.PromptLintKind = baseline\n");
            additional.Add(new FileText(baseline));
        }

        var configs = new List<AnalyzerConfig> { AnalyzerConfig.Parse(generated.ToString(), Path.Combine(projectDirectory, "obj", "generated.editorconfig")) };
        configs.AddRange((configFiles ?? Array.Empty<string>()).Select(p => AnalyzerConfig.Parse(File.ReadAllText(p), Path.GetFullPath(p))));
        var set = AnalyzerConfigSet.Create(configs);
        var tree = CSharpSyntaxTree.ParseText("class Placeholder { }", path: Path.Combine(projectDirectory, "Placeholder.cs"));
        var compilation = CSharpCompilation.Create(
            "Project",
            new[] { tree },
            new[] { MetadataReference.CreateFromFile(typeof(object).Assembly.Location) },
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var options = new AnalyzerOptions(additional.ToImmutableArray<AdditionalText>(), new Provider(set));
        var diagnostics = compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new PromptFootprintAnalyzer()), options)
            .GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
        return diagnostics
            .Select(d =>
            {
                var span = d.Location.GetLineSpan();
                var file = span.IsValid && !string.IsNullOrEmpty(span.Path) ? Path.GetRelativePath(projectDirectory, span.Path).Replace('\\', '/') : string.Empty;
                return new Finding(
                    d.Id,
                    d.Severity switch { DiagnosticSeverity.Error => "error", DiagnosticSeverity.Warning => "warning", _ => "info" },
                    file,
                    file.Length == 0 ? 0 : span.StartLinePosition.Line + 1,
                    file.Length == 0 ? 0 : span.StartLinePosition.Character + 1,
                    d.GetMessage(CultureInfo.InvariantCulture),
                    d.Properties.TryGetValue("tokensSaved", out var saved) && int.TryParse(saved, out var tokens) && tokens > 0 ? tokens : null);
            })
            .OrderBy(f => f.File, StringComparer.Ordinal).ThenBy(f => f.Line).ThenBy(f => f.Column).ThenBy(f => f.Id, StringComparer.Ordinal).ThenBy(f => f.Message, StringComparer.Ordinal)
            .ToList();
    }

    private sealed class FileText(string path) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(File.ReadAllText(Path));
    }

    private sealed class Options(ImmutableDictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value!);
    }

    private sealed class Provider(AnalyzerConfigSet set) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(set.GlobalConfigOptions.AnalyzerOptions);

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new Options(set.GetOptionsForSourcePath(tree.FilePath).AnalyzerOptions);

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => new Options(set.GetOptionsForSourcePath(textFile.Path).AnalyzerOptions);
    }
}
