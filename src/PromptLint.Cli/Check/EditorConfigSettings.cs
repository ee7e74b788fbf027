using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace PromptLint.Cli.Check;

/// <summary>
/// The <c>.editorconfig</c> and <c>.globalconfig</c> files the build would hand the compiler for a prompt file, read
/// with the compiler's own parser (Roslyn's <see cref="AnalyzerConfigSet"/>, from the Microsoft.CodeAnalysis package):
/// section globs, <c>root = true</c>, <c>is_global</c>, precedence between files and global-config conflicts behave
/// exactly as in <c>dotnet build</c>. As in the build, a prompt file gets its <c>promptlint.*</c> keys from the
/// sections that match its path, and its rules' severities (<c>dotnet_diagnostic.PLxxxx.severity</c>) only from a
/// global config: the compiler applies <c>.editorconfig</c> severities to C# files only (dotnet/roslyn#31916).
/// </summary>
internal sealed class EditorConfigSettings
{
    private readonly ConcurrentDictionary<string, AnalyzerConfig?> _parsed = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, AnalyzerConfigSet> _sets = new(StringComparer.Ordinal);

    /// <summary>The options for one prompt file of a project.</summary>
    /// <param name="file">The file's full path.</param>
    /// <param name="projectRoot">The project's directory (where the SDK starts looking for a .globalconfig).</param>
    public FileConfig For(string file, string projectRoot)
    {
        var configs = ConfigFilesFor(Path.GetDirectoryName(file)!, projectRoot);
        var key = string.Join("|", configs);
        var set = _sets.GetOrAdd(key, _ => AnalyzerConfigSet.Create(configs.Select(Parse).Where(c => c is not null).Select(c => c!).ToList()));
        var options = set.GetOptionsForSourcePath(file).AnalyzerOptions;
        return new FileConfig(options, set.GlobalConfigOptions.TreeOptions);
    }

    // The .editorconfig files in the file's folder and every folder above (the compiler's discovery), and the
    // nearest .globalconfig at or above the project folder (the SDK's), top-down.
    private List<string> ConfigFilesFor(string directory, string projectRoot)
    {
        var files = new List<string>();
        for (var dir = new DirectoryInfo(directory); dir is not null; dir = dir.Parent)
        {
            var editorConfig = Path.Combine(dir.FullName, ".editorconfig");
            if (File.Exists(editorConfig))
            {
                // Every one above the file, as the compiler is given them; AnalyzerConfigSet itself honours root = true.
                files.Add(editorConfig);
            }
        }

        files.Reverse();
        for (var dir = new DirectoryInfo(projectRoot); dir is not null; dir = dir.Parent)
        {
            var global = Path.Combine(dir.FullName, ".globalconfig");
            if (File.Exists(global))
            {
                files.Insert(0, global);
                break;
            }
        }

        return files;
    }

    private AnalyzerConfig? Parse(string path) => _parsed.GetOrAdd(path, p =>
    {
        try
        {
            return AnalyzerConfig.Parse(File.ReadAllText(p), p);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    });
}

/// <summary>What the configuration says for one prompt file.</summary>
internal sealed class FileConfig
{
    private readonly IReadOnlyDictionary<string, string> _options;
    private readonly IReadOnlyDictionary<string, ReportDiagnostic> _globalSeverities;

    public FileConfig(IReadOnlyDictionary<string, string> options, IReadOnlyDictionary<string, ReportDiagnostic> globalSeverities)
    {
        _options = options;
        _globalSeverities = globalSeverities;
    }

    public static FileConfig Empty { get; } = new(new Dictionary<string, string>(), new Dictionary<string, ReportDiagnostic>());

    /// <summary>A key's value as configured, or null.</summary>
    public string? Raw(string key) => _options.TryGetValue(key, out var value) ? value : null;

    /// <summary>The severity the global config gives a rule, or null when it says nothing.</summary>
    public string? GlobalSeverity(string id)
        => _globalSeverities.TryGetValue(id, out var report) ? report switch
        {
            ReportDiagnostic.Error => "error",
            ReportDiagnostic.Warn => "warning",
            ReportDiagnostic.Info => "info",
            ReportDiagnostic.Hidden or ReportDiagnostic.Suppress => "none",
            _ => null,
        }
        : null;
}
