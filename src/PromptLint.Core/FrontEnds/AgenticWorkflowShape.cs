using System;

namespace PromptLint.Core.FrontEnds;

/// <summary>
/// GitHub agentic workflows (<c>gh aw</c>): a Markdown file whose YAML front matter says when the workflow runs
/// (<c>on:</c>) and how the agent runs (<c>engine:</c>, <c>tools:</c>, <c>safe-outputs:</c>), and whose body is the
/// prompt the agent is given. In <c>.github/workflows/</c>, where <c>gh aw</c> compiles them, <c>on:</c> with any of the
/// three is enough; elsewhere only <c>on:</c> together with <c>engine:</c> is unambiguous (an <c>on:</c> and
/// <c>tools:</c> alone could be any page's front matter), and anything less is not a prompt. A workflow's <c>.yml</c>
/// is never read: it is CI configuration.
/// </summary>
internal static class AgenticWorkflowShape
{
    /// <summary>True when <paramref name="head"/>, the start of the <c>.md</c> at <paramref name="path"/>, is an agentic workflow.</summary>
    public static bool Matches(string path, string head)
    {
        if (!path.EndsWith(".md", StringComparison.OrdinalIgnoreCase) || PromptFileSniffer.FrontMatterKeys(head) is not { } frontMatter || !Has(frontMatter, "on"))
        {
            return false;
        }

        return Has(frontMatter, "engine") || InWorkflowsFolder(path) && (Has(frontMatter, "tools") || Has(frontMatter, "safe-outputs"));
    }

    /// <summary>True for a file directly in a <c>.github/workflows/</c> folder.</summary>
    public static bool InWorkflowsFolder(string path)
    {
        var parts = path.Replace('\\', '/').ToLowerInvariant().Split('/');
        return parts.Length >= 3 && parts[parts.Length - 2] == "workflows" && parts[parts.Length - 3] == ".github";
    }

    // A root key, also quoted ("on": YAML 1.1 reads a bare on as true, so some authors quote it).
    private static bool Has(string frontMatter, string key)
        => PromptFileSniffer.HasKey(frontMatter, key) || PromptFileSniffer.HasKey(frontMatter, "\"" + key + "\"") || PromptFileSniffer.HasKey(frontMatter, "'" + key + "'");
}
