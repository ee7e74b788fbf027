using System;

namespace PromptLint.Core.FrontEnds;

/// <summary>
/// Files whose name says they hold a prompt. A <c>.txt</c> with "prompt" anywhere in its name, in any case, is a
/// template (<c>Prompt.txt</c>, <c>Agent Prompt v1.2.txt</c>, <c>x-system-prompt-20250820.txt</c>): the default globs
/// take the common casings. A <c>.md</c> needs more: "prompt" as a word of its name (<c>COPILOT_PROMPT_Viewer.md</c>,
/// <c>review-prompt-v2.md</c>) and no word that names a page about prompts (<c>prompt-engineering-guide.md</c>,
/// <c>PROMPTS_README.md</c>); its content must then not be a documentation, navigation or catalogue page.
/// </summary>
internal static class PromptNamedFiles
{
    // Words that make a Markdown page about prompts rather than one.
    private static readonly string[] PageWords =
    {
        "readme", "guide", "guides", "engineering", "tutorial", "howto", "docs", "doc", "documentation", "notes", "overview",
        "index", "changelog", "tips", "practices", "reference", "library", "catalog", "catalogue", "collection", "list",
        "examples", "cheatsheet", "faq", "design", "history", "log",
    };

    /// <summary>True for a <c>.md</c> whose name has "prompt" as a word and no word of a page about prompts.</summary>
    public static bool IsMarkdownPromptName(string lowerName)
    {
        if (!lowerName.EndsWith(".md", StringComparison.Ordinal))
        {
            return false;
        }

        var words = lowerName.Substring(0, lowerName.Length - 3).Split(new[] { '_', '-', '.', ' ' }, StringSplitOptions.RemoveEmptyEntries);
        return Array.IndexOf(words, "prompt") >= 0 && !Array.Exists(words, w => Array.IndexOf(PageWords, w) >= 0);
    }
}
