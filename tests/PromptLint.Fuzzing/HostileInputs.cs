using System.Text;

namespace PromptLint.Fuzzing;

/// <summary>
/// Inputs made to hurt: deep nesting (JSON and YAML, block and flow), YAML alias bombs, huge scalars and files,
/// 100,000 template holes, runs of one character, conflict markers, numbers past every integer limit. Each is put
/// where the target's format reads it (a YAML value, a template body, a tool description, a baseline entry).
/// </summary>
public static class HostileInputs
{
    /// <summary>A hostile input for <paramref name="target"/>.</summary>
    internal static string Make(FuzzTarget target, Random rng, int maxSize)
    {
        if (target.Name == "baseline" && rng.Next(4) == 0)
        {
            return ManyBaselineEntries(rng);
        }

        var core = Core(rng, target.Format, maxSize);
        return (target.Name, rng.Next(3)) switch
        {
            (_, 0) => core, // the whole file
            ("prompty", _) => "---\nname: fuzz\nmodel:\n  api: chat\n  configuration:\n    model: gpt-4o\n  parameters:\n    max_tokens: 100\ninputs:\n  x: " + core + "\n---\nsystem:\n" + core + "\nuser:\n{{x}}\n",
            ("sk-yaml", _) => "name: Fuzz\ntemplate_format: handlebars\ntemplate: |\n  " + core.Replace("\n", "\n  ") + "\ninput_variables:\n  - name: x\n    default: " + core + "\nexecution_settings:\n  default:\n    max_tokens: 100\n",
            ("github", _) => "name: fuzz\nmodel: openai/gpt-4o\nmodelParameters:\n  max_tokens: 100\nmessages:\n  - role: system\n    content: |\n      " + core.Replace("\n", "\n      ") + "\n  - role: user\n    content: " + core + "\n",
            ("tools", _) => "[{\"type\":\"function\",\"function\":{\"name\":\"f\",\"description\":" + JsonString(core) + ",\"parameters\":{\"type\":\"object\",\"properties\":{\"a\":" + (rng.Next(2) == 0 ? core : "{\"type\":\"string\",\"description\":" + JsonString(core) + "}") + "}}}}]",
            ("baseline", _) => "{\n  \"schemaVersion\": 1,\n  \"prompts\": [\n    {\"id\":" + JsonString(core) + ",\"tokenizer\":\"o200k_base\",\"staticTokens\":" + Number(rng) + ",\"staticPrefixTokens\":" + Number(rng) + ",\"toolSchemaTokens\":0,\"contentHash\":\"sha256:4bb70feb2f2caa5011b6948a184a1089\"},\n    " + core + "\n  ]\n}\n",
            ("model-data", _) => "{\"models\":[{\"id\":" + JsonString(core) + ",\"provider\":\"openai\",\"contextWindow\":" + Number(rng) + ",\"maxOutputTokens\":" + Number(rng) + ",\"input\":" + Number(rng) + ",\"output\":1,\"source\":\"x\",\"asOf\":\"2026-01-01\"}," + core + "],\"cacheRules\":[{\"provider\":\"openai\",\"modelPrefix\":\"gpt\",\"minPrefixTokens\":" + Number(rng) + ",\"stepTokens\":" + Number(rng) + ",\"source\":\"x\",\"asOf\":\"2026-01-01\"}," + core + "]}",
            _ => "You are a helpful assistant.\n\n" + core + "\n\n{{$input}}\n",
        };
    }

    private static string Core(Random rng, string format, int maxSize)
    {
        var depth = new[] { 65, 200, 1_000, 10_000, 100_000 }[rng.Next(5)];
        var size = Math.Max(1_000, rng.Next(2) == 0 ? rng.Next(100_000) : maxSize);
        switch (rng.Next(20))
        {
            case 0: return Mutations.Repeat("[", depth) + (rng.Next(2) == 0 ? "1" + Mutations.Repeat("]", depth) : string.Empty);
            case 1: return Mutations.Repeat("{\"a\":", depth) + "1" + Mutations.Repeat("}", rng.Next(2) == 0 ? depth : 0);
            case 2: return Mutations.Repeat("{a: ", depth) + "b" + Mutations.Repeat("}", depth);
            case 3: return Mutations.Repeat("- ", depth) + "x"; // block sequences nested on one line
            case 4: return BlockMapping(Math.Min(depth, 2_000));
            case 5: return AliasBomb(rng);
            case 6:
                var piece = new[] { "word ", "x", "\u00E9", "\U0001F600", "\uD800", "<b>", "0" }[rng.Next(7)];
                return Mutations.Repeat(piece, Math.Max(1, size / piece.Length));
            case 7: return Mutations.Repeat(new[] { "{{x}} ", "{{$x}}", "{x}", "{{ x }}", "{{#if a}}y{{else}}z{{/if}}", "{% if a %}b{% endif %}", "{{", "{%" }[rng.Next(8)], rng.Next(2) == 0 ? 100_000 : 10_000);
            case 8: return Mutations.Repeat(Mutations.RunCharacters.Substring(rng.Next(Mutations.RunCharacters.Length), 1), size);
            case 9: return "<<<<<<< HEAD\nAlways answer in English.\n=======\nAlways answer in French.\n>>>>>>> feature\n" + Mutations.Repeat("<<<<<<< a\n=======\n>>>>>>> b\n", rng.Next(1_000));
            case 10: return string.Join(", ", Enumerable.Range(0, 1 + rng.Next(1_000)).Select(_ => Number(rng)));
            case 11: return Lines(rng, size);
            case 12: return "[" + string.Join(",", Enumerable.Range(0, 1 + rng.Next(5_000)).Select(i => "{\"id\":" + i + ",\"name\":\"item " + i + "\",\"price\":" + Number(rng) + "}")) + "]";
            case 13: return ManyTools(rng.Next(2) == 0 ? 10 : 2_000);
            case 14: return "\uFEFF\uFEFF\0\0" + Encoding.Latin1.GetString(Enumerable.Range(0, 2_000).Select(_ => (byte)rng.Next(256)).ToArray());
            case 15: return ContradictedInstructions(rng);
            case 16: return AliasExpansion(rng);
            case 17: return ManyBadConfigValues(rng);
            case 18: return NotUtf8(rng, size);
            default: return "```json\n{\"a\": \"\\ud800\", \"b\": [1, 2, 3], \"c\": \"\\udc00\\u0000\"}\n```\n" + "```xml\n<a><b>\uD800</b></a>\n```\n";
        }
    }

    // Issue 30: thousands of "Always …"/"Never …" pairs made PL0019 quadratic (16.7 s for 2,000 pairs), restatements
    // and amounts with other numbers included.
    private static string ContradictedInstructions(Random rng)
    {
        var sb = new StringBuilder();
        var pairs = new[] { 100, 1_000, 5_000, 10_000 }[rng.Next(4)];
        var subjects = rng.Next(2) == 0 ? pairs : 1 + rng.Next(20);
        for (var i = 0; i < pairs; i++)
        {
            var subject = rng.Next(subjects);
            sb.Append(rng.Next(6) switch
            {
                0 => $"Always use the tool number {subject} for reports.",
                1 => $"Never use the tool number {subject} for reports.",
                2 => $"- Do not use the tool number {subject}",
                3 => $"Keep the summary of item {subject} under {100 + rng.Next(3)} words.",
                4 => $"You must use the tool number {subject} for reports about item {i}.",
                _ => $"If the user asks, never use the tool number {subject}.",
            }).Append(rng.Next(5) == 0 ? "\n\n" : "\n");
        }

        return sb.ToString();
    }

    // Issue 30: one large anchor repeated by aliases expanded a 340 KB file to 100 MB of text.
    private static string AliasExpansion(Random rng)
    {
        var sb = new StringBuilder("anchor: &big \"").Append('x', new[] { 100, 10_000, 100_000 }[rng.Next(3)]).Append("\"\nitems:\n");
        var aliases = new[] { 10, 999, 1_001, 10_000 }[rng.Next(4)];
        for (var i = 0; i < aliases; i++)
        {
            sb.Append("  - { role: user, content: *big }\n");
        }

        return sb.ToString();
    }

    /// <summary>Issue 30: a config.json with thousands of invalid caps took 19.6 s (a reader pass per problem).</summary>
    public static string ManyBadConfigValues(Random rng)
    {
        var sb = new StringBuilder("{\n  \"execution_settings\": {\n");
        var count = new[] { 10, 1_000, 10_000, 50_000 }[rng.Next(4)];
        for (var i = 0; i < count; i++)
        {
            sb.Append("    \"s").Append(i).Append("\": { \"max_tokens\": ").Append(new[] { "\"lots\"", "-1", "0", "1e309", "null", "[1]" }[rng.Next(6)]).Append(" }").Append(i + 1 < count ? ",\n" : "\n");
        }

        return sb.Append("  }\n}\n").ToString();
    }

    // Issue 30: text that is not UTF-8 once it is bytes (the "bytes" target encodes chars up to U+00FF as one byte each):
    // Windows-1252 prose, or random bytes without a NUL (mostly not text).
    private static string NotUtf8(Random rng, int size)
    {
        if (rng.Next(2) == 0)
        {
            return Mutations.Repeat("Réponds en français, café, « guillemets » — s'il te plaît.\n", 1 + rng.Next(2_000));
        }

        var bytes = new byte[Math.Min(size, 20_000)];
        rng.NextBytes(bytes);
        return Encoding.Latin1.GetString(bytes.Select(b => b == 0 ? (byte)1 : b).ToArray());
    }

    private static string BlockMapping(int depth)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < depth; i++)
        {
            sb.Append(' ', i).Append("k").Append(i).Append(":\n");
        }

        return sb.Append(' ', depth).Append("v\n").ToString();
    }

    // Each level names the previous one nine times: 9^9 nodes if anything expands the aliases.
    private static string AliasBomb(Random rng)
    {
        var sb = new StringBuilder("a0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        var levels = 3 + rng.Next(7);
        for (var i = 1; i <= levels; i++)
        {
            sb.Append('a').Append(i).Append(": &a").Append(i).Append(" [").Append(string.Join(",", Enumerable.Repeat("*a" + (i - 1), 9))).Append("]\n");
        }

        return sb.ToString();
    }

    private static string Lines(Random rng, int size)
    {
        var sb = new StringBuilder();
        var i = 0;
        while (sb.Length < size)
        {
            sb.Append(rng.Next(4) switch
            {
                0 => "Always answer in English, even when the customer writes in another language.",
                1 => "Never answer in English",
                2 => "Write between 800 and " + (1_000 + rng.Next(500)) + " words",
                _ => "Line " + i,
            }).Append(rng.Next(3) == 0 ? "\n\n" : "\n");
            i++;
        }

        return sb.ToString();
    }

    // Entries whose counts are each allowed but add up past int.MaxValue, with ids that collide, escape and nest.
    private static string ManyBaselineEntries(Random rng)
    {
        var sb = new StringBuilder("{\n  \"schemaVersion\": 1,\n  \"prompts\": [\n");
        var count = 1 + rng.Next(5_000);
        for (var i = 0; i < count; i++)
        {
            var id = rng.Next(10) switch { 0 => "\\ud800", 1 => "dup", 2 => string.Empty, _ => "p" + i };
            sb.Append("    {\"id\":\"").Append(id).Append("\",\"tokenizer\":\"o200k_base\",\"staticTokens\":").Append(rng.Next(2) == 0 ? "100000000" : Number(rng))
                .Append(",\"staticPrefixTokens\":").Append(Number(rng)).Append(",\"toolSchemaTokens\":").Append(Number(rng)).Append(",\"contentHash\":\"sha256:00\"}")
                .Append(i + 1 < count ? ",\n" : "\n");
        }

        return sb.Append("  ]\n}\n").ToString();
    }

    private static string ManyTools(int count)
        => "[" + string.Join(",", Enumerable.Range(0, count).Select(i => "{\"type\":\"function\",\"function\":{\"name\":\"tool_" + i + "\",\"description\":\"Does thing " + i + ".\",\"parameters\":{\"type\":\"object\",\"properties\":{\"q\":{\"type\":\"string\",\"description\":\"The query.\"}},\"required\":[\"q\"],\"additionalProperties\":false}}}")) + "]";

    private static string Number(Random rng)
        => new[] { "0", "-1", "1", "2147483647", "2147483648", "-2147483649", "4294967296", "9223372036854775808", "1e309", "-1e309", "1.5", "100000000", "100000001", "1E+400", "99999999999999999999999" }[rng.Next(15)];

    public static string JsonString(string text)
    {
        var sb = new StringBuilder("\"");
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case < ' ': sb.Append("\\u").Append(((int)c).ToString("x4")); break;
                default:
                    if (char.IsSurrogate(c))
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4")); // lone or paired, escaped: the reader must cope
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        return sb.Append('"').ToString();
    }
}
