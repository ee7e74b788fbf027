using System;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace PromptLint.Core.Text;

/// <summary>
/// Finding JSON in a prompt's static text, shared by the rules that read it (PL0012, PL0018): bracketed blocks,
/// scanned with a budget, and the compact form written the way PromptLint writes JSON everywhere.
/// </summary>
internal static class JsonBlocks
{
    private static readonly JsonWriterOptions Compact = new() { Indented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// Offers <paramref name="take"/> every block of <paramref name="text"/> that opens with '{' or '[' and closes with
    /// its matching bracket (JSON strings skipped), as start and end index, in order. A block it takes (returns true
    /// for) is skipped whole; otherwise the scan goes on inside it.
    /// </summary>
    public static void Scan(string text, Func<int, int, bool> take)
    {
        // Brackets that never close make every later start scan to the end; a budget linear in the text's length
        // keeps that from going quadratic (blocks past it are missed, never invented).
        var budget = (8 * text.Length) + 10_000;
        for (var i = 0; i < text.Length && budget > 0; i++)
        {
            if (text[i] is not ('{' or '['))
            {
                continue;
            }

            var end = MatchingClose(text, i, ref budget);
            if (end >= 0 && take(i, end))
            {
                i = end;
            }
        }
    }

    /// <summary><paramref name="element"/> written on one line, non-ASCII characters as they are.</summary>
    public static string Write(JsonElement element)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, Compact))
        {
            element.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    // Index of the bracket closing the one at start, skipping JSON strings; -1 when it is not closed in the text.
    private static int MatchingClose(string text, int start, ref int budget)
    {
        var depth = 0;
        var inString = false;
        for (var i = start; i < text.Length; i++)
        {
            if (--budget < 0)
            {
                return -1;
            }

            var c = text[i];
            if (inString)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inString = false;
                }

                continue;
            }

            switch (c)
            {
                case '"':
                    inString = true;
                    break;
                case '{' or '[':
                    depth++;
                    break;
                case '}' or ']':
                    depth--;
                    if (depth == 0)
                    {
                        return i;
                    }

                    break;
            }
        }

        return -1;
    }
}
