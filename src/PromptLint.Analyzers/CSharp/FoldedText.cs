using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using PromptLint.Core.Model;

namespace PromptLint.Analyzers.CSharp;

/// <summary>A C# string expression folded into prompt segments.</summary>
internal sealed class FoldedText
{
    public FoldedText(IReadOnlyList<PromptSegment> segments, ISymbol? sourceMember)
    {
        Segments = segments;
        SourceMember = sourceMember;
    }

    /// <summary>Static text and holes in source order.</summary>
    public IReadOnlyList<PromptSegment> Segments { get; }

    /// <summary>The field, property or method whose text this is, when the expression is just a reference to one.</summary>
    public ISymbol? SourceMember { get; }
}
