using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using PromptLint.Contracts.Rules;
using PromptLint.Core.Engine;
using PromptLint.Core.Model;
using PromptLint.Credentials;
using static PromptLint.Core.Engine.StaticTextSaving;

namespace PromptLint.Core.Rules;

/// <summary>
/// PL0021: a credential in a prompt's static text or in a tool definition sent with it (description, default, example),
/// in one of the shapes of <see cref="CredentialShapes"/>: issuer-prefixed tokens, Azure and database connection strings,
/// JWTs, PEM private keys, webhook URLs and secret-sounding assignments of random values. The prompt is sent to the model
/// provider on every call, and often logged there and in traces: the secret leaves the application with it. The message
/// names the kind of credential, never its value.
/// </summary>
public sealed class SecretInPrompt : PromptRule
{
    /// <summary>Its catalogue entry.</summary>
    internal static readonly RuleInfo Rule = new(
        RuleIds.SecretInPrompt,
        "Secret in a prompt",
        RuleCategory.Security,
        RuleSeverity.Warning,
        RuleHost.Analyzer,
        hasFix: false,
        "A credential in a prompt's static text or tool definitions (an API key or token, a connection string's key or password, a JWT, a private key, a webhook URL) is sent to the model provider with every call, and lands in its logs and in traces.",
        new string[0],
        ("default", "Prompt '{prompt}' holds {secrets} in its static text ({kinds}); it is sent to the model provider with every call. Remove it from the prompt, revoke it, and give the code that needs it the secret from configuration."),
        ("tool", "Tool '{tool}' of prompt '{prompt}' holds {secrets} in its definition ({kinds}); it is sent to the model provider with every call. Remove it from the tool's description, defaults and examples, revoke it, and give the code that needs it the secret from configuration."));

    /// <inheritdoc/>
    public override RuleInfo Info => Rule;

    /// <inheritdoc/>
    public override bool Evaluates => true;

    /// <summary>The credentials in <paramref name="text"/>: where each starts, its length and its kind (placeholders and documented examples left out).</summary>
    public static IReadOnlyList<(int Index, int Length, string Kind)> Find(string text) => CredentialShapes.Find(text);

    /// <inheritdoc/>
    internal override void Evaluate(RuleInput i)
    {
        var template = i.Template;
        var found = template.Messages.SelectMany(x => x.Segments).Where(s => !s.IsHole).SelectMany(s => Find(PromptLint.Counting.Text.TextNormalizer.NormalizeLineEndings(s.Text))).ToList();
        if (found.Count > 0)
        {
            var at = Evidence.First(template, text => Find(text) is { Count: > 0 } secrets ? (secrets[0].Index, secrets[0].Length) : null);
            Report(i.Findings, Rule.Message, null, at, ("prompt", i.Measurement.Id), ("secrets", Secrets(found.Count)), ("kinds", Kinds(found.Select(f => f.Kind))));
        }

        for (var index = 0; index < template.Tools.Count; index++)
        {
            var tool = template.Tools[index];
            var kinds = ToolStrings(tool.WireJson).SelectMany(s => Find(s)).Select(f => f.Kind).ToList();
            if (kinds.Count > 0)
            {
                i.Findings.Add(new RuleFinding(Rule.MessageNamed("tool"), RuleTarget.Prompt, null, ("tool", tool.Name), ("prompt", i.Measurement.Id), ("secrets", Secrets(kinds.Count)), ("kinds", Kinds(kinds))).AboutTool(index));
            }
        }
    }

    private static string Secrets(int count) => count == 1 ? "a secret" : $"{N(count)} secrets";

    private static string Kinds(IEnumerable<string> kinds)
        => string.Join(", ", kinds.GroupBy(k => k, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Count() == 1 ? g.Key : $"{g.Key} ×{g.Count()}"));

    // Every string of a tool's wire JSON (descriptions, defaults, examples, enums), unescaped: a serializer may have
    // escaped a key's '+' or a PEM's line breaks. Cheap: only a definition with an anchor of some shape is parsed.
    private static IEnumerable<string> ToolStrings(string wireJson)
    {
        if (wireJson.Length == 0 || !CredentialShapes.Any(wireJson) && wireJson.IndexOf('\\') < 0)
        {
            return Array.Empty<string>();
        }

        var strings = new List<string>();
        try
        {
            using var document = JsonDocument.Parse(wireJson);
            Collect(document.RootElement, strings);
        }
        catch (JsonException)
        {
            // A definition that is not JSON (reconstructed and cut short): read it as text.
            strings.Add(wireJson);
        }

        return strings;
    }

    private static void Collect(JsonElement element, List<string> strings)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                strings.Add(element.GetString() ?? string.Empty);
                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Collect(property.Value, strings);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Collect(item, strings);
                }

                break;
        }
    }
}
