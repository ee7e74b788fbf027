using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Text;
using PromptLint.Contracts.Pricing;
using PromptLint.Core.Measuring;
using PromptLint.Core.Model;
using PromptLint.Counting.Text;
using PromptLint.Counting.Tokenizers;

namespace PromptLint.Core.Engine;

/// <summary>
/// The findings of <see cref="CostRules"/>'s rules remembered per process, keyed by everything they depend on: the
/// template (id, roles, every segment, tools, model and cap facts; not its location, which no rule reads), its
/// measurement and the rule settings. The rules are a pure function of those, so a compiler server that builds the
/// same prompts again (a rebuild, an edit elsewhere, the IDE re-analyzing a file) evaluates them once. Only the shipped
/// model catalog is cached: a project's model overrides make a new catalog per compilation. Bounded: the cache is
/// emptied when it reaches <see cref="Capacity"/> entries.
/// </summary>
public static class RuleResultCache
{
    /// <summary>Entries kept before the cache starts over.</summary>
    public const int Capacity = 20_000;

    private static readonly ConcurrentDictionary<string, IReadOnlyList<RuleFinding>> Results = new(StringComparer.Ordinal);

    private static readonly PropertyInfo[] MeasurementProperties = typeof(PromptMeasurement).GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .OrderBy(p => p.Name, StringComparer.Ordinal).ToArray();

    private static long _evaluations;

    /// <summary>How many times the rules ran (not answered from the cache) in this process; for tests.</summary>
    public static long Evaluations => System.Threading.Interlocked.Read(ref _evaluations);

    /// <summary>The rules' findings for a template, from the cache when the same inputs were evaluated before.</summary>
    /// <param name="template">The prompt.</param>
    /// <param name="measurement">Its measurement.</param>
    /// <param name="catalog">Models and prices.</param>
    /// <param name="settings">The rules' thresholds for it.</param>
    /// <param name="registry">The tokenizers.</param>
    /// <param name="off">Rules switched off where the prompt's findings are reported: not evaluated (see <see cref="CostRules"/>).</param>
    public static IReadOnlyList<RuleFinding> Evaluate(PromptTemplate template, PromptMeasurement measurement, ModelCatalog catalog, RuleSettings settings, TokenizerRegistry registry, IReadOnlyCollection<string>? off = null)
    {
        var cacheable = ReferenceEquals(catalog, ModelCatalog.Shipped) && ReferenceEquals(registry, TokenizerRegistry.Shared);
        var key = cacheable ? Key(template, measurement, settings, off) : null;
        if (key is not null && Results.TryGetValue(key, out var known))
        {
            return known;
        }

        System.Threading.Interlocked.Increment(ref _evaluations);
        var findings = CostRules.Evaluate(template, measurement, catalog, settings, registry, off);
        if (key is not null)
        {
            if (Results.Count >= Capacity)
            {
                Results.Clear();
            }

            Results.TryAdd(key, findings);
        }

        return findings;
    }

    private static string Key(PromptTemplate template, PromptMeasurement measurement, RuleSettings settings, IReadOnlyCollection<string>? off)
    {
        var key = new StringBuilder();
        Field(key, off is null ? string.Empty : string.Join(",", off.OrderBy(id => id, StringComparer.Ordinal)));
        Field(key, template.Id);
        Field(key, template.Role.ToString());
        Field(key, template.Model);
        Field(key, template.SentModel);
        Field(key, template.Approximate ? "1" : "0");
        Field(key, template.OutputCapStatus.ToString());
        Field(key, template.OutputCapSetting);
        Field(key, template.Budget?.ToString(CultureInfo.InvariantCulture));
        Field(key, template.OutputCap?.ToString(CultureInfo.InvariantCulture));
        foreach (var message in template.Messages)
        {
            Field(key, "message:" + message.Role);
            foreach (var segment in message.Segments)
            {
                Field(key, (segment.IsHole ? "hole" : "text") + (segment.IsVolatile ? ":volatile:" : ":") + segment.Cap?.ToString(CultureInfo.InvariantCulture) + ":" + segment.CapUnit + ":" + segment.Branch);
                Field(key, segment.Text);
            }
        }

        foreach (var tool in template.Tools)
        {
            Field(key, "tool:" + tool.Name);
            Field(key, tool.WireJson);
        }

        foreach (var property in MeasurementProperties)
        {
            Field(key, Format(property.GetValue(measurement)));
        }

        foreach (var setting in RuleCatalog.Settings)
        {
            Field(key, Format(settings.GetValue(setting)));
        }

        return Convert.ToBase64String(ContentHash.Sha256(Encoding.UTF8.GetBytes(key.ToString())));
    }

    // Length-prefixed, so no two different field lists give the same text.
    private static void Field(StringBuilder key, string? value)
    {
        if (value is null)
        {
            key.Append("-;");
            return;
        }

        key.Append(value.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(value).Append(';');
    }

    private static string? Format(object? value) => value switch
    {
        null => null,
        string text => text,
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable<string> items => string.Join("\u0001", items),
        _ => value.ToString(),
    };
}
