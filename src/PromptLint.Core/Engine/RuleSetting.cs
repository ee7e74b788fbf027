using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace PromptLint.Core.Engine;

/// <summary>
/// One <c>.editorconfig</c> / <c>.globalconfig</c> key that tunes a rule: its key, default and parser together, declared
/// in the rule's own file. The settings parser (<c>PromptLintOptions</c>), the result cache and the settings table in
/// docs/configuration.md are derived from the rules' settings, so adding a setting touches only its rule.
/// </summary>
public abstract class RuleSetting
{
    private protected RuleSetting(string key, string defaultText, string description)
    {
        Key = key;
        DefaultText = defaultText;
        Description = description;
    }

    /// <summary>The key, <c>promptlint.*</c>.</summary>
    public string Key { get; }

    /// <summary>The default as docs/configuration.md shows it (<c>2</c>, <c>off</c>, <c>the shipped list</c>).</summary>
    public string DefaultText { get; }

    /// <summary>What it does, as docs/configuration.md shows it.</summary>
    public string Description { get; }

    /// <summary>The value when the key is not set, or set to something that does not parse.</summary>
    public abstract object? DefaultValue { get; }

    /// <summary>The value of the key as configured: <paramref name="raw"/> is null when the key is not set.</summary>
    public abstract object? Parse(string? raw);

    /// <summary>A whole number above zero, else <paramref name="default"/> (most thresholds).</summary>
    public static RuleSetting<int> Positive(string key, int @default, string description)
        => new(key, @default, @default.ToString(CultureInfo.InvariantCulture), description, raw => Whole(raw) is > 0 and var value ? value : @default);

    /// <summary>A whole number of zero or more, else <paramref name="default"/> (a budget where 0 means "none allowed").</summary>
    public static RuleSetting<int> NonNegative(string key, int @default, string description)
        => new(key, @default, @default.ToString(CultureInfo.InvariantCulture), description, raw => Whole(raw) ?? @default);

    /// <summary>Off (null) unless set to a whole number above zero.</summary>
    public static RuleSetting<int?> Optional(string key, string description)
        => new(key, null, "off", description, raw => Whole(raw) is > 0 and var value ? value : null);

    /// <summary>
    /// A list that replaces a shipped one: null (the shipped list) unless the key is set; a set but empty value is an
    /// empty list. Split at any of <paramref name="separators"/>, entries trimmed.
    /// </summary>
    public static RuleSetting<IReadOnlyList<string>?> List(string key, string defaultText, string description, params char[] separators)
        => new(key, null, defaultText, description, raw => raw is null ? null : raw.Split(separators).Select(p => p.Trim()).Where(p => p.Length > 0).ToArray(), trims: false);

    private static int? Whole(string? value)
        => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) && parsed >= 0 ? parsed : null;
}

/// <summary>A rule setting whose value is a <typeparamref name="T"/>.</summary>
public sealed class RuleSetting<T> : RuleSetting
{
    private readonly Func<string?, T> _parse;
    private readonly bool _trims;

    internal RuleSetting(string key, T @default, string defaultText, string description, Func<string?, T> parse, bool trims = true)
        : base(key, defaultText, description)
    {
        Default = @default;
        _parse = parse;
        _trims = trims;
    }

    /// <summary>The value when the key is not set.</summary>
    public T Default { get; }

    /// <inheritdoc/>
    public override object? DefaultValue => Default;

    /// <inheritdoc/>
    public override object? Parse(string? raw) => ParseValue(raw);

    /// <summary>The value of the key as configured; a blank value counts as not set unless the setting is a list.</summary>
    public T ParseValue(string? raw)
    {
        if (_trims)
        {
            raw = string.IsNullOrWhiteSpace(raw) ? null : raw!.Trim();
        }

        return raw is null && _trims ? Default : _parse(raw);
    }
}
