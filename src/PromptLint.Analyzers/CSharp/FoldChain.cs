using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using PromptLint.Core.Model;

namespace PromptLint.Analyzers.CSharp;

/// <summary>
/// The members being folded through one another, innermost last, for one fold that one thread runs. Remembers the
/// outermost of them that something folded since depends on, so a text that depends on where the fold started is
/// never shared through the cache.
/// </summary>
internal sealed class FoldChain
{
    private readonly List<ISymbol> _members = new();
    private readonly List<int> _saved = new();
    private readonly List<IReadOnlyList<PromptSegment>?> _holes = new();
    private int _dependsOn = int.MaxValue;
    private readonly System.Func<IOperation, IOperation?>? _substitute;

    public FoldChain()
    {
    }

    /// <summary>A fold in which what <paramref name="substitute"/> maps stands for its value (a loop's element).</summary>
    public FoldChain(System.Func<IOperation, IOperation?> substitute) => _substitute = substitute;

    /// <summary>What an operation stands for in this fold (a loop's variable, <c>items[i]</c>), or null.</summary>
    public IOperation? ValueOf(IOperation operation) => _substitute?.Invoke(operation);

    public int Count => _members.Count;

    public int IndexOf(ISymbol member)
    {
        for (var i = 0; i < _members.Count; i++)
        {
            if (SymbolEqualityComparer.Default.Equals(_members[i], member))
            {
                return i;
            }
        }

        return -1;
    }

    public void DependsOn(int index) => _dependsOn = Math.Min(_dependsOn, index);

    /// <summary>
    /// The hole standing for <paramref name="parameter"/> of a method being folded, or null when its method is not in
    /// the chain (a lambda's parameter, a call's own parameters seen from outside).
    /// </summary>
    public PromptSegment? ParameterHole(IParameterSymbol parameter)
    {
        for (var i = _members.Count - 1; i >= 0; i--)
        {
            if (_holes[i] is { } holes && parameter.Ordinal < holes.Count
                && SymbolEqualityComparer.Default.Equals(_members[i], parameter.ContainingSymbol.OriginalDefinition))
            {
                // A local function using its outer method's parameter: its text is only right inside that fold.
                if (i < _members.Count - 1)
                {
                    DependsOn(i);
                }

                return holes[parameter.Ordinal];
            }
        }

        return null;
    }

    /// <summary>True when <paramref name="segment"/> is the hole of a parameter of a method being folded.</summary>
    public bool IsParameterHole(PromptSegment segment)
    {
        foreach (var holes in _holes)
        {
            if (holes is not null && holes.Contains(segment))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Enters a member, with the holes of its parameters when it is a method; returns its position for <see cref="Pop"/>.</summary>
    public int Push(ISymbol member, IReadOnlyList<PromptSegment>? parameterHoles = null)
    {
        _holes.Add(parameterHoles);
        _members.Add(member);
        _saved.Add(_dependsOn);
        _dependsOn = int.MaxValue;
        return _members.Count - 1;
    }

    /// <summary>Leaves the member at <paramref name="position"/>; true when its text depends on nothing above it (cacheable).</summary>
    public bool Pop(int position)
    {
        _members.RemoveAt(position);
        _holes.RemoveAt(position);
        var cacheable = _dependsOn >= position;

        // What referred back to this member is settled by it; what referred further up is still owed by the outer ones.
        _dependsOn = Math.Min(_saved[position], cacheable ? int.MaxValue : _dependsOn);
        _saved.RemoveAt(position);
        return cacheable;
    }
}
