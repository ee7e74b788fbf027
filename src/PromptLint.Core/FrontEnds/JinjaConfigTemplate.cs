using System;
using System.Text.RegularExpressions;

namespace PromptLint.Core.FrontEnds;

/// <summary>
/// A Jinja file the default globs took that renders a configuration file rather than a prompt, told by its content:
/// outside a prompts folder, not named as a prompt, with no role line and no <c>&lt;message&gt;</c> tag, it either uses
/// a configuration tool's variables (Ansible's <c>ansible_managed</c>, <c>hostvars</c>, <c>inventory_hostname</c>,
/// <c>groups[…]</c>, <c>ansible_*</c> facts; Salt's <c>grains</c>, <c>pillar</c>, <c>salt[…]</c>) or has no line of
/// prose in its first kilobytes (a line of five or more words or a sentence of two or more, mostly words, that is not a comment or a
/// <c>key=value</c> setting) while it has text outside Jinja's tags. A prompt is instructions in prose; a cron entry, a
/// logrotate stanza or an ini file is not. A template of holes only (<c>{{prompt_text}}</c>), or one that defines macros or
/// imports or includes other templates, stays a prompt.
/// </summary>
internal static class JinjaConfigTemplate
{
    private static readonly Regex ToolVariables = new(@"\b(ansible_\w+|hostvars\s*\[|inventory_hostname|groups\s*\[|grains\s*[\[.]|pillar\s*[\[.]|salt\s*\[)", RegexOptions.CultureInvariant);
    private static readonly Regex Expressions = new(@"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", RegexOptions.CultureInvariant);
    private static readonly Regex Word = new(@"^[(""'“‘*_]*[A-Za-z][A-Za-z'’-]*[)""'”’*_.,;:!?]*$", RegexOptions.CultureInvariant);
    private static readonly Regex Composition = new(@"\{%-?\s*(macro|import|from|include)\s", RegexOptions.CultureInvariant);
    private static readonly Regex Setting = new(@"^[\w.\-\[\]]+\s*=", RegexOptions.CultureInvariant);

    /// <summary>True when <paramref name="head"/> of the Jinja file at <paramref name="path"/> is a configuration template.</summary>
    public static bool Matches(string path, string head)
    {
        var lower = path.Replace('\\', '/').ToLowerInvariant();
        var name = lower.Substring(lower.LastIndexOf('/') + 1);
        if (name.IndexOf("prompt", StringComparison.Ordinal) >= 0 || lower.StartsWith("prompts/", StringComparison.Ordinal) || lower.IndexOf("/prompts/", StringComparison.Ordinal) >= 0
            || JinjaPageTemplate.HasMessages(head))
        {
            return false;
        }

        return ToolVariables.IsMatch(head) || !Composes(head) && !HasProse(head, out var hasStaticText) && hasStaticText;
    }

    // A template that builds on other templates (macros, imports, includes) is part of a prompt set, whatever its own
    // text: the prose may sit in the files it uses.
    private static bool Composes(string head) => Composition.IsMatch(head);

    // Whether a line reads as prose; hasStaticText: whether anything is written outside Jinja's tags at all (a
    // template of holes only, "{{prompt_text}}", composes a prompt and is not a configuration file).
    private static bool HasProse(string head, out bool hasStaticText)
    {
        hasStaticText = false;
        foreach (var raw in head.Split('\n'))
        {
            var line = Expressions.Replace(raw, " ").Trim();
            hasStaticText |= line.Length > 0;
            if (line.Length == 0 || line.StartsWith("#", StringComparison.Ordinal) || line.StartsWith("//", StringComparison.Ordinal) || line.StartsWith(";", StringComparison.Ordinal)
                || line.StartsWith("--", StringComparison.Ordinal) || line.StartsWith("<!--", StringComparison.Ordinal) || Setting.IsMatch(line))
            {
                continue;
            }

            var tokens = line.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
            var words = 0;
            foreach (var token in tokens)
            {
                words += Word.IsMatch(token) ? 1 : 0;
            }

            // Five words and more, or a short sentence ("Never delete files."), mostly words either way.
            var sentence = words >= 2 && line[line.Length - 1] is '.' or '!' or '?';
            if ((words >= 5 || sentence) && words * 10 >= tokens.Length * 6)
            {
                return true;
            }
        }

        return false;
    }
}
