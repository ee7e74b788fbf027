using System;

namespace PromptLint.Core.FrontEnds;

/// <summary>
/// Tells a prompt from a file that only shares its extension or folder, by the first kilobytes of its text: a tool list
/// by its JSON shape, Semantic Kernel or GitHub Models YAML by its top-level keys, a command <c>.md</c> by its front
/// matter or <c>$ARGUMENTS</c>, a Handlebars prompt by its <c>&lt;message&gt;</c> tags, a documentation page in a
/// <c>prompts/</c> folder by its site front matter. Where the text does not say,
/// the file is not a prompt: PromptLint measures and reports nothing rather than guess.
/// </summary>
internal static class PromptFileSniffer
{
    // How much of a file is looked at: enough for a tool list's first tool or a YAML file's top-level keys, and the
    // same for a 1 KB file and a 50 MB one.
    internal const int HeadCharacters = 4096;

    /// <summary>True when the text must be looked at to settle the kind the name proposes.</summary>
    public static bool NeedsText(string path, PromptFileKind kind, bool detect) => kind switch
    {
        PromptFileKind.GitHubModels or PromptFileKind.SemanticKernelYaml => true,
        PromptFileKind.Unknown => path.EndsWith(".json", StringComparison.OrdinalIgnoreCase),
        PromptFileKind.Text => detect,
        PromptFileKind.ToolSchema => detect,
        PromptFileKind.Handlebars => detect && !InPromptsFolder(path),
        PromptFileKind.Jinja => detect,
        PromptFileKind.Agent => detect && (InCommandsFolderOnly(path) || IsCursorRuleOutsideItsFolder(path) || IsClaudeSubagentByFolderOnly(path) || IsGitHubAgentByFolderOnly(path)),
        _ => false,
    };

    /// <summary>
    /// The kind <paramref name="text"/> confirms: the one the name proposed, another one the content shows, or (when
    /// <paramref name="detect"/>) <see cref="PromptFileKind.Unknown"/> for a file that is not a prompt.
    /// </summary>
    public static PromptFileKind Confirm(string path, PromptFileKind kind, string text, bool detect)
    {
        var head = text.Length > HeadCharacters ? text.Substring(0, HeadCharacters) : text;
        switch (kind)
        {
            case PromptFileKind.Unknown:
                return path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) && ToolListShape.Matches(head) ? PromptFileKind.ToolSchema : PromptFileKind.Unknown;
            case PromptFileKind.SemanticKernelYaml:
                if (detect ? SemanticKernelYamlShape.Matches(head, InPromptsFolder(path)) : PromptFileKinds.HasTopLevelKey(head, "template"))
                {
                    return PromptFileKind.SemanticKernelYaml;
                }

                if (PromptFileKinds.HasTopLevelKey(head, "messages") && (PromptFileKinds.HasTopLevelKey(head, "model") || PromptFileKinds.HasTopLevelKey(head, "modelParameters")))
                {
                    return PromptFileKind.GitHubModels;
                }

                if (YamlToolListShape.Matches(head))
                {
                    return PromptFileKind.ToolSchema;
                }

                if (YamlPromptShape.Matches(path, head))
                {
                    return PromptFileKind.YamlPrompt;
                }

                return detect ? PromptFileKind.Unknown : kind;
            case PromptFileKind.Text:
                if (detect && (IsDocumentationName(path) || DocumentationPage.Matches(head)))
                {
                    return PromptFileKind.Unknown;
                }

                if (detect && IsNotOnePrompt(path, head))
                {
                    return PromptFileKind.Unknown;
                }

                // A prompt-named page in a skill's references/ or examples/ folder is documentation the agent reads on demand.
                if (detect && IsTemplateByName(path) && SkillReferenceFiles.IsReferenceMaterial(path) && !SkillReferenceFiles.SpeaksToTheModel(head) && !AgentFrontMatter.Matches(head))
                {
                    return PromptFileKind.Unknown;
                }

                // A .md the globs took for its extension alone is a prompt only with an agent's (or an agentic workflow's) front matter.
                return detect && !IsTemplateByName(path) ? (AgentFrontMatter.Matches(head) || AgenticWorkflowShape.Matches(path, head) ? PromptFileKind.Agent : PromptFileKind.Unknown) : kind;
            case PromptFileKind.Agent:
                if (detect && IsCursorRuleOutsideItsFolder(path))
                {
                    return LooksLikeCursorRule(head) ? kind : PromptFileKind.Unknown;
                }

                // A custom agent in .github/agents/ is a *.agent.md or starts with its front matter; a page without
                // either kept there (ARCHITECTURE.md, QUICK_REFERENCE.md) documents the agents.
                if (detect && IsGitHubAgentByFolderOnly(path))
                {
                    return FrontMatterKeys(head) is not null ? kind : PromptFileKind.Unknown;
                }

                // Claude Code reads a file in .claude/agents/ (at any depth) as a subagent only with its front matter.
                if (detect && IsClaudeSubagentByFolderOnly(path))
                {
                    return LooksLikeSubagent(head) ? kind : PromptFileKind.Unknown;
                }

                if (detect && InCommandsFolderOnly(path) && InAgentsFolder(path))
                {
                    return LooksLikeSubagent(head) ? kind : PlainPromptInPromptsTree(path, head);
                }

                return detect && InCommandsFolderOnly(path) && !LooksLikeCommand(head) ? PlainPromptInPromptsTree(path, head) : kind;
            case PromptFileKind.ToolSchema:
                // Named as a tool list and found by default: read only when the text is one (or is broken JSON).
                return detect ? ToolNameMap.ConfirmByName(head) : kind;
            case PromptFileKind.Jinja:
                return detect && (JinjaPageTemplate.Matches(head) || JinjaConfigTemplate.Matches(path, head)) ? PromptFileKind.Unknown : kind;
            case PromptFileKind.Handlebars:
                return detect && head.IndexOf("<message", StringComparison.OrdinalIgnoreCase) < 0 && !InPromptsFolder(path) ? PromptFileKind.Unknown : kind;
            default:
                return kind;
        }
    }

    /// <summary>
    /// Agent and Copilot files by name (<c>*.prompt.md</c>, <c>*.agent.md</c>, <c>*.instructions.md</c>,
    /// <c>*.chatmode.md</c>, <c>AGENTS.md</c>, <c>CLAUDE.md</c>, <c>SKILL.md</c>, <c>copilot-instructions.md</c>) or, with
    /// <paramref name="byFolder"/>, a <c>.md</c> in a folder whose files are prompts: a <c>commands</c> folder
    /// (<c>.claude/commands</c>, spec-kit's <c>templates/commands</c>), <c>.github/prompts</c>, <c>.github/agents</c>,
    /// <c>.github/instructions</c>, <c>.github/chatmodes</c>, <c>.claude/agents</c>.
    /// </summary>
    internal static bool IsAgentFileName(string normalizedPath, string lowerName, bool byFolder = true)
    {
        // Cursor rules: a .mdc file (front matter description/globs/alwaysApply, then the rule the model reads).
        if (lowerName.EndsWith(".mdc", StringComparison.Ordinal))
        {
            return true;
        }

        if (!lowerName.EndsWith(".md", StringComparison.Ordinal))
        {
            return false;
        }

        if (lowerName.EndsWith(".prompt.md", StringComparison.Ordinal) || lowerName.EndsWith(".agent.md", StringComparison.Ordinal)
            || lowerName.EndsWith(".instructions.md", StringComparison.Ordinal) || lowerName.EndsWith(".chatmode.md", StringComparison.Ordinal)
            || lowerName is "agents.md" or "claude.md" or "skill.md" or "copilot-instructions.md")
        {
            return true;
        }

        if (!byFolder)
        {
            return false;
        }

        // Claude Code's own folders, at any depth: every .md in .claude/commands/ is a command, and .claude/agents/
        // holds subagents (their front matter confirms them).
        if (InClaudeFolder(normalizedPath, "commands") || InClaudeFolder(normalizedPath, "agents"))
        {
            return true;
        }

        // Only the nearest folders count: a clone under ~/commands/ does not make every .md in it a command.
        var parts = normalizedPath.ToLowerInvariant().Split('/');
        for (var i = Math.Max(0, parts.Length - 4); i < parts.Length - 1; i++)
        {
            // A plugin's subagents (Claude Code plugins keep them in agents/ beside commands/ and skills/).
            if (parts[i] is "commands" or "agents")
            {
                return true;
            }

            if (i + 1 < parts.Length - 1 && (parts[i] == ".github" && parts[i + 1] is "prompts" or "agents" or "instructions" or "chatmodes"
                || parts[i] == ".claude" && parts[i + 1] == "agents"))
            {
                return true;
            }
        }

        return false;
    }

    // A .md that is an agent file only because it is in a "commands" folder (documentation of a CLI's commands is too).
    private static bool InCommandsFolderOnly(string path)
    {
        var normalized = path.Replace('\\', '/');
        var name = FileName(path);
        return !IsAgentFileName(normalized, name, byFolder: false)
            && normalized.ToLowerInvariant().IndexOf("/.github/", StringComparison.Ordinal) < 0 && !normalized.StartsWith(".github/", StringComparison.OrdinalIgnoreCase)
            && !InClaudeFolder(normalized, "agents") && !InClaudeFolder(normalized, "commands") && !ToolFolderFiles.Matches(normalized)
            && !CursorToolFiles.Matches(normalized);
    }

    // A .md in .claude/agents/ (any depth) that its name alone does not make an agent file.
    private static bool IsClaudeSubagentByFolderOnly(string path)
    {
        var normalized = path.Replace('\\', '/');
        return InClaudeFolder(normalized, "agents") && !IsAgentFileName(normalized, FileName(path), byFolder: false);
    }

    // A .md in .github/agents/ that its name alone does not make an agent file.
    private static bool IsGitHubAgentByFolderOnly(string path)
    {
        var normalized = path.Replace('\\', '/');
        var lower = normalized.ToLowerInvariant();
        var inFolder = lower.StartsWith(".github/agents/", StringComparison.Ordinal) || lower.IndexOf("/.github/agents/", StringComparison.Ordinal) >= 0;
        return inFolder && !IsAgentFileName(normalized, FileName(path), byFolder: false);
    }

    // The path runs through .claude/<folder>/ (".claude/commands/dev/review.md", "/repo/.claude/agents/x.md").
    private static bool InClaudeFolder(string normalizedPath, string folder)
    {
        var lower = normalizedPath.ToLowerInvariant();
        var marker = ".claude/" + folder + "/";
        if (lower.StartsWith(marker, StringComparison.Ordinal) || lower.IndexOf("/" + marker, StringComparison.Ordinal) >= 0)
        {
            return true;
        }

        // Cursor's subagents: .cursor/agents/ holds files of the same shape as .claude/agents/.
        var cursor = ".cursor/" + folder + "/";
        return folder == "agents" && (lower.StartsWith(cursor, StringComparison.Ordinal) || lower.IndexOf("/" + cursor, StringComparison.Ordinal) >= 0);
    }

    // A .mdc outside .cursor/rules/: Cursor's rule format only when its front matter says so (Cursor writes description,
    // globs and alwaysApply); another tool's .mdc page is not a prompt.
    internal static bool IsCursorRuleOutsideItsFolder(string path)
        => path.EndsWith(".mdc", StringComparison.OrdinalIgnoreCase)
            && path.Replace('\\', '/').ToLowerInvariant().IndexOf(".cursor/rules/", StringComparison.Ordinal) < 0;

    internal static bool LooksLikeCursorRule(string head)
        => FrontMatterKeys(head) is { } keys && (HasKey(keys, "alwaysApply") || HasKey(keys, "globs"));

    // The nearest folders hold an agents/ folder (not .claude/agents or .github/agents, which are read by name).
    private static bool InAgentsFolder(string path)
    {
        var parts = path.Replace('\\', '/').ToLowerInvariant().Split('/');
        for (var i = Math.Max(0, parts.Length - 4); i < parts.Length - 1; i++)
        {
            if (parts[i] == "agents")
            {
                return true;
            }
        }

        return false;
    }

    // A subagent definition (Claude Code): front matter on the first line with a description and a name, or a description
    // and the agent's own settings (tools, allowed-tools, model) when the name is left to the file name. A page about
    // agents in a folder of that name has none of these (a site's title/description front matter is not an agent's).
    private static bool LooksLikeSubagent(string head)
        => FrontMatterKeys(head) is { } keys && HasKey(keys, "description")
            && (HasKey(keys, "name") || HasKey(keys, "tools") || HasKey(keys, "allowed-tools") || HasKey(keys, "model"));

    // The front matter at the very start of the text ("---" on the first line up to the next "---"), or null.
    internal static string? FrontMatterKeys(string head)
    {
        var start = head.Length > 0 && head[0] == '\uFEFF' ? 1 : 0;
        if (string.CompareOrdinal(head, start, "---", 0, 3) != 0)
        {
            return null;
        }

        var end = head.IndexOf("\n---", start + 3, StringComparison.Ordinal);
        return "\n" + head.Substring(start + 3, (end < 0 ? head.Length : end) - start - 3).Replace("\r", string.Empty);
    }

    internal static bool HasKey(string frontMatter, string key) => frontMatter.IndexOf("\n" + key + ":", StringComparison.Ordinal) >= 0;

    // A command or prompt file: YAML front matter on its first line, or the $ARGUMENTS placeholder.
    private static bool LooksLikeCommand(string head)
    {
        var start = head.Length > 0 && head[0] == '\uFEFF' ? 1 : 0;
        return string.CompareOrdinal(head, start, "---", 0, 3) == 0 || head.IndexOf("$ARGUMENTS", StringComparison.Ordinal) >= 0;
    }

    // README, CHANGELOG, LICENSE, CONTRIBUTING and the like: documentation about prompts, never one.
    // What may follow "readme" in a documentation file's name: nothing, or a locale or a short tag ("-zh", "_pt-BR", "-old").
    private static bool IsDocumentationSuffix(string rest)
    {
        var dot = rest.IndexOf('.');
        var tag = dot < 0 ? rest : rest.Substring(0, dot);
        return tag.Length == 0 || tag.Length <= 6 && tag[0] is '-' or '_';
    }

    /// <summary>
    /// A README, CHANGELOG, CONTRIBUTING or CODE_OF_CONDUCT file by its name (<c>README.md</c>, <c>Readme-zh.md</c>,
    /// <c>CHANGELOG_old.md</c>), in any folder: never a prompt, even where a folder makes every file an agent file.
    /// <c>readme-writer.md</c> (an agent that writes READMEs) is not one.
    /// </summary>
    internal static bool IsReadmeLikeName(string path)
    {
        var name = FileName(path);
        foreach (var prefix in new[] { "readme", "changelog", "contributing", "code_of_conduct" })
        {
            if (name.StartsWith(prefix, StringComparison.Ordinal) && IsDocumentationSuffix(name.Substring(prefix.Length)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsDocumentationName(string path)
    {
        if (IsReadmeLikeName(path))
        {
            return true;
        }

        var name = FileName(path);

        // Words that also start ordinary names ("security-auditor.md", "history-tutor.md"): the whole name only (SECURITY.md, LICENSE.txt).
        var stem = name.IndexOf('.') < 0 ? name : name.Substring(0, name.IndexOf('.'));
        return stem is "license" or "licence" or "security" or "history" or "notice";
    }

    // A .txt or .md the globs take as a template by its name or folder (prompts/, Prompts/, qna_prompt.md, prompt_qna.txt).
    private static bool IsTemplateByName(string path)
    {
        var name = FileName(path);
        var stem = name.Substring(0, Math.Max(0, name.LastIndexOf('.')));
        return InPromptsFolder(path) || !name.EndsWith(".md", StringComparison.Ordinal)
            || stem.EndsWith("_prompt", StringComparison.Ordinal) || stem.EndsWith("-prompt", StringComparison.Ordinal) || PromptNamedFiles.IsMarkdownPromptName(name);
    }

    // A Markdown page of headings and links (an index beside the prompts), or a catalogue of many fenced prompts.
    private static bool IsNotOnePrompt(string path, string head)
        => path.EndsWith(".md", StringComparison.OrdinalIgnoreCase) && (NavigationPage.Matches(head) || PromptCatalogue.Matches(head));

    // A plain Markdown prompt under a prompts/ tree that sits in an agents/ or commands/ folder without that tool's front
    // matter (prompts/agents/reviewer.md): a template like its siblings in prompts/skills/, judged as one.
    private static PromptFileKind PlainPromptInPromptsTree(string path, string head)
        => InPromptsFolder(path) ? Confirm(path, PromptFileKind.Text, head, detect: true) : PromptFileKind.Unknown;

    internal static bool InPromptsFolder(string path)
        => path.Replace('\\', '/').IndexOf("/prompts/", StringComparison.OrdinalIgnoreCase) >= 0
            || path.StartsWith("prompts/", StringComparison.OrdinalIgnoreCase);

    private static string FileName(string path)
    {
        var normalized = path.Replace('\\', '/');
        return normalized.Substring(normalized.LastIndexOf('/') + 1).ToLowerInvariant();
    }
}
