using System;

namespace PromptLint.Core.FrontEnds;

/// <summary>
/// Cursor's own prompt files outside <c>.cursor/rules/</c>: custom commands (every <c>.md</c> in
/// <c>.cursor/commands/</c>, at any depth: plain Markdown the user runs as <c>/name</c>, no front matter needed) and Bugbot
/// review rules (<c>.cursor/BUGBOT.md</c>, in the repository's <c>.cursor</c> folder or a nested one). Cursor reads every
/// such file, so the folder settles the kind; they are read as agent files.
/// </summary>
internal static class CursorToolFiles
{
    /// <summary>True for a <c>.md</c> in a <c>.cursor/commands/</c> folder, or a <c>BUGBOT.md</c> in a <c>.cursor</c> folder.</summary>
    public static bool Matches(string path)
    {
        var lower = path.Replace('\\', '/').ToLowerInvariant();
        if (!lower.EndsWith(".md", StringComparison.Ordinal))
        {
            return false;
        }

        return At(lower, ".cursor/commands/") >= 0 || lower.EndsWith("/.cursor/bugbot.md", StringComparison.Ordinal) || lower == ".cursor/bugbot.md";
    }

    private static int At(string lower, string folder)
        => lower.StartsWith(folder, StringComparison.Ordinal) ? 0 : lower.IndexOf("/" + folder, StringComparison.Ordinal);
}
