using System.Text;

namespace PromptLint.Fuzzing;

/// <summary>Random edits of a real file: the kind of damage merges, editors, encodings and copy-paste do, and worse.</summary>
internal static class Mutations
{
    /// <summary>Pieces that mean something to one of the parsers or rules, or to none of them on purpose.</summary>
    public static readonly string[] Tokens =
    {
        "\0", "\uFEFF", "\uD800", "\uDC00", "\uDBFF\uDFFF", "\\ud800", "\\udc00", "\\u0000", "\\uFFFF", "\u2028", "\u0085", "\u00A0", "\u200B", "\U0001F600",
        "{{", "}}", "{{$input}}", "{{ x }}", "{{#if a}}", "{{else}}", "{{/if}}", "{{#each items}}", "{{/each}}", "{{!--", "--}}", "{%", "%}", "{% if x %}", "{% else %}", "{% endif %}", "{% for i in x %}", "{% endfor %}", "{#", "#}",
        "<message role=\"user\">", "<message role=\"system\">", "</message>", "<message", "role=", "<![CDATA[", "]]>", "<!--", "-->",
        "---", "\n---\n", "...", "<<<<<<< HEAD\n", "=======\n", ">>>>>>> feature\n", "|||||||\n",
        "2147483647", "2147483648", "-2147483648", "-2147483649", "4294967296", "9223372036854775807", "9223372036854775808", "1e309", "-1e309", "1e-400", "-0", "0x7FFFFFFF", "NaN", "Infinity", "100000001",
        "&a ", "*a", "<<: *a", "!!binary ", "!!str ", "!<tag:x> ", "? ", "%YAML 1.2\n", "%TAG ! x\n", "|", ">-", "|+", "'", "\"", "`", "```", "```json\n", "```xml\n", "~~~",
        "[", "]", "{", "}", ":", ": ", ",", "- ", "-", "#", "\t", "\r", "\r\n", "\n", "\n\n\n", "\\", "\\\\", "\\\"", "/*", "*/", "//",
        "max_tokens", "max_completion_tokens", "maxOutputTokens", "model", "temperature", "messages", "template", "template_format", "input_variables", "execution_settings", "tools", "functions", "parameters", "properties", "required", "additionalProperties", "description", "name", "type", "enum", "default", "$ref", "items", "anyOf", "inputSchema", "input_schema",
        "schemaVersion", "prompts", "id", "staticTokens", "staticPrefixTokens", "toolSchemaTokens", "contentHash", "tokenizer", "sha256:", "models", "cacheRules", "contextWindow", "cachedInput", "cacheWrite", "batchInput", "minPrefixTokens", "stepTokens", "modelPrefix", "asOf", "source",
    };

    /// <summary>Characters whose long runs have made scanners slow.</summary>
    public const string RunCharacters = " .{}[]-#*`\n|,\"\\0a<>:!?=_~^&%$@'\t";

    /// <summary>Applies one to eight random edits.</summary>
    public static string Mutate(string text, Random rng)
    {
        var count = 1 + rng.Next(8);
        for (var i = 0; i < count; i++)
        {
            text = MutateOnce(text, rng);
        }

        return text;
    }

    private static string MutateOnce(string text, Random rng)
    {
        var at = rng.Next(text.Length + 1);
        var span = rng.Next(Math.Min(text.Length - at, 1 + rng.Next(200)) + 1);
        switch (rng.Next(12))
        {
            case 0: // delete a span
                return text.Remove(at, span);
            case 1: // duplicate a span somewhere
                return text.Insert(text.Length == 0 ? 0 : rng.Next(text.Length + 1), text.Substring(at, span));
            case 2:
            case 3: // insert a meaningful token
                return text.Insert(at, Tokens[rng.Next(Tokens.Length)]);
            case 4: // replace a character with any UTF-16 unit, controls and surrogates included
                return text.Length == 0 ? ((char)rng.Next(0x10000)).ToString() : text.Remove(Math.Min(at, text.Length - 1), 1).Insert(Math.Min(at, text.Length - 1), ((char)rng.Next(0x10000)).ToString());
            case 5: // a run of one character or token
                var piece = rng.Next(3) == 0 ? Tokens[rng.Next(Tokens.Length)] : RunCharacters.Substring(rng.Next(RunCharacters.Length), 1);
                return text.Insert(at, Repeat(piece, 100 + rng.Next(rng.Next(2) == 0 ? 1_000 : 50_000)));
            case 6: // truncate
                return text.Substring(0, at);
            case 7: // mangle the bytes: flip some, then decode as UTF-8 (replacement characters) or Latin-1 (mojibake)
                var bytes = Encoding.UTF8.GetBytes(text);
                for (var i = 0; i < 1 + rng.Next(16) && bytes.Length > 0; i++)
                {
                    bytes[rng.Next(bytes.Length)] = (byte)rng.Next(256);
                }

                return rng.Next(2) == 0 ? Encoding.UTF8.GetString(bytes) : Encoding.Latin1.GetString(bytes);
            case 8: // other line endings
                return rng.Next(2) == 0 ? text.Replace("\n", "\r\n") : text.Replace("\n", "\r");
            case 9: // swap two halves
                return text.Substring(at) + text.Substring(0, at);
            case 10: // a number at an integer limit where a number is
                return ReplaceNumber(text, rng);
            default: // indent or dedent a line
                var line = text.LastIndexOf('\n', Math.Max(0, at - 1)) + 1;
                return rng.Next(2) == 0 ? text.Insert(line, new string(' ', 1 + rng.Next(8))) : (line < text.Length && text[line] == ' ' ? text.Remove(line, 1) : text);
        }
    }

    private static string ReplaceNumber(string text, Random rng)
    {
        var starts = new List<int>();
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsAsciiDigit(text[i]) && (i == 0 || !char.IsAsciiDigit(text[i - 1])))
            {
                starts.Add(i);
            }
        }

        if (starts.Count == 0)
        {
            return text;
        }

        var start = starts[rng.Next(starts.Count)];
        var end = start;
        while (end < text.Length && char.IsAsciiDigit(text[end]))
        {
            end++;
        }

        string[] limits = { "2147483647", "2147483648", "-1", "0", "4294967295", "9223372036854775808", "99999999999999999999999999", "1e309", "100000001" };
        return text.Substring(0, start) + limits[rng.Next(limits.Length)] + text.Substring(end);
    }

    public static string Repeat(string piece, int count)
    {
        var sb = new StringBuilder(piece.Length * count);
        for (var i = 0; i < count; i++)
        {
            sb.Append(piece);
        }

        return sb.ToString();
    }
}
