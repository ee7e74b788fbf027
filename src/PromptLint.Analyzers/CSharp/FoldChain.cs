using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;

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
    private int _dependsOn = int.MaxValue;

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

    /// <summary>Enters a member; returns its position for <see cref="Pop"/>.</summary>
    public int Push(ISymbol member)
    {
        _members.Add(member);
        _saved.Add(_dependsOn);
        _dependsOn = int.MaxValue;
        return _members.Count - 1;
    }

    /// <summary>Leaves the member at <paramref name="position"/>; true when its text depends on nothing above it (cacheable).</summary>
    public bool Pop(int position)
    {
        _members.RemoveAt(position);
        var cacheable = _dependsOn >= position;

        // What referred back to this member is settled by it; what referred further up is still owed by the outer ones.
        _dependsOn = Math.Min(_saved[position], cacheable ? int.MaxValue : _dependsOn);
        _saved.RemoveAt(position);
        return cacheable;
    }
}
