using System;

namespace PromptLint.Core.FrontEnds;

/// <summary>
/// OpenAI function tools written as YAML, told by a line scan of the first kilobytes (no YAML is parsed here): one tool
/// at the root (<c>type: function</c> and <c>function:</c>), or a list of tools at the root or under a top-level
/// <c>tools:</c> key whose items are <c>- type: function</c> with a <c>function:</c> mapping, or <c>- name:</c> items with
/// <c>description:</c> and a <c>parameters:</c> JSON schema (<c>type: object</c>). YAML with the keys of a workflow, an
/// API description or a deployment is never one; the front end then keeps only the items of those exact shapes.
/// </summary>
internal static class YamlToolListShape
{
    private static readonly string[] ConfigurationKeys = { "on", "jobs", "steps", "openapi", "swagger", "apiVersion", "kind", "services", "hosts", "template", "messages" };

    /// <summary>True when the head shows a tool list (or one tool) in one of the shapes above.</summary>
    public static bool Matches(string head)
    {
        if (Array.Exists(ConfigurationKeys, k => PromptFileKinds.HasTopLevelKey(head, k)))
        {
            return false;
        }

        var lines = head.Replace("\r", string.Empty).Split('\n');
        if (HasLine(lines, l => l == "type: function" || l == "type: \"function\"" || l == "type: 'function'") && PromptFileKinds.HasTopLevelKey(head, "function"))
        {
            return true;
        }

        var list = RootIsList(lines) || PromptFileKinds.HasTopLevelKey(head, "tools");
        if (!list)
        {
            return false;
        }

        if (HasLine(lines, l => IsItem(l, "type: function") || IsItem(l, "type: \"function\"") || IsItem(l, "type: 'function'")) && HasLine(lines, l => l.TrimStart(' ').StartsWith("function:", StringComparison.Ordinal)))
        {
            return true;
        }

        return HasLine(lines, l => IsItem(l, "name:"))
            && HasLine(lines, l => l.TrimStart(' ').StartsWith("description:", StringComparison.Ordinal))
            && HasLine(lines, l => l.TrimStart(' ').StartsWith("parameters:", StringComparison.Ordinal))
            && HasLine(lines, l => l.Length > 0 && l[0] == ' ' && l.Trim() == "type: object");
    }

    private static bool HasLine(string[] lines, Predicate<string> test) => Array.Exists(lines, test);

    // "- name: …" or "  - type: function", at any indentation.
    private static bool IsItem(string line, string start)
    {
        var trimmed = line.TrimStart(' ');
        return trimmed.StartsWith("- ", StringComparison.Ordinal) && trimmed.Substring(2).TrimStart(' ').StartsWith(start, StringComparison.Ordinal);
    }

    // The first line that is not blank, a comment or a document marker starts a list item.
    private static bool RootIsList(string[] lines)
    {
        foreach (var line in lines)
        {
            if (line.Trim().Length == 0 || line.StartsWith("#", StringComparison.Ordinal) || line == "---")
            {
                continue;
            }

            return line.StartsWith("- ", StringComparison.Ordinal) || line == "-";
        }

        return false;
    }
}
