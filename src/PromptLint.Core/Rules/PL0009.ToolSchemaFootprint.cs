using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using static PromptLint.Core.Engine.StaticTextSaving;

using PromptLint.Contracts.Rules;
using PromptLint.Core.Engine;

namespace PromptLint.Core.Rules;

/// <summary>PL0009: tool definitions over the prompt's tool schema budget, or a tool description longer than one needs.</summary>
public sealed class ToolSchemaFootprintRule : PromptRule
{
    /// <summary><c>promptlint.tool_schema_budget</c>.</summary>
    public static readonly RuleSetting<int> ToolSchemaBudget = RuleSetting.NonNegative("promptlint.tool_schema_budget", 2000, "tool schema tokens a prompt may send");

    /// <summary>
    /// <c>promptlint.tool_description_max_tokens</c>. The default is high on purpose: providers ask for detailed
    /// descriptions, and the usage guidance of real agent tools runs to 200-300 tokens; a held-out round judged findings
    /// under 1.3 times a 200-token limit false and under twice it debatable, so only a description past 400 is reported.
    /// </summary>
    public static readonly RuleSetting<int> ToolDescriptionMaxTokens = RuleSetting.NonNegative("promptlint.tool_description_max_tokens", DefaultDescriptionMaxTokens, "tokens one tool description may take");

    /// <summary>The default of <see cref="ToolDescriptionMaxTokens"/>.</summary>
    public const int DefaultDescriptionMaxTokens = 400;

    /// <summary><c>promptlint.tools_sent</c>: true for <c>on_demand</c>, a tool catalogue whose tools are served when needed, not all on every call.</summary>
    public static readonly RuleSetting<bool> ToolsSent = new("promptlint.tools_sent", false, "`every_call`", "`on_demand` for a catalogue whose tools are served when needed: no budget for the whole list", raw => string.Equals(raw, "on_demand", StringComparison.OrdinalIgnoreCase));

    internal static readonly RuleInfo Rule = new(
        RuleIds.ToolSchemaFootprint,
        "Tool schema footprint too large",
        RuleCategory.Cost,
        RuleSeverity.Warning,
        RuleHost.Analyzer,
        hasFix: false,
        "Tool definitions are sent with every call; their schemas and descriptions count as input tokens each time.",
        new[] { ToolSchemaBudget.Key, ToolsSent.Key, ToolDescriptionMaxTokens.Key },
        ("budget", "Prompt '{prompt}' sends {tokens} tokens of tool definitions with every call, over the budget of {budget} (largest: {largest}). Send only the tools the call needs, or shorten their descriptions and schemas."),
        ("description", "Tool '{tool}' of prompt '{prompt}' has a {tokens}-token description, over the {limit} a tool description needs; it is sent with every call. Say what the tool does and when to use it, no more."));

    /// <inheritdoc/>
    public override RuleInfo Info => Rule;

    /// <inheritdoc/>
    public override IReadOnlyList<RuleSetting> Settings { get; } = new RuleSetting[] { ToolSchemaBudget, ToolsSent, ToolDescriptionMaxTokens };

    /// <inheritdoc/>
    public override bool Evaluates => true;

    /// <inheritdoc/>
    internal override void Evaluate(RuleInput i)
    {
        var template = i.Template;
        if (template.Tools.Count == 0)
        {
            return;
        }

        var m = i.Measurement;
        var settings = i.Settings;
        var encoding = i.Registry.Resolve(m.Model).Encoding;

        // The budget is for the tools sent on every call. A catalogue served on demand (promptlint.tools_sent =
        // on_demand) has none; tools marked "defer_loading": true are loaded only when a search finds them.
        if (!settings.Get(ToolsSent) && m.ToolSchemaTokens > settings.Get(ToolSchemaBudget))
        {
            var sent = template.Tools.Where(t => !Deferred(t.WireJson))
                .Select(t => (t.Name, Tokens: i.Registry.Count(encoding, t.WireJson)))
                .ToList();
            var tokens = sent.Count == template.Tools.Count ? m.ToolSchemaTokens : sent.Sum(t => t.Tokens);
            if (tokens > settings.Get(ToolSchemaBudget))
            {
                var largest = sent
                    .OrderByDescending(t => t.Tokens)
                    .ThenBy(t => t.Name, StringComparer.Ordinal)
                    .Take(3)
                    .Select(t => $"{t.Name} {N(t.Tokens)}");
                i.Report(Rule.MessageNamed("budget"), RuleTarget.Prompt, tokens - settings.Get(ToolSchemaBudget), ("prompt", m.Id), ("tokens", N(tokens)), ("budget", N(settings.Get(ToolSchemaBudget))), ("largest", string.Join(", ", largest)));
            }
        }

        for (var index = 0; index < template.Tools.Count; index++)
        {
            var tool = template.Tools[index];
            var (description, methods) = Description(tool.WireJson);
            var tokens = description is null ? 0 : i.Registry.Count(encoding, description);
            // A consolidated tool (one tool whose 'method'/'action'/'operation' parameter picks one of several operations)
            // describes each of them in one description: it may take the limit once per operation it stands for.
            var limit = settings.Get(ToolDescriptionMaxTokens) * Math.Max(1, methods);
            if (tokens > limit)
            {
                i.Findings.Add(new RuleFinding(Rule.MessageNamed("description"), RuleTarget.Prompt, tokens - limit, ("tool", tool.Name), ("prompt", m.Id), ("tokens", N(tokens)), ("limit", N(limit))).AboutTool(index));
            }
        }
    }

    // "defer_loading": true (at the top or in "function"): the tool is loaded into the context only when a tool search
    // finds it, so it is not part of every call. A cheap text check first: most tools never say it.
    private static bool Deferred(string wireJson)
    {
        if (wireJson.IndexOf("defer_loading", StringComparison.Ordinal) < 0)
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(wireJson);
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Object
                && (IsTrue(root, "defer_loading") || (root.TryGetProperty("function", out var f) && f.ValueKind == JsonValueKind.Object && IsTrue(f, "defer_loading")));
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }

    private static bool IsTrue(JsonElement element, string name)
        => element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;

    // Parameters whose enum names the operation a consolidated tool performs.
    private static readonly string[] Dispatchers = { "method", "action", "operation", "op", "command", "subcommand" };

    // The tool's description, and how many operations it stands for (the enum of its dispatching parameter; 1 otherwise).
    private static (string? Description, int Methods) Description(string wireJson)
    {
        try
        {
            using var document = JsonDocument.Parse(wireJson);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, 1);
            }

            var function = root.TryGetProperty("function", out var f) && f.ValueKind == JsonValueKind.Object ? f : root;
            var description = function.TryGetProperty("description", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
            var methods = 1;
            foreach (var key in new[] { "parameters", "inputSchema", "input_schema" })
            {
                if (function.TryGetProperty(key, out var schema) && schema.ValueKind == JsonValueKind.Object
                    && schema.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
                {
                    foreach (var property in properties.EnumerateObject())
                    {
                        if (Array.IndexOf(Dispatchers, property.Name.ToLowerInvariant()) >= 0 && property.Value.ValueKind == JsonValueKind.Object
                            && property.Value.TryGetProperty("enum", out var values) && values.ValueKind == JsonValueKind.Array)
                        {
                            methods = Math.Max(methods, values.GetArrayLength());
                        }
                    }
                }
            }

            return (description, methods);
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException) // an unpaired surrogate, raw or escaped
        {
            return (null, 1);
        }
    }
}
