using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace PromptLint.Analyzers.CSharp;

/// <summary>
/// Follows values through one code block without data-flow analysis: what a local, field or property holds (its one
/// visible initializer), where a message or options object ends up (the local, field or collection it is stored in,
/// or the call it is passed to), and the key under which the collector files it.
/// </summary>
internal static class ValueTracking
{
    /// <summary>Compares tracking keys: symbols by symbol equality, operations by reference.</summary>
    public static readonly IEqualityComparer<object> Keys = new KeyComparer();

    /// <summary>The operation under conversions and parentheses.</summary>
    public static IOperation Unwrap(IOperation operation)
    {
        while (operation is IConversionOperation or IParenthesizedOperation)
        {
            operation = operation is IConversionOperation conversion ? conversion.Operand : ((IParenthesizedOperation)operation).Operand;
        }

        return operation;
    }

    /// <summary>
    /// What a value is filed under: the local, field or property it refers to, or the operation itself; null for
    /// parameters and constants, which carry nothing the block builds.
    /// </summary>
    public static object? KeyOf(IOperation operation) => Unwrap(operation) switch
    {
        ILocalReferenceOperation local => local.Local,
        IFieldReferenceOperation field => field.Field,
        IPropertyReferenceOperation { Arguments.Length: 0 } property => property.Property,
        IParameterReferenceOperation => null,
        IDefaultValueOperation or ILiteralOperation => null,
        var other => other,
    };

    /// <summary>
    /// Where a message (or an options object) ends up: the local or field it is stored in, the send call it is passed
    /// to, or itself. Climbs through conversions, arrays, collection initializers and collection expressions.
    /// </summary>
    public static object ContainerOf(IOperation operation)
    {
        var current = operation;
        while (current.Parent is { } parent)
        {
            switch (parent)
            {
                case IConversionOperation or IParenthesizedOperation or IArrayInitializerOperation or IArrayCreationOperation:
                    current = parent;
                    continue;
                case IArgumentOperation { Parent: IInvocationOperation call }:
                    if (call.Instance is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver }
                        && call.Parent is IObjectOrCollectionInitializerOperation { Parent: IObjectCreationOperation collection })
                    {
                        current = collection;
                        continue;
                    }

                    // source.Select(m => new ChatMessage(…)).ToList(): the projected messages go where the query goes.
                    if (call.TargetMethod.Name is "Select" or "ToList" or "ToArray" or "AsEnumerable" && call.TargetMethod.IsExtensionMethod
                        && call.TargetMethod.ContainingNamespace?.ToDisplayString() == "System.Linq" && ReferenceEquals(call.Arguments.FirstOrDefault(), parent))
                    {
                        current = call;
                        continue;
                    }

                    // Collections are user code of any type: what matters is that the message is put into one.
                    if (call.TargetMethod.Name is "Add" or "AddRange" or "Insert" && call.Instance is { } target && KeyOf(target) is { } targetKey)
                    {
                        return targetKey;
                    }

                    return call;
                // new List<ChatMessage>([ … ]) or new List<ChatMessage>(new[] { … }): the messages go where the new list goes.
                case IArgumentOperation { Parent: IObjectCreationOperation created }
                    when !ReferenceEquals(current, operation) && created.Type is INamedTypeSymbol { TypeKind: TypeKind.Class } createdType
                         && createdType.AllInterfaces.Any(i => i.SpecialType == SpecialType.System_Collections_IEnumerable):
                    current = created;
                    continue;
                // m => new ChatMessage(…) as the selector of a LINQ Select: on to the Select call.
                case IReturnOperation { Parent: IBlockOperation { Parent: IAnonymousFunctionOperation { Parent: IDelegateCreationOperation { Parent: IArgumentOperation { Parent: IInvocationOperation { TargetMethod.Name: "Select" } select } } } } }
                    when select.TargetMethod.ContainingNamespace?.ToDisplayString() == "System.Linq":
                    current = select;
                    continue;
                case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                    return declarator.Symbol;
                case IFieldInitializerOperation fieldInitializer when fieldInitializer.InitializedFields.Length == 1:
                    return fieldInitializer.InitializedFields[0];
                case ISimpleAssignmentOperation assignment when ReferenceEquals(assignment.Value, current) && KeyOf(assignment.Target) is { } assigned:
                    return assigned;
                default:
                    if (parent.Syntax.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.CollectionExpression) || parent.Syntax.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.ExpressionElement))
                    {
                        current = parent;
                        continue;
                    }

                    return current;
            }
        }

        return current;
    }

    /// <summary>The expression a client or options value comes from, when its construction is visible in the same file.</summary>
    public static IOperation? Source(IOperation reference, System.Threading.CancellationToken cancellationToken) => Unwrap(reference) switch
    {
        ILocalReferenceOperation local => LocalInitializer(local),
        IFieldReferenceOperation or IPropertyReferenceOperation => MemberInitializer(Unwrap(reference), cancellationToken),
        var other => other,
    };

    /// <summary>
    /// The constant text a value visibly holds: a constant, or a local, field or property whose one initializer (same
    /// file) is constant, followed a few steps (<c>var model = Models.Default;</c>). Null for anything else.
    /// </summary>
    public static string? ConstantString(IOperation value, System.Threading.CancellationToken cancellationToken)
    {
        for (var step = 0; step < 8; step++)
        {
            value = Unwrap(value);
            if (value.ConstantValue is { HasValue: true, Value: string constant })
            {
                return constant;
            }

            IOperation? next = value switch
            {
                ILocalReferenceOperation local when !IsReassigned(local) => LocalInitializer(local),
                IFieldReferenceOperation { Field.IsReadOnly: true } or IPropertyReferenceOperation { Property.SetMethod: null } => MemberInitializer(value, cancellationToken),
                _ => null,
            };
            if (next is null)
            {
                return null;
            }

            value = next;
        }

        return null;
    }

    private static bool IsReassigned(ILocalReferenceOperation reference)
    {
        IOperation root = reference;
        while (root.Parent is not null)
        {
            root = root.Parent;
        }

        return root.DescendantsAndSelf().Any(o => o is IAssignmentOperation { Target: ILocalReferenceOperation target } && SymbolEqualityComparer.Default.Equals(target.Local, reference.Local));
    }

    /// <summary>The initializer of a local's declaration in the same operation tree.</summary>
    public static IOperation? LocalInitializer(ILocalReferenceOperation reference)
    {
        IOperation root = reference;
        while (root.Parent is not null)
        {
            root = root.Parent;
        }

        return root.DescendantsAndSelf().OfType<IVariableDeclaratorOperation>()
            .FirstOrDefault(d => SymbolEqualityComparer.Default.Equals(d.Symbol, reference.Local))?.Initializer?.Value;
    }

    /// <summary>The initializer of a field or property declared once, in the same file as the reference.</summary>
    public static IOperation? MemberInitializer(IOperation reference, System.Threading.CancellationToken cancellationToken)
    {
        var symbol = reference switch
        {
            IFieldReferenceOperation f => (ISymbol)f.Field,
            IPropertyReferenceOperation p => p.Property,
            _ => null,
        };
        if (symbol?.DeclaringSyntaxReferences.Length != 1)
        {
            return null;
        }

        var syntax = symbol.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken);
        var expression = syntax switch
        {
            VariableDeclaratorSyntax declarator => declarator.Initializer?.Value,
            PropertyDeclarationSyntax property => property.Initializer?.Value ?? property.ExpressionBody?.Expression,
            _ => null,
        };
        if (expression is null || reference.SemanticModel is null || expression.SyntaxTree != reference.Syntax.SyntaxTree)
        {
            return null;
        }

        return reference.SemanticModel.GetOperation(expression, cancellationToken);
    }

    /// <summary>The properties an object initializer sets, with the value and the assignment.</summary>
    public static IEnumerable<(IPropertySymbol Property, IOperation Value, IOperation Origin)> Initialized(IObjectCreationOperation creation)
    {
        if (creation.Initializer is null)
        {
            yield break;
        }

        foreach (var initializer in creation.Initializer.Initializers)
        {
            if (initializer is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } assignment)
            {
                yield return (property.Property, assignment.Value, assignment);
            }
        }
    }

    private sealed class KeyComparer : IEqualityComparer<object>
    {
        public new bool Equals(object? x, object? y)
            => x is ISymbol a && y is ISymbol b ? SymbolEqualityComparer.Default.Equals(a, b) : ReferenceEquals(x, y);

        public int GetHashCode(object obj)
            => obj is ISymbol symbol ? SymbolEqualityComparer.Default.GetHashCode(symbol) : System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
    }
}
