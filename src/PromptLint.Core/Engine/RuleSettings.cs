using System;
using System.Collections;
using System.Collections.Generic;

namespace PromptLint.Core.Engine;

/// <summary>
/// The rules' settings for one prompt: each rule declares its own <see cref="RuleSetting{T}"/> (key, default, parser)
/// and reads it with <see cref="Get{T}"/>; a setting nobody configured has its default. Built by
/// <c>PromptLintOptions.Rules</c> from <c>.editorconfig</c> keys, or in code:
/// <c>new RuleSettings { { WhitespaceBloat.MinTokens, 1 } }</c>.
/// </summary>
public sealed class RuleSettings : IEnumerable<KeyValuePair<RuleSetting, object?>>
{
    private readonly Dictionary<RuleSetting, object?> _values = new();

    /// <summary>The setting's value: as configured, else its default.</summary>
    public T Get<T>(RuleSetting<T> setting) => _values.TryGetValue(setting, out var value) ? (T)value! : setting.Default;

    /// <summary>The setting's value as an object (the result cache keys on every value).</summary>
    public object? GetValue(RuleSetting setting) => _values.TryGetValue(setting, out var value) ? value : setting.DefaultValue;

    /// <summary>Sets a value (collection-initializer form: <c>{ setting, value }</c>).</summary>
    public void Add<T>(RuleSetting<T> setting, T value) => _values[setting ?? throw new ArgumentNullException(nameof(setting))] = value;

    /// <summary>Sets a parsed value of <paramref name="setting"/>.</summary>
    internal void SetParsed(RuleSetting setting, object? value) => _values[setting] = value;

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<RuleSetting, object?>> GetEnumerator() => _values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
