using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using PromptLint.Core.Model;

namespace PromptLint.Analyzers.CSharp;

/// <summary>
/// Members written once: the value a field or property gets at its declaration or in one constructor assignment, so a
/// prompt kept in a member folds like the literal it holds.
/// </summary>
internal sealed partial class TextFolder
{
    /// <summary>The value of a field or property reference's one write (see <see cref="OnlyWrite"/>) in the same file, or null.</summary>
    public static IOperation? OnlyWriteOperation(IOperation reference, CancellationToken cancellationToken)
    {
        var member = reference switch
        {
            IFieldReferenceOperation { Field: { IsConst: false } field } when field.IsReadOnly || field.DeclaredAccessibility == Accessibility.Private => (ISymbol)field,
            IPropertyReferenceOperation { Property: { SetMethod: null or { DeclaredAccessibility: Accessibility.Private } } property } => property,
            _ => null,
        };
        if (member?.DeclaringSyntaxReferences.Length != 1 || reference.SemanticModel is not { } model)
        {
            return null;
        }

        var value = OnlyWrite(member, null, cancellationToken);
        return value is not null && value.SyntaxTree == reference.Syntax.SyntaxTree ? model.GetOperation(value, cancellationToken) : null;
    }

    /// <summary>
    /// The one value a field or auto-property that only its type can set ever gets: its initializer, or the one plain
    /// assignment a constructor makes (<c>_systemPrompt = $"…";</c>), not inside a branch, loop or lambda. Null when the
    /// type writes it anywhere else (another assignment, <c>ref</c>/<c>out</c>, <c>++</c>, a deconstruction).
    /// </summary>
    private static ExpressionSyntax? OnlyWrite(ISymbol member, ExpressionSyntax? initializer, CancellationToken cancellationToken)
    {
        AssignmentExpressionSyntax? only = null;
        var writes = initializer is null ? 0 : 1;
        foreach (var reference in member.ContainingType.DeclaringSyntaxReferences)
        {
            foreach (var name in reference.GetSyntax(cancellationToken).DescendantNodes().OfType<IdentifierNameSyntax>())
            {
                if (name.Identifier.ValueText != member.Name || !IsWritten(name, out var assignment))
                {
                    continue;
                }

                if (++writes > 1)
                {
                    return null;
                }

                only = assignment;
            }
        }

        if (writes != 1)
        {
            return null;
        }

        if (only is null)
        {
            return initializer;
        }

        // The assignment must run once, as the constructor's own statement.
        for (SyntaxNode? node = only.Parent; node is not null; node = node.Parent)
        {
            switch (node)
            {
                case ExpressionStatementSyntax or BlockSyntax or ArrowExpressionClauseSyntax:
                    continue;
                case ConstructorDeclarationSyntax constructor when !constructor.Modifiers.Any(SyntaxKind.StaticKeyword) == !member.IsStatic:
                    return only.Right;
                default:
                    return null;
            }
        }

        return null;
    }

    // Whether a name is written where it stands; a plain 'name = value' or 'this.name = value' comes out as the assignment.
    private static bool IsWritten(IdentifierNameSyntax name, out AssignmentExpressionSyntax? plain)
    {
        plain = null;
        SyntaxNode node = name;
        if (node.Parent is MemberAccessExpressionSyntax access && access.Name == node)
        {
            node = access;
        }

        switch (node.Parent)
        {
            case AssignmentExpressionSyntax assignment when assignment.Left == node:
                plain = assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) ? assignment : null;
                return true;
            case PrefixUnaryExpressionSyntax or PostfixUnaryExpressionSyntax:
            case ArgumentSyntax { RefKindKeyword.RawKind: not 0 }:
                return true;
            case TupleExpressionSyntax or ArgumentSyntax { Parent: TupleExpressionSyntax }:
                return node.Ancestors().OfType<AssignmentExpressionSyntax>().Any(a => a.Left.Span.Contains(node.Span));
            default:
                return false;
        }
    }
}
