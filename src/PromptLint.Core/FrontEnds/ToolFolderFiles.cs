using System;

namespace PromptLint.Core.FrontEnds;

/// <summary>
/// Prompt files in the hidden folders of agent tools that read every file there, front matter or not:
/// <list type="bullet">
/// <item>Continue: <c>.continue/prompts/</c> (<c>.md</c>, and the older <c>.prompt</c> files; each a prompt the user
/// invokes), <c>.continue/rules/</c> (rules added to the system message), <c>.continue/agents/</c> (local agent
/// definitions, the body is the agent's instructions);</item>
/// <item>Claude Code: <c>.claude/rules/</c> (rule files loaded like <c>CLAUDE.md</c>, optional <c>paths</c> front matter),
/// and <c>.claude/output-styles/</c> (an output style: <c>name</c>/<c>description</c> front matter, and a body that Claude
/// Code puts into the system prompt).</item>
/// </list>
/// Front matter is the tool's configuration, never prompt text: they are read as agent files.
/// </summary>
internal static class ToolFolderFiles
{
    private static readonly string[] Folders = { ".continue/prompts/", ".continue/rules/", ".continue/agents/", ".claude/rules/", ".claude/output-styles/" };

    /// <summary>True for a <c>.md</c> (or, in <c>.continue/prompts/</c>, a <c>.prompt</c>) file in one of those folders, at any depth below it.</summary>
    public static bool Matches(string path)
    {
        var lower = path.Replace('\\', '/').ToLowerInvariant();
        var markdown = lower.EndsWith(".md", StringComparison.Ordinal);
        foreach (var folder in Folders)
        {
            var at = lower.StartsWith(folder, StringComparison.Ordinal) ? 0 : lower.IndexOf("/" + folder, StringComparison.Ordinal);
            if (at >= 0 && (markdown || folder == ".continue/prompts/" && lower.EndsWith(".prompt", StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }
}
