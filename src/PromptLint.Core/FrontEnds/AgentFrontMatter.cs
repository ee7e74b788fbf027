using System;
using System.Collections.Generic;

namespace PromptLint.Core.FrontEnds;

/// <summary>
/// Tells an agent file from any other Markdown page by its front matter alone, wherever it is kept: collections of
/// Claude Code subagents sort them into folders of their own naming (<c>engineering/</c>, <c>categories/data/</c>), and
/// Cursor rules are sometimes saved as <c>.md</c>. Three shapes count, each made of keys only those tools read:
/// <list type="bullet">
/// <item>a subagent: <c>name</c> and <c>description</c> with <c>tools</c>, <c>model</c> or <c>color</c>;</item>
/// <item>a command or custom agent: <c>description</c> with <c>tools</c>, <c>allowed-tools</c> or <c>argument-hint</c>;</item>
/// <item>a Cursor rule: <c>alwaysApply</c>, or <c>globs</c> with <c>description</c>.</item>
/// </list>
/// A page with a <c>title</c>, a Microsoft Learn <c>ms.*</c> key or a site generator's key (<c>layout</c>,
/// <c>permalink</c>, <c>sidebar_*</c>, <c>nav_order</c>, <c>slug</c>, <c>weight</c>, <c>date</c>) is documentation, never
/// an agent, whatever else it holds. Only the first lines are read (the sniffer's head): front matter still open at the
/// end of it is judged by the keys seen so far.
/// </summary>
internal static class AgentFrontMatter
{
    private static readonly string[] SiteKeys =
    {
        "title", "layout", "permalink", "slug", "sidebar", "sidebar_position", "sidebar_label", "nav_order", "weight", "date",
        "uid", "parent", "has_children", "hide_title", "draft",
    };

    /// <summary>True when <paramref name="head"/> opens with the front matter of an agent, command or Cursor rule.</summary>
    public static bool Matches(string head)
    {
        var keys = TopLevelKeys(head);
        if (keys is null)
        {
            return false;
        }

        foreach (var key in keys)
        {
            if (key.StartsWith("ms.", StringComparison.Ordinal) || Array.IndexOf(SiteKeys, key) >= 0)
            {
                return false;
            }
        }

        var description = keys.Contains("description");
        var subagent = keys.Contains("name") && description && (keys.Contains("tools") || keys.Contains("model") || keys.Contains("color"));
        var command = description && (keys.Contains("tools") || keys.Contains("allowed-tools") || keys.Contains("argument-hint"));
        var cursorRule = keys.Contains("alwaysapply") || keys.Contains("globs") && description;
        return subagent || command || cursorRule;
    }

    // The keys at column 1 of the front matter that opens the text ("---" on its first line), lower case; null without one.
    private static HashSet<string>? TopLevelKeys(string head)
    {
        var text = head.TrimStart('\uFEFF').Replace("\r", string.Empty);
        var firstEnd = text.IndexOf('\n');
        if (firstEnd < 0 || text.Substring(0, firstEnd).TrimEnd() != "---")
        {
            return null;
        }

        var keys = new HashSet<string>(StringComparer.Ordinal);
        var position = firstEnd + 1;
        while (position < text.Length)
        {
            var end = text.IndexOf('\n', position);
            end = end < 0 ? text.Length : end;
            var line = text.Substring(position, end - position);
            if (line.TrimEnd() == "---")
            {
                return keys;
            }

            var colon = line.IndexOf(':');
            if (colon > 0 && line[0] is not (' ' or '\t' or '-' or '#'))
            {
                var key = line.Substring(0, colon).Trim();
                if (key.Length > 0 && key.IndexOf(' ') < 0)
                {
                    keys.Add(key.ToLowerInvariant());
                }
            }

            position = end + 1;
        }

        return keys;
    }
}
