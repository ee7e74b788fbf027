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
}

/// <summary>Tells a prompt file's kind from its name or an explicit kind name.</summary>
public static class PromptFileKinds
{
    /// <summary>Parses an explicit kind (<c>prompty</c>, <c>sk-yaml</c>, <c>skprompt</c>, <c>github</c>, <c>text</c>, <c>tools</c>); null when the text names none.</summary>
    public static PromptFileKind? Parse(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        "prompty" => PromptFileKind.Prompty,
        "sk-yaml" or "semantic-kernel" => PromptFileKind.SemanticKernelYaml,
        "skprompt" => PromptFileKind.SemanticKernelPrompt,
        "github" or "prompt.yml" => PromptFileKind.GitHubModels,
        "text" or "txt" or "md" => PromptFileKind.Text,
        "verbatim" or "raw" => PromptFileKind.Verbatim,
        "tools" => PromptFileKind.ToolSchema,
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

        return kind;
    }

    // A key at column 1 of a line ("template:" / "template :"), the way a YAML mapping's root keys are written; a line scan,
    // so no YAML is parsed twice and bad YAML still goes to the front end that reports it.
    private static bool HasTopLevelKey(string text, string key)
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
    /// The kind a file is read as: the one its <c>PromptLintKind</c> names, else the one its name tells; a
    /// <c>.prompt.yaml</c> name is GitHub Models' and Semantic Kernel's, so then the text tells them apart (unless the
    /// file is over <paramref name="maxCharacters"/>, which is refused before its text is read).
    /// </summary>
    /// <param name="kindName">The explicit kind (<c>auto</c>, empty or null to detect).</param>
    /// <param name="path">The file's path.</param>
    /// <param name="length">The text's length.</param>
    /// <param name="text">Gives the text, asked for only when the name is ambiguous.</param>
    /// <param name="maxCharacters">The longest file read.</param>
    public static PromptFileKind Resolve(string? kindName, string path, int length, Func<string> text, int maxCharacters)
    {
        var named = Parse(kindName);
        var kind = named ?? Detect(path);
        if (kind == PromptFileKind.GitHubModels && named is null && length <= maxCharacters)
        {
            kind = Detect(path, text());
        }

        return kind;
    }

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

        if (name.EndsWith(".tools.json", StringComparison.Ordinal))
        {
            return PromptFileKind.ToolSchema;
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
