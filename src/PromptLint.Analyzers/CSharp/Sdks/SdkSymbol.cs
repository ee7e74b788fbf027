using Microsoft.CodeAnalysis;

namespace PromptLint.Analyzers.CSharp.Sdks;

/// <summary>Type comparisons by symbol the recognizers share.</summary>
internal static class SdkSymbol
{
    /// <summary>True when <paramref name="type"/> is <paramref name="expected"/> (any construction of it).</summary>
    public static bool Is(ITypeSymbol? type, INamedTypeSymbol? expected)
        => expected is not null && type is not null && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, expected);

    /// <summary>
    /// True when <paramref name="type"/> is exactly <paramref name="expected"/>, as written: a nullable-annotated
    /// reference (<c>Kernel?</c>) is not, which is how tool parameters have always been told apart.
    /// </summary>
    public static bool IsExactly(ITypeSymbol? type, INamedTypeSymbol? expected)
        => Is(type, expected) && type!.NullableAnnotation != NullableAnnotation.Annotated;

    /// <summary>True when <paramref name="type"/> is <paramref name="expected"/> or derives from it.</summary>
    public static bool IsOrDerives(ITypeSymbol? type, INamedTypeSymbol? expected)
    {
        for (var current = type; current is not null && expected is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, expected))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when <paramref name="property"/> is <paramref name="expected"/> or overrides it.</summary>
    public static bool IsOrOverrides(IPropertySymbol property, IPropertySymbol? expected)
    {
        for (var current = property; current is not null && expected is not null; current = current.OverriddenProperty)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, expected))
            {
                return true;
            }
        }

        return false;
    }
}
