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
/// The elements of collections whose contents are visible where a prompt is built (arrays, collection expressions,
/// <c>readonly</c> fields), for sends in loops and indexed messages, and the small helpers of the builder shapes.
/// </summary>
internal sealed partial class TextFolder
{
    /// <summary>
    /// The collection a <c>foreach</c> takes <paramref name="reference"/> from, element by element, when its elements are
    /// visible: an array or collection expression written there, a local array never written after its declaration, or
    /// a <c>readonly</c> array field's initializer.
    /// </summary>
    public static IReadOnlyList<IOperation>? LoopElements(ILocalReferenceOperation reference, CancellationToken cancellationToken)
    {
        for (var current = reference.Parent; current is not null; current = current.Parent)
        {
            if (current is IForEachLoopOperation loop && loop.Locals.Contains(reference.Local, SymbolEqualityComparer.Default)
                && loop.LoopControlVariable is IVariableDeclaratorOperation declarator && SymbolEqualityComparer.Default.Equals(declarator.Symbol, reference.Local))
            {
                var collection = ValueTracking.Unwrap(loop.Collection);
                if (collection is IFieldReferenceOperation { Field.IsReadOnly: true } && ValueTracking.MemberInitializer(collection, cancellationToken) is { } stored)
                {
                    collection = stored;
                }

                return ElementsOf(collection, cancellationToken);
            }
        }

        return null;
    }

    /// <summary>
    /// For <c>items[i]</c> in <c>for (var i = 0; i &lt; items.Length; i++)</c> (or <c>Count</c>): the elements of
    /// <c>items</c> when they are visible, as for <see cref="LoopElements"/>.
    /// </summary>
    public static IReadOnlyList<IOperation>? IndexedElements(IOperation access, CancellationToken cancellationToken)
    {
        IOperation collection;
        ILocalSymbol index;
        switch (access)
        {
            case IArrayElementReferenceOperation { Indices.Length: 1 } element when element.Indices[0] is ILocalReferenceOperation i:
                collection = element.ArrayReference;
                index = i.Local;
                break;
            case IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1, Instance: { } instance } indexer when indexer.Arguments[0].Value is ILocalReferenceOperation i:
                collection = instance;
                index = i.Local;
                break;
            default:
                return null;
        }

        for (var current = access.Parent; current is not null; current = current.Parent)
        {
            if (current is IForLoopOperation loop && loop.Locals.Contains(index, SymbolEqualityComparer.Default))
            {
                // Only the plain count-up loop: from 0, below the collection's length, one at a time.
                var start = loop.Before.OfType<IVariableDeclarationGroupOperation>().SelectMany(g => g.Declarations).SelectMany(d => d.Declarators)
                    .FirstOrDefault(d => SymbolEqualityComparer.Default.Equals(d.Symbol, index))?.Initializer?.Value.ConstantValue.Value;
                if (start is not 0 || loop.Condition is not IBinaryOperation { OperatorKind: BinaryOperatorKind.LessThan })
                {
                    return null;
                }

                var source = ValueTracking.Unwrap(collection);
                if (source is IFieldReferenceOperation { Field.IsReadOnly: true } && ValueTracking.MemberInitializer(source, cancellationToken) is { } stored)
                {
                    source = stored;
                }

                return ElementsOf(source, cancellationToken);
            }
        }

        return null;
    }

    private static IReadOnlyList<IOperation>? ElementsOf(IOperation value, CancellationToken cancellationToken)
    {
        value = ValueTracking.Unwrap(value);
        if (value is ILocalReferenceOperation list && ListFilledInSequence(list) is { } filled)
        {
            return filled;
        }
        if (value is ILocalReferenceOperation local && ValueTracking.LocalInitializer(local) is { } initializer && !IsWrittenAfterDeclaration(local))
        {
            value = ValueTracking.Unwrap(initializer);
        }

        if (value is IArrayCreationOperation { Initializer: { } items })
        {
            return items.ElementValues;
        }

        // string[] Questions = { "…", "…" }: a field's bare array initializer.
        if (value is IArrayInitializerOperation bare)
        {
            return bare.ElementValues;
        }

        // new List<string> { "a", "b" }: each Add of the collection initializer is one element.
        if (value is IObjectCreationOperation { Initializer: { Initializers: { Length: > 0 } adds } }
            && adds.All(a => a is IInvocationOperation { TargetMethod.Name: "Add", Arguments.Length: 1 }))
        {
            return adds.Select(a => ((IInvocationOperation)a).Arguments[0].Value).ToList();
        }

        // Collection expressions have no operation of their own in the compiler this analyzer targets: read the syntax.
        if (value.Syntax is CollectionExpressionSyntax collection && value.SemanticModel is { } model)
        {
            var elements = new List<IOperation>();
            foreach (var element in collection.Elements)
            {
                if (element is not ExpressionElementSyntax { Expression: { } expression } || model.GetOperation(expression, cancellationToken) is not { } operation)
                {
                    return null;
                }

                elements.Add(operation);
            }

            return elements;
        }

        return null;
    }

    // var parts = new List<string> { … }; parts.Add(…); … string.Join("\n", parts): the initializer's elements, then each
    // Add made before the use as a statement of its own (not in a loop, branch or lambda). Any other change to the list
    // (Insert, Remove, AddRange, an assignment, passing it to a method) and it is not read.
    private static IReadOnlyList<IOperation>? ListFilledInSequence(ILocalReferenceOperation use)
    {
        if (use.Local.Type is not INamedTypeSymbol { Name: "List", Arity: 1 } listType || listType.TypeArguments[0].SpecialType != SpecialType.System_String
            || listType.ContainingNamespace?.ToDisplayString() != "System.Collections.Generic"
            || ValueTracking.LocalInitializer(use) is not { } initializer || ValueTracking.Unwrap(initializer) is not IObjectCreationOperation creation
            || creation.Arguments.Any(a => a.Value.Type?.SpecialType != SpecialType.System_Int32))
        {
            return null;
        }

        var elements = new List<IOperation>();
        if (creation.Initializer is { Initializers: { Length: > 0 } initial })
        {
            if (!initial.All(a => a is IInvocationOperation { TargetMethod.Name: "Add", Arguments.Length: 1 }))
            {
                return null;
            }

            elements.AddRange(initial.Select(a => ((IInvocationOperation)a).Arguments[0].Value));
        }

        var root = Root(use);
        var adds = new List<IInvocationOperation>();
        foreach (var reference in root.DescendantsAndSelf().OfType<ILocalReferenceOperation>().Where(r => SymbolEqualityComparer.Default.Equals(r.Local, use.Local)))
        {
            switch (reference.Parent)
            {
                case IInvocationOperation { TargetMethod.Name: "Add", Arguments.Length: 1, Parent: IExpressionStatementOperation } add when ReferenceEquals(add.Instance, reference):
                    if (add.Syntax.SpanStart < use.Syntax.SpanStart)
                    {
                        if (RunsConditionally(add, root))
                        {
                            return null;
                        }

                        adds.Add(add);
                    }

                    break;
                case IInvocationOperation { TargetMethod.Name: "Contains" or "IndexOf" or "ToString" or "GetEnumerator" } read when ReferenceEquals(read.Instance, reference):
                case IArgumentOperation { Parent: IInvocationOperation { TargetMethod: { Name: "Join" or "Concat", ContainingType.SpecialType: SpecialType.System_String } } }:
                case IPropertyReferenceOperation { Property.Name: "Count" }:
                case IForEachLoopOperation:
                    break;
                case ISimpleAssignmentOperation or IVariableDeclaratorOperation or IVariableInitializerOperation when reference.Syntax.SpanStart > creation.Syntax.SpanStart:
                    return null;
                default:
                    if (!ReferenceEquals(reference, use))
                    {
                        return null;
                    }

                    break;
            }
        }

        elements.AddRange(adds.OrderBy(a => a.Syntax.SpanStart).Select(a => a.Arguments[0].Value));
        return elements;
    }

    private static bool IsWrittenAfterDeclaration(ILocalReferenceOperation local)
        => Root(local).DescendantsAndSelf().Any(o => o is ISimpleAssignmentOperation { Target: var target } && target switch
        {
            ILocalReferenceOperation l => SymbolEqualityComparer.Default.Equals(l.Local, local.Local),
            IArrayElementReferenceOperation { ArrayReference: ILocalReferenceOperation array } => SymbolEqualityComparer.Default.Equals(array.Local, local.Local),
            _ => false,
        } || o is IInvocationOperation { Instance: ILocalReferenceOperation receiver, TargetMethod.Name: not ("GetEnumerator" or "Contains" or "IndexOf" or "ToString" or "Invoke") }
             && SymbolEqualityComparer.Default.Equals(receiver.Local, local.Local));

    private static string? Separator(IOperation value) => value.ConstantValue.Value switch
    {
        string text => text,
        char c => c.ToString(),
        _ => null,
    };

    private static bool RunsConditionally(IOperation operation, IOperation root)
    {
        for (var current = operation.Parent; current is not null && !ReferenceEquals(current, root); current = current.Parent)
        {
            if (current is ILoopOperation or IConditionalOperation or ISwitchOperation or ISwitchExpressionOperation or ICatchClauseOperation
                or IAnonymousFunctionOperation or ILocalFunctionOperation or ICoalesceOperation or IConditionalAccessOperation)
            {
                return true;
            }
        }

        return false;
    }

    private static int ArgumentsStart(IInvocationOperation call)
        => call.Syntax is InvocationExpressionSyntax invocation ? invocation.ArgumentList.SpanStart : call.Syntax.SpanStart;

    private static IOperation Root(IOperation operation)
    {
        while (operation.Parent is not null)
        {
            operation = operation.Parent;
        }

        return operation;
    }

    private static bool IsStringBuilder(ITypeSymbol? type)
        => type is { Name: "StringBuilder", ContainingNamespace: { Name: "Text", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } };

    private static int IndexOf(IReadOnlyList<PromptSegment> holes, PromptSegment segment)
    {
        for (var i = 0; i < holes.Count; i++)
        {
            if (ReferenceEquals(holes[i], segment))
            {
                return i;
            }
        }

        return -1;
    }

    private static void Copy(PromptSegment segment, List<PromptSegment> segments)
    {
        if (segment.IsHole)
        {
            segments.Add(segment);
        }
        else
        {
            PromptSegment.AppendStatic(segments, segment.Text);
        }
    }
}
