using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace PromptLint.Analyzers.CSharp.Sdks;

/// <summary>
/// A set of an SDK's methods, resolved once per compilation. A call matches when its target is one of them: the method
/// itself (or the extension method it was reduced from), an override of one, or a class's implementation of one that is
/// an interface member. A user method that only shares a name matches nothing.
/// </summary>
internal sealed class SdkMethods
{
    public static readonly SdkMethods None = new(Array.Empty<IMethodSymbol>());

    private readonly HashSet<IMethodSymbol> _methods;
    private readonly HashSet<string> _names;
    private readonly IMethodSymbol[] _interfaceMethods;

    private SdkMethods(IEnumerable<IMethodSymbol> methods)
    {
        _methods = new HashSet<IMethodSymbol>(methods.Select(m => m.OriginalDefinition), SymbolEqualityComparer.Default);
        _names = new HashSet<string>(_methods.Select(m => m.Name), StringComparer.Ordinal);
        _interfaceMethods = _methods.Where(m => m.ContainingType.TypeKind == TypeKind.Interface).ToArray();
    }

    /// <summary>The methods of <paramref name="type"/> whose names <paramref name="names"/> accepts; none when the type is not referenced.</summary>
    public static SdkMethods Of(INamedTypeSymbol? type, Func<string, bool> names)
        => type is null ? None : new SdkMethods(type.GetMembers().OfType<IMethodSymbol>().Where(m => names(m.Name)));

    /// <summary>The methods of <paramref name="type"/> with one of <paramref name="names"/>.</summary>
    public static SdkMethods Of(INamedTypeSymbol? type, params string[] names)
        => Of(type, name => Array.IndexOf(names, name) >= 0);

    /// <summary>
    /// The methods with one of <paramref name="names"/> of every type named <paramref name="metadataName"/> the
    /// compilation sees. Several assemblies may declare a type of the same name (Microsoft.Agents.AI adds its own
    /// <c>Microsoft.Extensions.AI.ChatClientExtensions</c>), and then <c>GetTypeByMetadataName</c> finds none.
    /// </summary>
    public static SdkMethods OfEvery(Compilation compilation, string metadataName, params string[] names)
        => new(compilation.GetTypesByMetadataName(metadataName).SelectMany(t => t.GetMembers().OfType<IMethodSymbol>()).Where(m => Array.IndexOf(names, m.Name) >= 0));

    /// <summary>The methods of both sets.</summary>
    public SdkMethods Union(SdkMethods other) => new(_methods.Concat(other._methods));

    /// <summary>True when <paramref name="method"/> is, overrides or implements one of the set.</summary>
    public bool Contains(IMethodSymbol method)
    {
        // Names only pre-filter: the symbol decides.
        if (!_names.Contains(method.Name))
        {
            return false;
        }

        for (var current = method; current is not null; current = current.OverriddenMethod)
        {
            if (_methods.Contains((current.ReducedFrom ?? current).OriginalDefinition))
            {
                return true;
            }
        }

        return _interfaceMethods.Length > 0 && Implements(method);
    }

    private bool Implements(IMethodSymbol method)
    {
        var type = method.ContainingType;
        if (type is null || type.TypeKind == TypeKind.Interface)
        {
            return false;
        }

        foreach (var candidate in _interfaceMethods)
        {
            if (candidate.Name != method.Name || !type.AllInterfaces.Any(i => SymbolEqualityComparer.Default.Equals(i.OriginalDefinition, candidate.ContainingType)))
            {
                continue;
            }

            var implementation = type.FindImplementationForInterfaceMember(candidate) as IMethodSymbol;
            for (var current = method; current is not null && implementation is not null; current = current.OverriddenMethod)
            {
                if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, implementation.OriginalDefinition))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
