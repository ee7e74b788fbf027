using System;

namespace PromptLint.Core.FrontEnds;

/// <summary>
/// A YAML file in a prompts folder (<c>.github/prompts/</c>, <c>prompts/</c>, <c>Prompts/</c>) that is neither GitHub
/// Models nor Semantic Kernel YAML but plainly holds a prompt by its top-level keys: a <c>messages:</c> or <c>input:</c>
/// list of <c>role</c>/<c>content</c> items, or <c>system_prompt:</c>, <c>systemPrompt:</c>, <c>user_prompt:</c>,
/// <c>userPrompt:</c> or <c>prompt:</c> text. A line scan of the first kilobytes (no YAML is parsed here); YAML with the
/// keys of a workflow or an evaluation config is never one, and any other YAML in those folders stays silent.
/// </summary>
internal static class YamlPromptShape
{
    /// <summary>The top-level keys whose text is a system message.</summary>
    internal static readonly string[] SystemKeys = { "system_prompt", "systemPrompt" };

    /// <summary>The top-level keys whose text is a user message.</summary>
    internal static readonly string[] UserKeys = { "user_prompt", "userPrompt", "prompt" };

    /// <summary>The top-level keys holding a list of role/content messages.</summary>
    internal static readonly string[] MessageListKeys = { "messages", "input" };

    // A CI workflow, a promptfoo or other evaluation config, a compose or deployment file: configuration, even in a prompts folder.
    private static readonly string[] ConfigurationKeys = { "on", "jobs", "steps", "providers", "tests", "prompts", "services", "apiVersion", "kind", "evaluators", "scenarios" };

    /// <summary>True for a YAML file in a prompts folder whose first kilobytes show a prompt's keys.</summary>
    public static bool Matches(string path, string head)
    {
        if (!PromptFileSniffer.InPromptsFolder(path) || Array.Exists(ConfigurationKeys, k => PromptFileKinds.HasTopLevelKey(head, k)))
        {
            return false;
        }

        if (Array.Exists(MessageListKeys, k => PromptFileKinds.HasTopLevelKey(head, k)))
        {
            return HasListItemKey(head, "role") && HasItemKey(head, "content");
        }

        return Array.Exists(SystemKeys, k => PromptFileKinds.HasTopLevelKey(head, k)) || Array.Exists(UserKeys, k => PromptFileKinds.HasTopLevelKey(head, k));
    }

    // "  - role: user" (the item's first key), indented or not.
    private static bool HasListItemKey(string head, string key)
    {
        foreach (var line in head.Split('\n'))
        {
            var trimmed = line.TrimStart(' ');
            if (trimmed.StartsWith("- ", StringComparison.Ordinal) && trimmed.Substring(2).TrimStart(' ').StartsWith(key + ":", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    // "    content: …" or "  - content: …": an item's key at any indentation.
    private static bool HasItemKey(string head, string key)
    {
        foreach (var line in head.Split('\n'))
        {
            var trimmed = line.TrimStart(' ');
            if (trimmed.StartsWith("- ", StringComparison.Ordinal))
            {
                trimmed = trimmed.Substring(2).TrimStart(' ');
            }

            if (line.Length > 0 && line[0] == ' ' || line.StartsWith("- ", StringComparison.Ordinal))
            {
                if (trimmed.StartsWith(key + ":", StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
