using System;

namespace PromptLint.Core.FrontEnds;

/// <summary>
/// A YAML file the default globs found is a Semantic Kernel prompt when its top-level <c>template</c> is text (a plain,
/// quoted or block scalar on the key's line) and a key Semantic Kernel's prompt schema defines sits beside it
/// (<c>template_format</c>, <c>input_variables</c>, <c>execution_settings</c>, <c>output_variable</c>,
/// <c>description</c>), or the file is in a <c>Prompts/</c> folder, where a top-level <c>template</c> key is enough (a
/// malformed one there gets PL0101). A manifest whose <c>template:</c> is a mapping (a pod template, a resource definition) or a
/// tool's configuration with a text <c>template</c> and none of those keys (a release-notes drafter) is not a prompt.
/// </summary>
internal static class SemanticKernelYamlShape
{
    private static readonly string[] Companions = { "template_format", "input_variables", "execution_settings", "output_variable", "description" };

    /// <summary>True when <paramref name="head"/> has Semantic Kernel's prompt shape.</summary>
    public static bool Matches(string head, bool inPromptsFolder)
    {
        // In a prompts folder a top-level template key is enough: a broken template there gets PL0101 with its line.
        if (inPromptsFolder)
        {
            return PromptFileKinds.HasTopLevelKey(head, "template");
        }

        if (!TemplateIsText(head))
        {
            return false;
        }

        foreach (var key in Companions)
        {
            if (PromptFileKinds.HasTopLevelKey(head, key))
            {
                return true;
            }
        }

        return false;
    }

    // The first top-level "template:" line has a value on the line itself: '|' or '>' (a block of text), or a quoted or
    // plain scalar of several words. Nothing after the colon (a nested mapping or list follows), a flow mapping/list, a
    // comment, a single word (a file path such as "{installed_path}/template.md", a name) or false/null is not text.
    private static bool TemplateIsText(string head)
    {
        var position = head.Length > 0 && head[0] == '\uFEFF' ? 1 : 0;
        while (position < head.Length)
        {
            var end = head.IndexOf('\n', position);
            end = end < 0 ? head.Length : end;
            if (string.CompareOrdinal(head, position, "template", 0, 8) == 0)
            {
                var i = position + 8;
                while (i < end && head[i] is ' ' or '\t')
                {
                    i++;
                }

                if (i < end && head[i] == ':')
                {
                    i++;
                    while (i < end && head[i] is ' ' or '\t' or '\r')
                    {
                        i++;
                    }

                    return i < end && IsPromptText(head.Substring(i, end - i).TrimEnd());
                }
            }

            position = end + 1;
        }

        return false;
    }

    private static bool IsPromptText(string value)
    {
        if (value.Length == 0 || value[0] is '#' or '{' or '[')
        {
            return false;
        }

        if (value[0] is '|' or '>')
        {
            return true;
        }

        // A plain scalar ends where " #" starts a comment ("template: false # action workflow").
        var comment = value[0] is '"' or '\'' ? -1 : value.IndexOf(" #", StringComparison.Ordinal);
        value = comment > 0 ? value.Substring(0, comment).TrimEnd() : value;
        var text = value.Length >= 2 && value[0] is '"' or '\'' ? value.Substring(1, value.Length - 2) : value;
        return text.Trim().IndexOf(' ') > 0;
    }
}
