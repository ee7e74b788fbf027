using System;

namespace PromptLint.Core.FrontEnds;

/// <summary>
/// Prompt files that agent tools read by their place or name, front matter or not:
/// <list type="bullet">
/// <item>Continue: <c>.continue/prompts/</c> (<c>.md</c>, and the older <c>.prompt</c> files; each a prompt the user
/// invokes), <c>.continue/rules/</c> (rules added to the system message), <c>.continue/agents/</c> (local agent
/// definitions, the body is the agent's instructions);</item>
/// <item>Claude Code: <c>.claude/rules/</c> (rule files loaded like <c>CLAUDE.md</c>, optional <c>paths</c> front matter),
/// and <c>.claude/output-styles/</c> (an output style: <c>name</c>/<c>description</c> front matter, and a body that Claude
/// Code puts into the system prompt);</item>
/// <item>the rule and context files of other coding agents: <c>GEMINI.md</c> (Gemini CLI, at any depth, like
/// <c>CLAUDE.md</c>), <c>.cursorrules</c> (Cursor's older single rules file), <c>.windsurfrules</c> and
/// <c>.windsurf/rules/</c> (Windsurf), <c>.clinerules</c> as a file or a folder (Cline), <c>.roo/rules/</c> and
/// <c>.roo/rules-&lt;mode&gt;/</c> (Roo Code), <c>.kiro/steering/</c> (Kiro), <c>.amazonq/rules/</c> (Amazon Q
/// Developer), <c>.junie/guidelines.md</c> (Junie), <c>.opencode/agent/</c> and <c>.opencode/command/</c> (opencode),
/// <c>.agent/rules/</c>, <c>.agent/workflows/</c> and the same under <c>.agents/</c> (Google Antigravity);</item>
/// <item>a Microsoft 365 Copilot declarative agent's <c>appPackage/instruction.txt</c> (or <c>instructions.txt</c>),
/// the file its <c>declarativeAgent.json</c> takes its instructions from in the Agents Toolkit's templates.</item>
/// </list>
/// Front matter is the tool's configuration, never prompt text: they are read as agent files.
/// </summary>
internal static class ToolFolderFiles
{
    private static readonly string[] Folders =
    {
        ".continue/prompts/", ".continue/rules/", ".continue/agents/", ".claude/rules/", ".claude/output-styles/",
        ".windsurf/rules/", ".clinerules/", ".roo/rules/", ".kiro/steering/", ".amazonq/rules/", ".opencode/agent/", ".opencode/command/",
        ".agent/rules/", ".agent/workflows/", ".agents/rules/", ".agents/workflows/",
    };

    private static readonly string[] Names = { "gemini.md", ".cursorrules", ".windsurfrules", ".clinerules" };

    /// <summary>
    /// True for a <c>.md</c> (or, in <c>.continue/prompts/</c>, a <c>.prompt</c>) file in one of those folders, at any
    /// depth below it, and for the rule files named above.
    /// </summary>
    public static bool Matches(string path)
    {
        var lower = path.Replace('\\', '/').ToLowerInvariant();
        var name = lower.Substring(lower.LastIndexOf('/') + 1);
        if (Array.IndexOf(Names, name) >= 0 || name == "guidelines.md" && Under(lower, ".junie/") >= 0)
        {
            return true;
        }

        // A Microsoft 365 Copilot declarative agent's instructions, as the Agents Toolkit's templates name them
        // (declarativeAgent.json: "instructions": "$[file('instruction.txt')]").
        if (name is "instruction.txt" or "instructions.txt" && lower.EndsWith("apppackage/" + name, StringComparison.Ordinal))
        {
            return true;
        }

        var markdown = lower.EndsWith(".md", StringComparison.Ordinal);
        foreach (var folder in Folders)
        {
            if (Under(lower, folder) >= 0 && (markdown || folder == ".continue/prompts/" && lower.EndsWith(".prompt", StringComparison.Ordinal)))
            {
                return true;
            }
        }

        // Roo Code's mode-specific rules: .roo/rules-code/, .roo/rules-architect/ …
        var roo = Under(lower, ".roo/rules-");
        return markdown && roo >= 0 && lower.IndexOf('/', roo + ".roo/rules-".Length) > 0;
    }

    // Where the path runs through <folder> (at its start or after a '/'), or -1.
    private static int Under(string lower, string folder)
        => lower.StartsWith(folder, StringComparison.Ordinal) ? 0 : lower.IndexOf("/" + folder, StringComparison.Ordinal) is var at and >= 0 ? at + 1 : -1;
}
