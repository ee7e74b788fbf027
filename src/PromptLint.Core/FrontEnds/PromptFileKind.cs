using System;

namespace PromptLint.Core.FrontEnds;

/// <summary>The prompt-file formats PromptLint reads.</summary>
public enum PromptFileKind
{
    /// <summary>Not a prompt file PromptLint knows.</summary>
    Unknown,
    /// <summary><c>.prompty</c> (v1 and v2).</summary>
    Prompty,
    /// <summary>Semantic Kernel prompt YAML (<c>template:</c>, <c>execution_settings</c>).</summary>
    SemanticKernelYaml,
    /// <summary>Semantic Kernel <c>skprompt.txt</c> (with its <c>config.json</c>).</summary>
    SemanticKernelPrompt,
    /// <summary>The <c>config.json</c> beside an <c>skprompt.txt</c>: read with it, not on its own.</summary>
    SemanticKernelConfig,
    /// <summary>GitHub Models <c>.prompt.yml</c> / <c>.prompt.yaml</c>.</summary>
    GitHubModels,
    /// <summary>Plain <c>.txt</c> / <c>.md</c> template.</summary>
    Text,
    /// <summary>Tool schema JSON (<c>*.tools.json</c>): OpenAI tools array or MCP <c>tools/list</c> result.</summary>
    ToolSchema,
    /// <summary>A text file sent as it is: one system message, no holes (braces are text). Only when named explicitly.</summary>
    Verbatim,
    /// <summary>Jinja template (<c>.jinja2</c>, <c>.j2</c>, <c>.jinja</c>); Promptflow's <c># system:</c> role lines split it into messages.</summary>
    Jinja,
    /// <summary>Handlebars template (<c>.hbs</c>, <c>.handlebars</c>); <c>&lt;message role&gt;</c> tags split it into messages.</summary>
    Handlebars,
    /// <summary>
    /// Agent and Copilot prompt files (<c>*.prompt.md</c>, <c>*.agent.md</c>, <c>*.instructions.md</c>, <c>AGENTS.md</c>,
    /// <c>SKILL.md</c>, command <c>.md</c> files): front matter is configuration, <c>$ARGUMENTS</c> and <c>${input:…}</c> are holes.
    /// </summary>
    Agent,

    /// <summary>Prompt YAML in a prompts folder by its keys: a <c>messages</c>/<c>input</c> list of role/content items, or system/user prompt text (see <see cref="YamlPromptShape"/>).</summary>
    YamlPrompt,
}

/// <summary>Tells a prompt file's kind from its name or an explicit kind name.</summary>
public static class PromptFileKinds
{
    /// <summary>Parses an explicit kind (<c>prompty</c>, <c>sk-yaml</c>, <c>skprompt</c>, <c>github</c>, <c>text</c>, <c>tools</c>, <c>jinja</c>, <c>handlebars</c>, <c>agent</c>); null when the text names none.</summary>
    public static PromptFileKind? Parse(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        "prompty" => PromptFileKind.Prompty,
        "sk-yaml" or "semantic-kernel" => PromptFileKind.SemanticKernelYaml,
        "skprompt" => PromptFileKind.SemanticKernelPrompt,
        "github" or "prompt.yml" => PromptFileKind.GitHubModels,
        "text" or "txt" or "md" => PromptFileKind.Text,
        "verbatim" or "raw" => PromptFileKind.Verbatim,
        "tools" => PromptFileKind.ToolSchema,
        "jinja" or "jinja2" or "j2" => PromptFileKind.Jinja,
        "handlebars" or "hbs" => PromptFileKind.Handlebars,
        "agent" or "copilot" => PromptFileKind.Agent,
        "yaml-prompt" => PromptFileKind.YamlPrompt,
        _ => null,
    };

    /// <summary>
    /// Detects a kind from a path and, where the name is ambiguous, the text: Semantic Kernel's samples name prompt
    /// YAML <c>*.prompt.yaml</c> too, so a <c>.prompt.yml</c>/<c>.prompt.yaml</c> file with a top-level <c>template</c>
    /// key and no top-level <c>messages</c> key is Semantic Kernel prompt YAML, not GitHub Models.
    /// </summary>
    public static PromptFileKind Detect(string path, string? text)
    {
        var kind = Detect(path);
        if (kind == PromptFileKind.GitHubModels && text is not null && HasTopLevelKey(text, "template") && !HasTopLevelKey(text, "messages"))
        {
            return PromptFileKind.SemanticKernelYaml;
        }

        return text is null ? kind : PromptFileSniffer.Confirm(path, kind, text, detect: false);
    }

    // A key at column 1 of a line ("template:" / "template :"), the way a YAML mapping's root keys are written; a line scan,
    // so no YAML is parsed twice and bad YAML still goes to the front end that reports it.
    internal static bool HasTopLevelKey(string text, string key)
    {
        var position = 0;
        while (position < text.Length)
        {
            var end = text.IndexOf('\n', position);
            end = end < 0 ? text.Length : end;
            var start = position == 0 && text.Length > 0 && text[0] == '\uFEFF' ? 1 : position;
            if (end - start > key.Length && string.CompareOrdinal(text, start, key, 0, key.Length) == 0)
            {
                var i = start + key.Length;
                while (i < end && text[i] is ' ' or '\t')
                {
                    i++;
                }

                if (i < end && text[i] == ':')
                {
                    return true;
                }
            }

            position = end + 1;
        }

        return false;
    }

    /// <summary>
    /// The kind a file is read as: the one its <c>PromptLintKind</c> names; for <c>auto</c> (an item a user listed) the
    /// one its name tells, the text settling what the name leaves open (a <c>.prompt.yaml</c> of Semantic Kernel's, a
    /// <c>.json</c> tool list); for <c>detect</c> (an item of the default globs, or a file <c>promptlint check</c> found
    /// in a folder) the same, and <see cref="PromptFileKind.Unknown"/> when the text is not a prompt of that kind, so a
    /// file a broad glob took is skipped without a word.
    /// </summary>
    /// <param name="kindName">The explicit kind, <c>auto</c> (empty or null) or <c>detect</c>.</param>
    /// <param name="path">The file's path.</param>
    /// <param name="length">The text's length.</param>
    /// <param name="text">Gives the text, asked for only when the name leaves the kind open.</param>
    /// <param name="maxCharacters">The longest file read.</param>
    public static PromptFileKind Resolve(string? kindName, string path, int length, Func<string> text, int maxCharacters)
    {
        if (Parse(kindName) is { } named)
        {
            return named;
        }

        var detect = IsDiscovered(kindName);
        if (SkippedAsTooLong(kindName, length, maxCharacters) || IsFlowTemplateCandidate(kindName))
        {
            // Found by the default globs and longer than PromptLint reads: not taken for a prompt (see SkippedAsTooLong).
            // A flow folder's file is settled by what the flows name, not by its text (PromptFileEvidence.Refine).
            return PromptFileKind.Unknown;
        }

        var kind = Detect(path);
        if (detect && kind == PromptFileKind.Jinja && ConfigTemplateFiles.IsConfigTemplate(path))
        {
            // nginx.conf.j2, an Ansible role's templates: Jinja that renders a configuration file, not a prompt.
            return PromptFileKind.Unknown;
        }

        if (detect && kind == PromptFileKind.Agent && PromptFileSniffer.IsReadmeLikeName(path))
        {
            // A README kept in an agent folder (.github/prompts/Readme-zh.md) documents the folder.
            return PromptFileKind.Unknown;
        }

        if (!PromptFileSniffer.NeedsText(path, kind, detect))
        {
            return kind;
        }

        // Only the first kilobytes are looked at, so a long file costs no more to judge than a short one.
        var head = text();
        head = head.Length > PromptFileSniffer.HeadCharacters ? head.Substring(0, PromptFileSniffer.HeadCharacters) : head;
        if (kind == PromptFileKind.GitHubModels && length <= maxCharacters && HasTopLevelKey(head, "template") && !HasTopLevelKey(head, "messages"))
        {
            return PromptFileKind.SemanticKernelYaml;
        }

        return PromptFileSniffer.Confirm(path, kind, head, detect);
    }

    /// <summary>
    /// True for a file <see cref="Resolve"/> skips because it is longer than <paramref name="maxCharacters"/> and was found
    /// by the default globs (kind <c>detect</c>): a 1 MB catalogue in a site's folder is not a malformed prompt. A file a
    /// user listed keeps PL0101 with the limit and the setting that raises it.
    /// </summary>
    public static bool SkippedAsTooLong(string? kindName, int length, int maxCharacters)
        => length > maxCharacters && IsDiscovered(kindName);

    /// <summary>True for the kind name of a file the default globs found (<c>detect</c>), not one a user listed.</summary>
    public static bool IsDiscovered(string? kindName)
        => string.Equals(kindName?.Trim(), DetectKindName, StringComparison.OrdinalIgnoreCase) || IsFlowTemplateCandidate(kindName);

    /// <summary>
    /// The <c>PromptLintKind</c> of a file the build hands in only because it sits in a Promptflow flow's folder: it is a
    /// prompt (read as Jinja) when a flow names it as a template (<see cref="PromptFileEvidence"/>), and nothing otherwise
    /// (a flow's <c>requirements.txt</c>), whatever its name and text say.
    /// </summary>
    public const string FlowTemplateKindName = "flow-template";

    /// <summary>True for <see cref="FlowTemplateKindName"/>.</summary>
    public static bool IsFlowTemplateCandidate(string? kindName) => string.Equals(kindName?.Trim(), FlowTemplateKindName, StringComparison.OrdinalIgnoreCase);

    /// <summary>The <c>PromptLintKind</c> of the default globs' items: the name proposes a kind, the text must confirm it.</summary>
    public const string DetectKindName = "detect";

    /// <summary>How much of a file's text <see cref="Resolve"/> looks at: hosts need not read more to tell its kind.</summary>
    public const int HeadCharacters = PromptFileSniffer.HeadCharacters;

    /// <summary>Detects a kind from a path, the way the default MSBuild globs pick files.</summary>
    public static PromptFileKind Detect(string path)
    {
        var normalized = path.Replace('\\', '/');
        var name = normalized.Substring(normalized.LastIndexOf('/') + 1).ToLowerInvariant();
        if (name.EndsWith(".prompty", StringComparison.Ordinal))
        {
            return PromptFileKind.Prompty;
        }

        if (name.EndsWith(".prompt.yml", StringComparison.Ordinal) || name.EndsWith(".prompt.yaml", StringComparison.Ordinal))
        {
            return PromptFileKind.GitHubModels;
        }

        if (name == "skprompt.txt")
        {
            return PromptFileKind.SemanticKernelPrompt;
        }

        if (name == "config.json")
        {
            return PromptFileKind.SemanticKernelConfig;
        }

        if (name.EndsWith(".tools.json", StringComparison.Ordinal) || name.EndsWith("_tools.json", StringComparison.Ordinal))
        {
            return PromptFileKind.ToolSchema;
        }

        if (name.EndsWith(".jinja2", StringComparison.Ordinal) || name.EndsWith(".j2", StringComparison.Ordinal) || name.EndsWith(".jinja", StringComparison.Ordinal))
        {
            return PromptFileKind.Jinja;
        }

        if (name.EndsWith(".hbs", StringComparison.Ordinal) || name.EndsWith(".handlebars", StringComparison.Ordinal))
        {
            return PromptFileKind.Handlebars;
        }

        if (ToolFolderFiles.Matches(normalized) || CursorToolFiles.Matches(normalized) || PromptFileSniffer.IsAgentFileName(normalized, name))
        {
            return PromptFileKind.Agent;
        }

        if (name.EndsWith(".yaml", StringComparison.Ordinal) || name.EndsWith(".yml", StringComparison.Ordinal))
        {
            return PromptFileKind.SemanticKernelYaml;
        }

        if (name.EndsWith(".txt", StringComparison.Ordinal) || name.EndsWith(".md", StringComparison.Ordinal))
        {
            return PromptFileKind.Text;
        }

        return PromptFileKind.Unknown;
    }
}
