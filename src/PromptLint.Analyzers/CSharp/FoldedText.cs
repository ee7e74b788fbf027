using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using PromptLint.Core.Model;

namespace PromptLint.Analyzers.CSharp;

/// <summary>A C# string expression folded into prompt segments.</summary>
internal sealed class FoldedText
{
    public FoldedText(IReadOnlyList<PromptSegment> segments, ISymbol? sourceMember, IReadOnlyList<PromptSegment>? parameterHoles = null)
    {
        Segments = segments;
        SourceMember = sourceMember;
        ParameterHoles = parameterHoles;
    }

    /// <summary>Static text and holes in source order.</summary>
    public IReadOnlyList<PromptSegment> Segments { get; }

    /// <summary>The field, property or method whose text this is, when the expression is just a reference to one.</summary>
    public ISymbol? SourceMember { get; }

    /// <summary>
    /// For a method's text, the hole standing for each parameter, by ordinal: the very objects that appear in
    /// <see cref="Segments"/> wherever the body uses the parameter, so a call can put its arguments in their place.
    /// </summary>
    public IReadOnlyList<PromptSegment>? ParameterHoles { get; }
}
