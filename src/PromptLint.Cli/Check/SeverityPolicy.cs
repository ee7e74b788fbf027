using System;
using System.Collections.Generic;
using System.Linq;

using PromptLint.Contracts.Rules;
using PromptLint.Core.Engine;

namespace PromptLint.Cli.Check;

/// <summary>
/// The severity a finding is shown at, as the build gives it for a prompt file: <c>--severity</c> (the command line's
/// NoWarn/WarningsAsErrors), then a global config's <c>dotnet_diagnostic.ID.severity</c>, then the default.
/// </summary>
internal sealed class SeverityPolicy
{
    private readonly Dictionary<string, string> _overrides;

    private SeverityPolicy(Dictionary<string, string> overrides) => _overrides = overrides;

    /// <summary>No <c>--severity</c> given.</summary>
    public static SeverityPolicy Defaults { get; } = new(new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase));

    /// <summary>
    /// Reads <c>--severity ID=LEVEL</c> items (repeated, or comma-separated); each item that is not one goes to
    /// <paramref name="problem"/> (the command line's parser reports it as a usage error) and is left out.
    /// </summary>
    public static SeverityPolicy Parse(IEnumerable<string> items, Action<string> problem)
    {
        var overrides = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in items.SelectMany(s => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (Problem(item) is { } bad)
            {
                problem(bad);
                continue;
            }

            var equals = item.IndexOf('=');
            overrides[item.Substring(0, equals).Trim().ToUpperInvariant()] = SeverityNames.Parse(item.Substring(equals + 1))!;
        }

        return overrides.Count == 0 ? Defaults : new SeverityPolicy(overrides);
    }

    // What is wrong with one ID=LEVEL item, or null when it is one.
    private static string? Problem(string item)
    {
        var equals = item.IndexOf('=');
        var id = equals < 0 ? string.Empty : item.Substring(0, equals).Trim().ToUpperInvariant();
        return RuleCatalog.All.Any(r => r.Id == id) && SeverityNames.Parse(equals < 0 ? null : item.Substring(equals + 1)) is not null
            ? null
            : $"--severity '{item}' is not ID=LEVEL with a PromptLint rule id and error, warning, info or none";
    }

    /// <summary>The severity a rule's finding is shown at; null when hidden (switched off, or a measurement).</summary>
    /// <param name="id">The rule.</param>
    /// <param name="defaultSeverity">A severity the finding carries instead of its rule's default (an orphan entry's info).</param>
    /// <param name="config">The file's configuration.</param>
    public string? For(string id, string? defaultSeverity, FileConfig config)
    {
        var rule = RuleCatalog.Get(id);
        if (rule.Category == RuleCategory.Measurement)
        {
            return null;
        }

        var level = _overrides.TryGetValue(id, out var given)
            ? given
            : config.GlobalSeverity(id) ?? defaultSeverity ?? SeverityNames.Of(rule.DefaultSeverity);
        return level == SeverityNames.None ? null : level;
    }
}
