using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

using PromptLint.Contracts.Rules;

namespace PromptLint.Cli.Check;

/// <summary>
/// The <c>.editorconfig</c> and <c>.globalconfig</c> files the build would hand the compiler for a prompt file, read
/// with the compiler's own parser (Roslyn's <see cref="AnalyzerConfigSet"/>, from the Microsoft.CodeAnalysis package):
/// section globs, <c>root = true</c>, <c>is_global</c>, precedence between files and global-config conflicts behave
/// exactly as in <c>dotnet build</c>. As in the build, a prompt file gets its <c>promptlint.*</c> keys from the
/// sections that match its path, and its rules' severities (<c>dotnet_diagnostic.PLxxxx.severity</c>) only from a
/// global config: the compiler applies <c>.editorconfig</c> severities to C# files only (dotnet/roslyn#31916).
/// Files that name no PromptLint key say nothing to it, so when none does, the compiler's parser is not even loaded
/// (it is most of the start-up of a small run).
/// </summary>
internal sealed class EditorConfigSettings
{
    private readonly ConcurrentDictionary<string, string?> _texts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string, string), List<string>> _files = new();
    private RoslynConfigs? _roslyn;

    /// <summary>The options for one prompt file of a project.</summary>
    /// <param name="file">The file's full path.</param>
    /// <param name="projectRoot">The project's directory (where the SDK starts looking for a .globalconfig).</param>
    public FileConfig For(string file, string projectRoot)
    {
        var configs = _files.GetOrAdd((Path.GetDirectoryName(file)!, projectRoot), key => ConfigFilesFor(key.Item1, key.Item2));
        if (!configs.Any(path => NamesPromptLint(Text(path))))
        {
            return FileConfig.Empty;
        }

        return (_roslyn ??= new RoslynConfigs()).For(file, configs, Text);
    }

    // A key PromptLint reads: promptlint.* or dotnet_diagnostic.PLxxxx.severity (keys are case-insensitive).
    private static bool NamesPromptLint(string? text)
        => text is not null && (text.IndexOf("promptlint.", StringComparison.OrdinalIgnoreCase) >= 0 || text.IndexOf("dotnet_diagnostic.pl", StringComparison.OrdinalIgnoreCase) >= 0);

    private string? Text(string path) => _texts.GetOrAdd(path, p =>
    {
        try
        {
            return File.ReadAllText(p);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    });

    // The .editorconfig files in the file's folder and every folder above (as the compiler is given them; the parser
    // itself honours root = true), and the nearest .globalconfig at or above the project folder (the SDK's), top-down.
    private List<string> ConfigFilesFor(string directory, string projectRoot)
    {
        var files = new List<string>();
        for (var dir = new DirectoryInfo(directory); dir is not null; dir = dir.Parent)
        {
            var editorConfig = Path.Combine(dir.FullName, ".editorconfig");
            if (File.Exists(editorConfig))
            {
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

    /// <summary>The part that uses Roslyn's types, in its own class so the compiler's assembly loads only when needed.</summary>
    private sealed class RoslynConfigs
    {
        private readonly ConcurrentDictionary<string, AnalyzerConfig> _parsed = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, AnalyzerConfigSet> _sets = new(StringComparer.Ordinal);

        [MethodImpl(MethodImplOptions.NoInlining)]
        public FileConfig For(string file, List<string> configs, Func<string, string?> text)
        {
            var set = _sets.GetOrAdd(string.Join("|", configs), _ => AnalyzerConfigSet.Create(configs
                .Where(path => text(path) is not null)
                .Select(path => _parsed.GetOrAdd(path, p => AnalyzerConfig.Parse(text(p)!, p)))
                .ToList()));
            var severities = set.GlobalConfigOptions.TreeOptions.ToDictionary(
                pair => pair.Key,
                pair => pair.Value switch
                {
                    ReportDiagnostic.Error => SeverityNames.Error,
                    ReportDiagnostic.Warn => SeverityNames.Warning,
                    ReportDiagnostic.Info => SeverityNames.Info,
                    ReportDiagnostic.Hidden or ReportDiagnostic.Suppress => SeverityNames.None,
                    _ => (string?)null,
                },
                StringComparer.OrdinalIgnoreCase);
            return new FileConfig(set.GetOptionsForSourcePath(file).AnalyzerOptions, severities);
        }
    }
}

/// <summary>What the configuration says for one prompt file.</summary>
internal sealed class FileConfig
{
    private readonly IReadOnlyDictionary<string, string> _options;
    private readonly IReadOnlyDictionary<string, string?> _globalSeverities;

    public FileConfig(IReadOnlyDictionary<string, string> options, IReadOnlyDictionary<string, string?> globalSeverities)
    {
        _options = options;
        _globalSeverities = globalSeverities;
    }

    public static FileConfig Empty { get; } = new(new Dictionary<string, string>(), new Dictionary<string, string?>());

    /// <summary>A key's value as configured, or null.</summary>
    public string? Raw(string key) => _options.TryGetValue(key, out var value) ? value : null;

    /// <summary>The severity the global config gives a rule (error, warning, info or none), or null when it says nothing.</summary>
    public string? GlobalSeverity(string id) => _globalSeverities.TryGetValue(id, out var level) ? level : null;
}
