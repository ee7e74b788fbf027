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
        "tools" => PromptFileKind.ToolSchema,
        _ => null,
    };

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
