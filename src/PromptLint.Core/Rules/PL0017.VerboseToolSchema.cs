using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using PromptLint.Contracts.Pricing;
using PromptLint.Contracts.Rules;
using PromptLint.Core.Engine;
using PromptLint.Core.Measuring;
using PromptLint.Core.Model;
using PromptLint.Counting.Tokenizers;
using static PromptLint.Core.Engine.StaticTextSaving;

namespace PromptLint.Core.Rules;

/// <summary>
/// PL0017: a tool's parameters schema spends tokens on what the provider ignores or what repeats itself: keywords
/// OpenAI function calling does not use (<c>default</c>, <c>examples</c>, <c>$schema</c>, a <c>title</c> that repeats
/// the property name), property descriptions that only repeat the property's name or another property's description,
/// and, when a limit is set, property descriptions longer than it. The tool's own
/// description is PL0009's. One finding per tool.
/// </summary>
public sealed class VerboseToolSchema : PromptRule
{
    /// <summary><c>promptlint.tool_schema_waste_min_tokens</c>.</summary>
    public static readonly RuleSetting<int> WasteMinTokens = RuleSetting.Positive("promptlint.tool_schema_waste_min_tokens", 10, "tokens a tool's schema must waste before it reports");

    /// <summary><c>promptlint.tool_property_description_max_tokens</c>.</summary>
    public static readonly RuleSetting<int?> PropertyDescriptionMaxTokens = RuleSetting.Optional("promptlint.tool_property_description_max_tokens", "long property descriptions, only when set");

    /// <summary>Its catalogue entry.</summary>
    internal static readonly RuleInfo Rule = new(
        RuleIds.VerboseToolSchema,
        "Verbose tool schema",
        RuleCategory.Cost,
        RuleSeverity.Info,
        RuleHost.Analyzer,
        hasFix: false,
        "Tool schemas are sent with every call; keywords the provider ignores ('default', 'examples', '$schema', a 'title' that repeats the name), descriptions that repeat a property's name or another property's, and (when promptlint.tool_property_description_max_tokens is set) long property descriptions cost tokens without telling the model more.",
        new[] { WasteMinTokens.Key, PropertyDescriptionMaxTokens.Key },
        ("default", "Tool '{tool}' of prompt '{prompt}' spends {tokens} per call{money} on schema text the model does not need: {parts}. Remove the ignored keywords and the repeated descriptions, and shorten long ones."));

    /// <inheritdoc/>
    public override RuleInfo Info => Rule;

    /// <inheritdoc/>
    public override IReadOnlyList<RuleSetting> Settings { get; } = new RuleSetting[] { WasteMinTokens, PropertyDescriptionMaxTokens };

    /// <inheritdoc/>
    public override bool Evaluates => true;

    // The order the message lists them in.
    private static readonly string[] KeywordOrder = { "default", "examples", "title", "$schema" };

    private static readonly JsonSerializerOptions Compact = new() { WriteIndented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>What a schema wastes: the keywords and descriptions found, and the tool JSON without the removable ones.</summary>
    public sealed class Waste
    {
        /// <summary>Ignored keywords removed, by keyword.</summary>
        public Dictionary<string, int> Keywords { get; } = new(StringComparer.Ordinal);

        /// <summary>Properties whose description only repeats their name.</summary>
        public List<string> NameOnly { get; } = new();

        /// <summary>Properties whose description is the same as an earlier sibling's.</summary>
        public List<string> Duplicates { get; } = new();

        /// <summary>Property descriptions over the limit: property and the description's tokens.</summary>
        public List<(string Property, int Tokens)> Long { get; } = new();

        /// <summary>The tool JSON as it was parsed, written compactly.</summary>
        public string Original { get; set; } = string.Empty;

        /// <summary>The tool JSON without the ignored keywords and the redundant descriptions.</summary>
        public string Rewritten { get; set; } = string.Empty;

        /// <summary>'pattern' keywords that only restate their schema's 'format' (a UUID regex beside "format": "uuid").</summary>
        public int FormatPatterns { get; set; }

        /// <summary>'minimum'/'maximum' bounds at an integer type's limit (9007199254740991): they constrain nothing.</summary>
        public int LimitBounds { get; set; }

        /// <summary>True when anything was found.</summary>
        public bool Any => Keywords.Count > 0 || NameOnly.Count > 0 || Duplicates.Count > 0 || Long.Count > 0 || FormatPatterns > 0 || LimitBounds > 0;
    }

    /// <summary>
    /// Reads one tool's wire JSON. <paramref name="reconstructed"/> skips the ignored keywords, which a reconstructed
    /// schema may hold only because PromptLint wrote them; <paramref name="descriptionTokens"/> counts a description.
    /// Null when the JSON has no parameters object.
    /// </summary>
    public static Waste? Analyze(string wireJson, bool reconstructed, Func<string, int> descriptionTokens, int descriptionMaxTokens)
    {
        try
        {
            return Analyze(JsonNode.Parse(wireJson) as JsonObject, reconstructed, descriptionTokens, descriptionMaxTokens);
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException)
        {
            // Not JSON, or JSON a JsonObject cannot hold (a property name twice: JsonObject throws when it is read).
            return null;
        }
    }

    private static Waste? Analyze(JsonObject? root, bool reconstructed, Func<string, int> descriptionTokens, int descriptionMaxTokens)
    {

        // Chat Completions {"type":"function","function":{…}}: strict only when it says so. Responses API flat
        // shape: strict unless it says "strict": false.
        var function = root?["function"] as JsonObject;
        var strict = function is not null ? IsTrue(function["strict"]) : root is not null && !IsFalse(root["strict"]);
        var owner = function ?? root;
        if (root is null || owner?["parameters"] is not JsonObject parameters)
        {
            return null;
        }

        var waste = new Waste { Original = root.ToJsonString(Compact) };
        Walk(parameters, (owner["name"] as JsonValue)?.TryGetValue<string>(out var n) == true ? n : null, waste, !reconstructed, strict, descriptionTokens, descriptionMaxTokens);
        waste.Rewritten = root.ToJsonString(Compact);
        return waste;
    }

    /// <inheritdoc/>
    internal override void Evaluate(RuleInput i) => Evaluate(i.Template, i.Measurement, i.Model, i.Registry, i.Settings, i.Findings);

    internal static void Evaluate(PromptTemplate template, PromptMeasurement m, ModelInfo? model, TokenizerRegistry registry, RuleSettings settings, List<RuleFinding> findings)
    {
        var encoding = registry.Resolve(m.Model).Encoding;
        for (var index = 0; index < template.Tools.Count; index++)
        {
            var tool = template.Tools[index];
            var max = settings.Get(PropertyDescriptionMaxTokens) ?? int.MaxValue;
            if (Analyze(tool.WireJson, template.Approximate, d => registry.Count(encoding, d), max) is not { Any: true } waste)
            {
                continue;
            }

            var saved = registry.Count(encoding, waste.Original) - registry.Count(encoding, waste.Rewritten)
                + waste.Long.Sum(l => l.Tokens - max);
            if (saved < settings.Get(WasteMinTokens))
            {
                continue;
            }

            findings.Add(new RuleFinding(Rule.Message, RuleTarget.Prompt, saved, ("tool", tool.Name), ("prompt", m.Id), ("tokens", Count(saved, "token")), ("money", Money(saved, model)), ("parts", string.Join("; ", Parts(waste, max)))).AboutTool(index));
        }
    }

    private static IEnumerable<string> Parts(Waste waste, int max)
    {
        if (waste.Keywords.Count > 0)
        {
            yield return "keywords the provider ignores (" + string.Join(", ", KeywordOrder.Where(waste.Keywords.ContainsKey).Select(k => waste.Keywords[k] == 1 ? $"'{k}'" : $"'{k}' ×{waste.Keywords[k]}")) + ")";
        }

        if (waste.NameOnly.Count > 0)
        {
            yield return $"{(waste.NameOnly.Count == 1 ? "a description" : "descriptions")} that only {(waste.NameOnly.Count == 1 ? "repeats" : "repeat")} the property name ({List(waste.NameOnly)})";
        }

        if (waste.Duplicates.Count > 0)
        {
            yield return $"{(waste.Duplicates.Count == 1 ? "a description" : "descriptions")} identical to another property's ({List(waste.Duplicates)})";
        }

        if (waste.FormatPatterns > 0)
        {
            yield return waste.FormatPatterns == 1 ? "a 'pattern' that restates its 'format'" : $"'pattern' ×{N(waste.FormatPatterns)} restating their 'format'";
        }

        if (waste.LimitBounds > 0)
        {
            yield return waste.LimitBounds == 1 ? "a bound at the integer limit, which constrains nothing" : $"{N(waste.LimitBounds)} bounds at the integer limit, which constrain nothing";
        }

        if (waste.Long.Count > 0)
        {
            yield return $"{(waste.Long.Count == 1 ? "a property description" : "property descriptions")} over {N(max)} tokens ({string.Join(", ", waste.Long.Select(l => $"{l.Property} {N(l.Tokens)}"))})";
        }
    }

    private static string List(IReadOnlyList<string> names) => string.Join(", ", names.Take(5)) + (names.Count > 5 ? ", …" : string.Empty);

    // Walks one schema object; name is the property (or definition, or tool) it describes. Property names are never
    // taken for keywords: only the schema's own keys are.
    private static void Walk(JsonObject schema, string? name, Waste waste, bool keywords, bool strict, Func<string, int> tokens, int max)
    {
        if (keywords)
        {
            foreach (var key in new[] { "examples", "$schema" })
            {
                Remove(schema, key, waste);
            }

            // A default is waste only where the description already says it ("Defaults to 10."); where it is the only
            // place the value is written, it tells the model what an omitted argument means (issue 29).
            if (schema["default"] is { } fallback && schema["description"] is JsonValue said && said.TryGetValue<string>(out var saidText) && Mentions(saidText, fallback))
            {
                Remove(schema, "default", waste);
            }

            if (schema["pattern"] is JsonValue pattern && pattern.TryGetValue<string>(out var regex)
                && schema["format"] is JsonValue format && format.TryGetValue<string>(out var formatName) && RestatesFormat(regex, formatName))
            {
                schema.Remove("pattern");
                waste.FormatPatterns++;
            }

            foreach (var bound in new[] { "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum" })
            {
                if (schema[bound] is JsonValue limit && limit.TryGetValue<double>(out var value) && Math.Abs(value) >= Int32Limit)
                {
                    schema.Remove(bound);
                    waste.LimitBounds++;
                }
            }

            if (name is not null && schema["title"] is JsonValue title && title.TryGetValue<string>(out var t) && string.Equals(Letters(t), Letters(name), StringComparison.Ordinal))
            {
                Remove(schema, "title", waste);
            }

            // 'additionalProperties' is never reported: strict mode requires it, MCP servers and schema generators write
            // it, and providers that validate arguments read it (issue 15: 'false' was reported as ignored).
        }

        if (schema["properties"] is JsonObject properties)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in properties.ToList())
            {
                if (property.Value is not JsonObject sub)
                {
                    continue;
                }

                if (sub["description"] is JsonValue value && value.TryGetValue<string>(out var description))
                {
                    if (RepeatsName(description, property.Key))
                    {
                        waste.NameOnly.Add(property.Key);
                        sub.Remove("description");
                    }
                    else if (!seen.Add(description.Trim()))
                    {
                        waste.Duplicates.Add(property.Key);
                        sub.Remove("description");
                    }
                    else if (tokens(description) is var count && count > max)
                    {
                        waste.Long.Add((property.Key, count));
                    }
                }

                Walk(sub, property.Key, waste, keywords, strict, tokens, max);
            }
        }

        if (schema["items"] is JsonObject items)
        {
            Walk(items, null, waste, keywords, strict, tokens, max);
        }

        if (schema["additionalProperties"] is JsonObject values)
        {
            Walk(values, null, waste, keywords, strict, tokens, max);
        }

        foreach (var key in new[] { "anyOf", "oneOf", "allOf" })
        {
            if (schema[key] is JsonArray alternatives)
            {
                foreach (var alternative in alternatives.OfType<JsonObject>())
                {
                    Walk(alternative, null, waste, keywords, strict, tokens, max);
                }
            }
        }

        foreach (var key in new[] { "$defs", "definitions" })
        {
            if (schema[key] is JsonObject definitions)
            {
                foreach (var definition in definitions.ToList())
                {
                    if (definition.Value is JsonObject d)
                    {
                        Walk(d, definition.Key, waste, keywords, strict, tokens, max);
                    }
                }
            }
        }
    }

    // 2^31 - 1: a bound at or past an integer type's limit (int32, int64, JavaScript's 2^53 - 1) is what a schema
    // generator writes for "any integer"; it constrains nothing a model would send.
    private const double Int32Limit = 2147483647;

    private static bool Mentions(string description, JsonNode value)
    {
        var text = value is JsonValue v && v.TryGetValue<string>(out var s) ? s : value.ToJsonString(Compact);
        if (text.Length == 0)
        {
            return false;
        }

        var at = description.IndexOf(text, StringComparison.OrdinalIgnoreCase);
        while (at >= 0)
        {
            var before = at == 0 || !char.IsLetterOrDigit(description[at - 1]);
            var after = at + text.Length >= description.Length || !char.IsLetterOrDigit(description[at + text.Length]);
            if (before && after)
            {
                return true;
            }

            at = description.IndexOf(text, at + 1, StringComparison.OrdinalIgnoreCase);
        }

        return false;
    }

    // A pattern that says what its format already says: a UUID's 8-4-4-4-12 hex groups beside "uuid", a YYYY-MM-DD
    // beside "date"/"date-time", an '@' beside "email". A pattern that narrows the format further is kept.
    private static bool RestatesFormat(string pattern, string format) => format.ToLowerInvariant() switch
    {
        "uuid" => pattern.Contains("{8}") && pattern.Contains("{4}") && pattern.Contains("{12}"),
        "date" or "date-time" => pattern.Contains("\\d{4}") || pattern.Contains("[0-9]{4}"),
        "email" or "idn-email" => pattern.Contains("@"),
        _ => false,
    };

    private static void Remove(JsonObject schema, string key, Waste waste)
    {
        if (schema.Remove(key))
        {
            waste.Keywords[key] = waste.Keywords.TryGetValue(key, out var n) ? n + 1 : 1;
        }
    }

    // "The city", "City." or "customer ID" for city / customer_id: the description says nothing the name does not.
    private static bool RepeatsName(string description, string name)
    {
        var text = description.Trim().TrimEnd('.').Trim();
        foreach (var article in new[] { "the ", "a ", "an " })
        {
            if (text.StartsWith(article, StringComparison.OrdinalIgnoreCase))
            {
                text = text.Substring(article.Length);
                break;
            }
        }

        var letters = Letters(text);
        return letters.Length > 0 && string.Equals(letters, Letters(name), StringComparison.Ordinal);
    }

    private static string Letters(string text) => new(text.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());

    private static bool IsTrue(JsonNode? node) => node is JsonValue v && v.TryGetValue<bool>(out var b) && b;

    private static bool IsFalse(JsonNode? node) => node is JsonValue v && v.TryGetValue<bool>(out var b) && !b;
}
