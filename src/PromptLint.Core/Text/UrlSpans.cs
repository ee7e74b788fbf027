using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace PromptLint.Core.Text;

/// <summary>
/// Where a text has URLs: a scheme followed by <c>://</c>, up to whitespace or a closing bracket, parenthesis, angle
/// bracket or quote. A URL's path is addressing, not data: its ids and slugs are there for the reader to follow.
/// </summary>
internal static class UrlSpans
{
    private static readonly Regex Url = new(@"\b[A-Za-z][A-Za-z0-9+.-]{1,20}://[^\s<>()\[\]{}""'`]+", RegexOptions.CultureInvariant);

    /// <summary>The start and end (exclusive) of every URL in <paramref name="text"/>, in order.</summary>
    public static IReadOnlyList<(int Start, int End)> Of(string text)
        => text.IndexOf("://", System.StringComparison.Ordinal) < 0
            ? System.Array.Empty<(int, int)>()
            : Url.Matches(text).Cast<Match>().Select(m => (m.Index, m.Index + m.Length)).ToList();
}
