using System;

namespace PromptLint.Core.Text;

/// <summary>HTML comments in a Markdown prompt.</summary>
public sealed partial class TextRegions
{
    /// <summary>
    /// Marks every HTML comment (<c>&lt;!-- … --&gt;</c>) outside code as <see cref="PromptRegionKind.Data"/>: a note to
    /// the prompt's readers or metadata a tool reads (<c>&lt;!-- {"id": "refund", "tags": [...]} --&gt;</c>), never an
    /// instruction and never the output format, so rules that judge prose leave it alone. A comment that is not closed is
    /// text. One pass: each search starts where the last one ended.
    /// </summary>
    private static void HtmlComments(string text, PromptRegionKind[] kinds)
    {
        var position = 0;
        while (position < text.Length)
        {
            var open = text.IndexOf("<!--", position, StringComparison.Ordinal);
            if (open < 0)
            {
                return;
            }

            var close = text.IndexOf("-->", open + 4, StringComparison.Ordinal);
            if (close < 0)
            {
                return;
            }

            var end = close + 3;
            if ((kinds[open] & (PromptRegionKind.Code | PromptRegionKind.InlineCode)) == 0)
            {
                for (var i = open; i < end; i++)
                {
                    kinds[i] |= PromptRegionKind.Data;
                }
            }

            position = end;
        }
    }
}
