using System;
using System.Text.RegularExpressions;

namespace PromptLint.Core.FrontEnds;

/// <summary>
/// Reference material of an agent skill: a Markdown file in a <c>references/</c>, <c>reference/</c>, <c>examples/</c> or
/// <c>docs/</c> folder below a skill (<c>skills/&lt;name&gt;/references/prompt-caching.md</c>). The agent reads it on
/// demand, as documentation; a name with "prompt" in it does not make it a prompt. It is taken only when its text
/// addresses the model as a system prompt does ("You are …" opening a line near its start).
/// </summary>
internal static class SkillReferenceFiles
{
    private const int AddressWindow = 1500;

    private static readonly Regex AddressesTheModel = new(@"(?:^|\n)[ \t]*(?:>[ \t]*)?(?:\*\*|_)?(?:you are|you're|your role is|act as)\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    /// <summary>True for a <c>.md</c> in a reference or example folder at least two folders below a <c>skills/</c> folder.</summary>
    public static bool IsReferenceMaterial(string path)
    {
        if (!path.EndsWith(".md", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var parts = path.Replace('\\', '/').ToLowerInvariant().Split('/');
        var skills = Array.IndexOf(parts, "skills");
        if (skills < 0)
        {
            return false;
        }

        for (var i = skills + 2; i < parts.Length - 1; i++)
        {
            if (parts[i] is "references" or "reference" or "examples" or "docs")
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when a line near the start of <paramref name="head"/> speaks to the model ("You are ACE, …").</summary>
    public static bool SpeaksToTheModel(string head)
        => AddressesTheModel.IsMatch(head.Length > AddressWindow ? head.Substring(0, AddressWindow) : head);
}
