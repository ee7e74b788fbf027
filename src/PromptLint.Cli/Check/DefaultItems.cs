using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace PromptLint.Cli.Check;

/// <summary>
/// The build's default prompt-file globs, read from build/PromptLint.DefaultItems.props (embedded in the tool): the
/// package imports that very file, so <c>promptlint check</c> on a folder takes the files a build takes. Each
/// <c>PromptLintFile</c> item is a rule: a path matches when one of its <c>Include</c> globs does and none of its
/// <c>Exclude</c> globs; <c>$(DefaultExcludesInProjectFolder)</c> in the excludes means hidden folders are skipped, as
/// the SDK skips them; other SDK properties (bin/ and obj/) are the folder walk's to skip.
/// </summary>
internal sealed class DefaultItems
{
    private DefaultItems(IReadOnlyList<Rule> rules)
    {
        Rules = rules;
        HiddenFolders = new HashSet<string>(
            rules.Where(r => !r.SkipsHidden).SelectMany(r => r.Includes).SelectMany(g => g.Split('/')).Where(p => p.StartsWith(".", StringComparison.Ordinal) && p.Length > 1 && p.IndexOf('*') < 0),
            StringComparer.Ordinal);
    }

    /// <summary>The rules, in the order the file lists them.</summary>
    public IReadOnlyList<Rule> Rules { get; }

    /// <summary>Hidden folders a rule names (<c>.github</c>): the folder walk enters these, and no other hidden folder.</summary>
    public IReadOnlySet<string> HiddenFolders { get; }

    /// <summary>The globs shipped with the tool.</summary>
    public static DefaultItems Shipped { get; } = Load();

    /// <summary>True when a path relative to its project is taken by a rule.</summary>
    public bool Matches(string relativePath)
    {
        var path = relativePath.Replace('\\', '/');
        var hidden = path.Split('/').Any(p => p.StartsWith(".", StringComparison.Ordinal) && p.Length > 1);
        return Rules.Any(r => (!hidden || !r.SkipsHidden) && r.IncludePatterns.Any(p => p.IsMatch(path)) && !r.ExcludePatterns.Any(p => p.IsMatch(path)));
    }

    /// <summary>Reads the globs from the text of a props file.</summary>
    public static DefaultItems Parse(string props)
    {
        var document = XDocument.Parse(props);
        var properties = document.Descendants("PropertyGroup").Elements()
            .ToDictionary(e => e.Name.LocalName, e => e.Value.Trim(), StringComparer.OrdinalIgnoreCase);
        var rules = document.Descendants("PromptLintFile")
            .Select(item =>
            {
                var excludes = Split((string?)item.Attribute("Exclude"), properties, out var skipsHidden);
                return new Rule(Split((string?)item.Attribute("Include"), properties, out _), excludes, skipsHidden);
            })
            .ToList();
        return new DefaultItems(rules);
    }

    private static DefaultItems Load()
    {
        using var stream = typeof(DefaultItems).Assembly.GetManifestResourceStream("PromptLint.DefaultItems.props")
            ?? throw new InvalidOperationException("PromptLint.DefaultItems.props is not embedded in the tool");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }

    // A ';' list with this file's own $(properties) expanded; the SDK's properties and @(items) are dropped (the walk
    // and the rule order stand for them), $(DefaultExcludesInProjectFolder) noted.
    private static List<string> Split(string? list, IReadOnlyDictionary<string, string> properties, out bool skipsHidden)
    {
        skipsHidden = false;
        var globs = new List<string>();
        foreach (var raw in (list ?? string.Empty).Split(';'))
        {
            var part = raw.Trim();
            if (part.Length == 0 || part.StartsWith("@(", StringComparison.Ordinal))
            {
                continue;
            }

            if (part.StartsWith("$(", StringComparison.Ordinal) && part.EndsWith(")", StringComparison.Ordinal))
            {
                var name = part.Substring(2, part.Length - 3);
                if (properties.TryGetValue(name, out var value))
                {
                    globs.AddRange(Split(value, properties, out _));
                }

                skipsHidden |= name == "DefaultExcludesInProjectFolder";
                continue;
            }

            globs.Add(part);
        }

        return globs;
    }

    /// <summary>One <c>PromptLintFile</c> item of the file.</summary>
    public sealed class Rule
    {
        public Rule(IReadOnlyList<string> includes, IReadOnlyList<string> excludes, bool skipsHidden)
        {
            Includes = includes;
            Excludes = excludes;
            SkipsHidden = skipsHidden;
            IncludePatterns = includes.Select(PromptWorkspace.Glob).ToArray();
            ExcludePatterns = excludes.Select(g => PromptWorkspace.Glob(g, ignoreCase: true)).ToArray();
        }

        public IReadOnlyList<string> Includes { get; }

        public IReadOnlyList<string> Excludes { get; }

        public bool SkipsHidden { get; }

        internal Regex[] IncludePatterns { get; }

        internal Regex[] ExcludePatterns { get; }
    }
}
