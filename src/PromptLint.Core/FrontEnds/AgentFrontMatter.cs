using System;

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
        if (PromptFileSniffer.FrontMatterKeys(head) is not { } frontMatter || frontMatter.IndexOf("\nms.", StringComparison.Ordinal) >= 0)
        {
            return false;
        }

        foreach (var key in SiteKeys)
        {
            if (Has(key))
            {
                return false;
            }
        }

        var subagent = Has("name") && Has("description") && (Has("tools") || Has("model") || Has("color"));
        var command = Has("description") && (Has("tools") || Has("allowed-tools") || Has("argument-hint"));
        var cursorRule = Has("alwaysApply") || Has("globs") && Has("description");
        return subagent || command || cursorRule;

        bool Has(string key) => PromptFileSniffer.HasKey(frontMatter, key);
    }
}
