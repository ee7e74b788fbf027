using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace PromptLint.Cli.Check;

/// <summary>
/// The files a run of <c>promptlint check</c> reads, grouped by project (<see cref="PromptWorkspace"/> says which
/// files and which project), and which of them were named on the command line.
/// </summary>
internal sealed class PromptDiscovery
{
    private readonly HashSet<string> _named;

    private PromptDiscovery(IReadOnlyList<(string Root, IReadOnlyList<string> Files)> projects, HashSet<string> named)
    {
        Projects = projects;
        _named = named;
    }

    /// <summary>Each project's root and files, projects in ordinal order of their roots.</summary>
    public IReadOnlyList<(string Root, IReadOnlyList<string> Files)> Projects { get; }

    /// <summary>True when <paramref name="file"/> was named on the command line (not found in a folder or by a glob).</summary>
    public bool IsNamed(string file) => _named.Contains(file);

    /// <summary>The files <paramref name="paths"/> name; null (after a line on standard error for each) when a path names nothing.</summary>
    public static PromptDiscovery? Find(IReadOnlyList<string> paths, string cwd, TextWriter error)
    {
        PromptWorkspace.Forget(); // project folders are remembered for one run only
        var (files, problems) = PromptWorkspace.Expand(paths, cwd);
        Timings.Mark($"found {files.Count} files", error);
        foreach (var problem in problems)
        {
            error.WriteLine("promptlint: " + problem);
        }

        if (problems.Count > 0)
        {
            return null;
        }

        var named = new HashSet<string>(paths.Select(p => Path.GetFullPath(Path.Combine(cwd, p))).Where(File.Exists), StringComparer.Ordinal);
        var projects = files.GroupBy(f => PromptWorkspace.ProjectRootOf(f, cwd), StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, (IReadOnlyList<string>)g.ToList()))
            .ToList();
        return new PromptDiscovery(projects, named);
    }
}
