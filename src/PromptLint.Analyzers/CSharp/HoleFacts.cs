using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using PromptLint.Core.Model;

namespace PromptLint.Analyzers.CSharp;

/// <summary>
/// What a non-constant part of a prompt is as a hole: a name taken from its expression, whether it changes on every
/// call (timestamps, GUIDs, random values, trace ids) and a size cap when the expression shows one
/// (<c>Substring(0, N)</c>, <c>[..N]</c>, <c>Truncate(N)</c>).
/// </summary>
internal static class HoleFacts
{
    private static readonly Dictionary<string, string[]?> VolatileMembers = new(StringComparer.Ordinal)
    {
        ["System.DateTime"] = new[] { "Now", "UtcNow", "Today" },
        ["System.DateTimeOffset"] = new[] { "Now", "UtcNow" },
        ["System.TimeProvider"] = new[] { "GetUtcNow", "GetLocalNow", "GetTimestamp" },
        ["System.Guid"] = new[] { "NewGuid", "CreateVersion7" },
        ["System.Random"] = null,
        ["System.Environment"] = new[] { "TickCount", "TickCount64" },
        ["System.Diagnostics.Stopwatch"] = new[] { "GetTimestamp" },
        ["System.Diagnostics.Activity"] = new[] { "Current", "Id", "TraceId", "SpanId", "RootId" },
        ["Microsoft.AspNetCore.Http.HttpContext"] = new[] { "TraceIdentifier" },
    };

    public static PromptSegment HoleFor(IOperation expression)
    {
        var (cap, unit) = CapOf(expression);
        return PromptSegment.Hole(NameOf(expression.Syntax), IsVolatile(expression), cap, unit);
    }

    internal static string NameOf(SyntaxNode syntax)
    {
        var text = new StringBuilder();
        var space = false;
        foreach (var c in syntax.ToString())
        {
            if (char.IsWhiteSpace(c))
            {
                space = text.Length > 0;
                continue;
            }

            if (space)
            {
                text.Append(' ');
                space = false;
            }

            text.Append(c);
        }

        return text.Length <= 60 ? text.ToString() : text.ToString(0, 57) + "...";
    }

    internal static bool IsVolatile(IOperation expression)
    {
        foreach (var operation in expression.DescendantsAndSelf())
        {
            var member = operation switch
            {
                IPropertyReferenceOperation p => (ISymbol)p.Property,
                IInvocationOperation i => i.TargetMethod,
                IFieldReferenceOperation f => f.Field,
                IObjectCreationOperation { Type: { } created } when created.ToDisplayString() == "System.Random" => created,
                _ => null,
            };
            if (member is null)
            {
                continue;
            }

            var type = member as INamedTypeSymbol ?? member.ContainingType;
            if (type is not null && VolatileMembers.TryGetValue(type.ToDisplayString(), out var names) && (names is null || names.Contains(member.Name)))
            {
                return true;
            }
        }

        return false;
    }

    internal static (int? Cap, CapUnit Unit) CapOf(IOperation expression)
    {
        expression = ValueTracking.Unwrap(expression);
        if (expression is IInvocationOperation invocation)
        {
            var name = invocation.TargetMethod.Name;
            var ints = invocation.Arguments.Select(a => a.Value.ConstantValue.Value).OfType<int>().ToList();
            if (name == "Substring" && invocation.TargetMethod.ContainingType.SpecialType == SpecialType.System_String && ints.Count == 2 && ints[0] == 0)
            {
                return (ints[1], CapUnit.Characters);
            }

            if (ints.Count == 1 && (name.StartsWith("Truncate", StringComparison.Ordinal) || name.StartsWith("Limit", StringComparison.Ordinal) || name == "Take"))
            {
                return (ints[0], name.IndexOf("Token", StringComparison.Ordinal) >= 0 ? CapUnit.Tokens : CapUnit.Characters);
            }
        }

        // text[..N]
        if (expression.Syntax is ElementAccessExpressionSyntax { ArgumentList.Arguments: { Count: 1 } arguments }
            && arguments[0].Expression is RangeExpressionSyntax { LeftOperand: null, RightOperand: { } right }
            && expression.SemanticModel?.GetConstantValue(right).Value is int limit)
        {
            return (limit, CapUnit.Characters);
        }

        return (null, CapUnit.Characters);
    }
}
