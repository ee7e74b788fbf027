using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using PromptLint.Core.FrontEnds;

namespace PromptLint.Cli.Check;

/// <summary>
/// Which files <c>promptlint check</c> reads, and which project each belongs to. A folder is searched with the build's
/// default globs (build/PromptLint.DefaultItems.props, the file the package imports), relative to each file's project; a file named on the command line is read
/// whatever its name; a glob is expanded from the current folder. A file's project is the nearest folder at or above
/// it with a <c>*.csproj</c> or a <c>promptlint.baseline.json</c> (not above a repository root, the folder with
/// <c>.git</c>), else the current folder: its prompt ids are paths relative to that folder, as in the build, and its
/// baseline is <c>promptlint.baseline.json</c> there.
/// </summary>
internal static class PromptWorkspace
{
    public const string BaselineName = "promptlint.baseline.json";

    /// <summary>True when a path relative to its project matches the default globs (build/PromptLint.DefaultItems.props).</summary>
    public static bool MatchesDefaultGlobs(string relativePath) => DefaultItems.Shipped.Matches(relativePath);

    /// <summary>The files the arguments name, each once, in a stable order; problems for arguments that name nothing.</summary>
    public static (List<string> Files, List<string> Problems) Expand(IReadOnlyList<string> arguments, string currentDirectory)
    {
        var files = new List<string>();
        var problems = new List<string>();
        foreach (var argument in arguments)
        {
            var full = Path.GetFullPath(Path.Combine(currentDirectory, argument));
            if (File.Exists(full))
            {
                files.Add(full);
            }
            else if (Directory.Exists(full))
            {
                files.AddRange(Search(full, currentDirectory));
            }
            else if (argument.IndexOfAny(new[] { '*', '?' }) >= 0)
            {
                var matched = ExpandGlob(argument, currentDirectory).ToList();
                if (matched.Count == 0)
                {
                    problems.Add($"no file matches '{argument}'");
                }

                files.AddRange(matched);
            }
            else
            {
                problems.Add($"'{argument}' is not a file or folder");
            }
        }

        var comparer = OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;
        return (files.Distinct(comparer).OrderBy(f => f, StringComparer.Ordinal).ToList(), problems);
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string, string), string> Roots = new();

    /// <summary>The project folder of a file (see the class summary); remembered per folder.</summary>
    public static string ProjectRootOf(string file, string currentDirectory)
    {
        var folder = Path.GetDirectoryName(file)!;
        return Roots.GetOrAdd((folder, currentDirectory), key => FindProjectRoot(key.Item1 + Path.DirectorySeparatorChar + "-", key.Item2));
    }

    /// <summary>Forgets the project folders found (files were added or removed).</summary>
    public static void Forget() => Roots.Clear();

    private static string FindProjectRoot(string file, string currentDirectory)
    {
        for (var dir = new DirectoryInfo(Path.GetDirectoryName(file)!); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, BaselineName)) || Directory.EnumerateFiles(dir.FullName, "*.csproj").Any())
            {
                return dir.FullName;
            }

            if (Directory.Exists(Path.Combine(dir.FullName, ".git")) || File.Exists(Path.Combine(dir.FullName, ".git")))
            {
                break;
            }
        }

        var cwd = Path.GetFullPath(currentDirectory);
        return IsUnder(file, cwd) ? cwd.TrimEnd(Path.DirectorySeparatorChar) : Path.GetDirectoryName(file)!;
    }

    /// <summary>A path relative to a folder, with '/'.</summary>
    public static string Relative(string root, string path)
    {
        var relative = Path.GetRelativePath(root, path).Replace('\\', '/');
        return relative == "." ? string.Empty : relative;
    }

    private static bool IsUnder(string path, string directory)
    {
        var root = directory.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        return path.StartsWith(root, OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
    }

    // A folder: every file the default globs take, relative to the file's project; bin/ and obj/ of a project (and of
    // the folder searched), hidden folders (the SDK's DefaultItemExcludes and DefaultExcludesInProjectFolder) other
    // than those a glob names (.github/prompts) and node_modules are skipped.
    private static IEnumerable<string> Search(string folder, string currentDirectory)
    {
        var pending = new Stack<string>();
        pending.Push(folder);
        var roots = new Dictionary<string, string>(StringComparer.Ordinal);
        while (pending.Count > 0)
        {
            var dir = pending.Pop();
            string[] entries;
            string[] subdirectories;
            try
            {
                entries = Directory.GetFiles(dir);
                subdirectories = Directory.GetDirectories(dir);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            var isProject = entries.Any(e => e.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase)) || string.Equals(dir, folder, StringComparison.Ordinal);
            foreach (var sub in subdirectories)
            {
                var name = Path.GetFileName(sub);
                if ((name.StartsWith(".", StringComparison.Ordinal) && !DefaultItems.Shipped.HiddenFolders.Contains(name)) || name == "node_modules" || (isProject && name is "bin" or "obj"))
                {
                    continue;
                }

                pending.Push(sub);
            }

            foreach (var file in entries)
            {
                var fileDir = Path.GetDirectoryName(file)!;
                if (!roots.TryGetValue(fileDir, out var root))
                {
                    root = ProjectRootOf(file, currentDirectory);
                    roots[fileDir] = root;
                }

                if (MatchesDefaultGlobs(Relative(root, file)))
                {
                    yield return file;
                }
            }
        }
    }

    private static IEnumerable<string> ExpandGlob(string pattern, string currentDirectory)
    {
        var normalized = pattern.Replace('\\', '/');
        var firstWildcard = normalized.IndexOfAny(new[] { '*', '?' });
        var slash = normalized.LastIndexOf('/', firstWildcard);
        var prefix = slash < 0 ? string.Empty : normalized.Substring(0, slash + 1);
        var baseDirectory = Path.GetFullPath(Path.Combine(currentDirectory, prefix.Length == 0 ? "." : prefix));
        if (!Directory.Exists(baseDirectory))
        {
            return Array.Empty<string>();
        }

        var regex = Glob(normalized.Substring(prefix.Length));
        return Directory.EnumerateFiles(baseDirectory, "*", SearchOption.AllDirectories)
            .Where(f => !Relative(baseDirectory, f).Split('/').Any(part => part.StartsWith(".", StringComparison.Ordinal) || part == "node_modules"))
            .Where(f => regex.IsMatch(Relative(baseDirectory, f)));
    }

    /// <summary>An MSBuild-style glob (<c>**</c> any folders, <c>*</c> and <c>?</c> within a name) as a regular expression.</summary>
    public static Regex Glob(string glob) => Glob(glob, ignoreCase: false);

    /// <summary>
    /// A glob as a regular expression; <paramref name="ignoreCase"/> for an <c>Exclude</c>, which MSBuild matches in any
    /// case on every OS (<c>**/README*</c> leaves out <c>Readme.md</c>) while its includes are case-sensitive on Linux.
    /// </summary>
    public static Regex Glob(string glob, bool ignoreCase)
    {
        var pattern = Regex.Escape(glob.Replace('\\', '/'))
            .Replace(@"\*\*/", "(.*/)?")
            .Replace(@"\*\*", ".*")
            .Replace(@"\*", "[^/]*")
            .Replace(@"\?", "[^/]");
        return new Regex("^" + pattern + "$", ignoreCase ? RegexOptions.CultureInvariant | RegexOptions.IgnoreCase : RegexOptions.CultureInvariant);
    }
}
