using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using PromptLint.Core.Model;

namespace PromptLint.Core.FrontEnds;

/// <summary>
/// Semantic Kernel's chat-prompt syntax: a rendered prompt holding <c>&lt;message role="…"&gt;…&lt;/message&gt;</c> tags is
/// sent as one message per tag (the tags themselves are not sent, nor is text outside them). Shared by the prompt-file
/// front end and the C# front end, so a template counts the same in a file and in a string.
/// </summary>
public static class ChatPromptTags
{
    private static readonly Regex MessageTag = new(@"<message\s+role\s*=\s*[""']([A-Za-z]+)[""']\s*>([\s\S]*?)</message>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <summary>The messages of <paramref name="text"/>, each body trimmed as Semantic Kernel trims it; empty when it has no tags.</summary>
    public static IReadOnlyList<(PromptRole Role, string Body)> Split(string text)
        => Messages(text).Select(m => (m.Role, m.Body)).ToList();

    /// <summary>As <see cref="Split"/>, with where each trimmed body starts in <paramref name="text"/>.</summary>
    public static IReadOnlyList<(PromptRole Role, string Body, int Start)> Messages(string text)
    {
        // Only up to the last closing tag: every '<message>' after it would otherwise scan to the end of the text for
        // one, which is quadratic in a text of unclosed tags.
        var lastClose = text.LastIndexOf("</message>", StringComparison.OrdinalIgnoreCase);
        if (lastClose < 0)
        {
            return Array.Empty<(PromptRole, string, int)>();
        }

        return MessageTag.Matches(text.Substring(0, lastClose + "</message>".Length)).Cast<Match>()
            .Select(match =>
            {
                var body = match.Groups[2];
                var leading = body.Value.Length - body.Value.TrimStart().Length;
                return (PromptRoles.Parse(match.Groups[1].Value) ?? PromptRole.User, body.Value.Trim(), body.Index + leading);
            })
            .ToList();
    }
}
