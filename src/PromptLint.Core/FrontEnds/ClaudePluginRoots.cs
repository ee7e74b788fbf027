using System;
using System.Collections.Generic;

namespace PromptLint.Core.FrontEnds;

/// <summary>
/// Claude Code plugins: a folder with <c>.claude-plugin/plugin.json</c> keeps its slash commands in <c>commands/</c> and
/// its subagents in <c>agents/</c> beside it (and skills in <c>skills/*/SKILL.md</c>, found by name). Claude Code reads
/// every <c>.md</c> there, front matter or not, so with the manifest present such a file is an agent file even when its
/// text alone does not say so. Without a manifest (a configuration tree checked out at a repository's root) nothing
/// here applies: the folder names alone are too common to guess from.
/// </summary>
internal sealed class ClaudePluginRoots
{
    private const string Manifest = ".claude-plugin/plugin.json";

    private readonly HashSet<string> _roots = new(StringComparer.Ordinal);

    /// <summary>True when no plugin manifest was seen.</summary>
    public bool IsEmpty => _roots.Count == 0;

    /// <summary>True for a plugin manifest's path (<c>…/.claude-plugin/plugin.json</c>).</summary>
    public static bool IsManifest(string path)
    {
        var lower = Normalize(path).ToLowerInvariant();
        return lower == Manifest || lower.EndsWith("/" + Manifest, StringComparison.Ordinal);
    }

    /// <summary>Records the plugin root of a manifest's path (the folder holding <c>.claude-plugin/</c>).</summary>
    public void Add(string path)
    {
        var normalized = Normalize(path);
        _roots.Add(normalized.Substring(0, normalized.Length - Manifest.Length));
    }

    /// <summary>True for a <c>.md</c> in the <c>commands/</c> or <c>agents/</c> folder (at any depth) of a recorded plugin root.</summary>
    public bool HoldsCommandOrAgent(string path)
    {
        var normalized = Normalize(path);
        if (!normalized.EndsWith(".md", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        foreach (var root in _roots)
        {
            if (normalized.StartsWith(root + "commands/", StringComparison.Ordinal) || normalized.StartsWith(root + "agents/", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static string Normalize(string path) => path.Replace('\\', '/');
}
