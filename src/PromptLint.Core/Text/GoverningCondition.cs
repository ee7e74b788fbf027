using System.Text.RegularExpressions;
using PromptLint.Core.Model;

namespace PromptLint.Core.Text;

/// <summary>
/// The explicit condition an instruction sits under: the list item (with its continuation lines) or the paragraph that
/// holds the sentence, when that item or paragraph opens with "If", "When", "Whenever" or "Unless". In "- If a value is
/// used once, keep it inline. Do not add a blank line." the second sentence is said under the item's condition.
/// </summary>
internal static class GoverningCondition
{
    private const int MaxLinesUp = 12;

    private static readonly Regex Bullet = new(@"^[ \t]*(?:[-*+•]|\d{1,3}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?", RegexOptions.CultureInvariant);
    private static readonly Regex Heading = new(@"^[ \t]{0,3}#", RegexOptions.CultureInvariant);
    private static readonly Regex OpensWithCondition = new(@"^(?:\*\*|_)?(?:if|when|whenever|unless)\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    /// <summary>
    /// Where the conditional item or paragraph holding <paramref name="sentence"/> starts in its message's static text,
    /// or -1 when the sentence is under no such condition (or its block is too long to tell).
    /// </summary>
    public static int Of(PromptTemplate template, StaticTextUnit sentence)
    {
        var text = StaticTextUnits.TextOf(template, sentence.Message);
        if (sentence.Start > text.Length)
        {
            return -1;
        }

        var lineStart = sentence.Start == 0 ? 0 : text.LastIndexOf('\n', sentence.Start - 1) + 1;
        for (var lines = 0; lines < MaxLinesUp; lines++)
        {
            var lineEnd = text.IndexOf('\n', lineStart);
            var line = text.Substring(lineStart, (lineEnd < 0 ? text.Length : lineEnd) - lineStart);
            var marker = Bullet.Match(line);
            // The block starts at a list marker, or at the first line of a paragraph (after a blank line, a heading or the start).
            var previousBlank = lineStart == 0 || IsBreak(PreviousLine(text, lineStart));
            if (marker.Success || previousBlank)
            {
                return OpensWithCondition.IsMatch(line.Substring(marker.Success ? marker.Length : 0).TrimStart()) ? lineStart : -1;
            }

            lineStart = text.LastIndexOf('\n', lineStart - 2) + 1;
        }

        return -1;
    }

    private static string PreviousLine(string text, int lineStart)
    {
        var start = lineStart < 2 ? 0 : text.LastIndexOf('\n', lineStart - 2) + 1;
        return text.Substring(start, lineStart - 1 - start);
    }

    private static bool IsBreak(string line) => line.Trim().Length == 0 || Heading.IsMatch(line);
}
