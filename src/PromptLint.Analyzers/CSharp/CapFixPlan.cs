using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using PromptLint.Analyzers.Diagnostics;

namespace PromptLint.Analyzers.CSharp;

/// <summary>
/// What the PL0003 code fix does at one call: add the cap to an options initializer, or pass new options. It travels
/// in the diagnostic's properties, so the fix recomputes nothing.
/// </summary>
internal sealed class CapFixPlan
{
    public CapFixPlan(string kind, IOperation target, string property)
    {
        Kind = kind;
        Target = target;
        Property = property;
    }

    /// <summary>One of <see cref="FixProperties.CapFixKinds"/>.</summary>
    public string Kind { get; }

    /// <summary>Where the fix applies: the options creation, or the call.</summary>
    public IOperation Target { get; }

    /// <summary>The property the fix sets (MaxOutputTokens, MaxOutputTokenCount, MaxTokens).</summary>
    public string Property { get; }

    /// <summary>The plan as diagnostic properties.</summary>
    public ImmutableDictionary<string, string?> ToProperties()
        => ImmutableDictionary<string, string?>.Empty.Add(FixProperties.CapFix, Kind).Add(FixProperties.CapProperty, Property);
}
