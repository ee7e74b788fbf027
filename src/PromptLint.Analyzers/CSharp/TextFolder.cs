using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using PromptLint.Core.Model;

namespace PromptLint.Analyzers.CSharp;

/// <summary>
/// Folds C# string expressions into prompt segments: compile-time constants, <c>+</c>, <c>string.Concat</c>,
/// interpolations, raw and verbatim strings, <c>const</c>/<c>static readonly</c> members, simple <c>=&gt;</c> members and
/// locals with one initializer. Whatever is not constant becomes a hole (see <see cref="HoleFacts"/>): named after its
/// expression, marked volatile (timestamps, GUIDs, random values, trace ids) or capped (<c>Substring(0, N)</c>,
/// <c>[..N]</c>, <c>Truncate(N)</c>) when that is visible. Member texts are folded once per compilation, and the same
/// member folds to the same text however many threads ask and in whatever order (a member whose text refers back to one
/// being folded is not cached).
/// </summary>
internal sealed partial class TextFolder
{
    // How deep an expression is followed (concatenations, interpolations, locals) before the rest becomes a hole: keeps
    // the recursion's stack bounded on generated code.
    private const int MaxExpressionDepth = 200;

    // How many members are followed through one another (A = B + "…", B = C + "…") before the next one becomes a hole.
    private const int MaxMemberChain = 8;

    private readonly Compilation _compilation;
    private readonly ConcurrentDictionary<ISymbol, FoldedText?> _members = new(SymbolEqualityComparer.Default);

    public TextFolder(Compilation compilation) => _compilation = compilation;

    public FoldedText Fold(IOperation operation, CancellationToken cancellationToken)
        => Fold(operation, new FoldChain(), cancellationToken);

    /// <summary>Folds <paramref name="operation"/> with what <paramref name="substitute"/> maps standing for its value (one element of the collection a loop sends).</summary>
    public FoldedText Fold(IOperation operation, Func<IOperation, IOperation?> substitute, CancellationToken cancellationToken)
        => Fold(operation, new FoldChain(substitute), cancellationToken);

    private FoldedText Fold(IOperation operation, FoldChain chain, CancellationToken cancellationToken)
    {
        var segments = new List<PromptSegment>();
        var member = Append(operation, segments, 0, chain, cancellationToken);
        return new FoldedText(segments, member);
    }

    // Returns the member when the whole expression is one member's text.
    private ISymbol? Append(IOperation operation, List<PromptSegment> segments, int depth, FoldChain chain, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        operation = ValueTracking.Unwrap(operation);

        var memberSymbol = MemberOf(operation);
        if (operation.ConstantValue.HasValue)
        {
            if (operation.ConstantValue.Value is string constant)
            {
                PromptSegment.AppendStatic(segments, constant);
                return memberSymbol;
            }

            if (operation.ConstantValue.Value is null)
            {
                return null;
            }

            // A const number or bool in an interpolation is text fixed at compile time, not a hole.
            if (operation.ConstantValue.Value is IFormattable or bool or char)
            {
                PromptSegment.AppendStatic(segments, Convert.ToString(operation.ConstantValue.Value, CultureInfo.InvariantCulture) ?? string.Empty);
                return null;
            }
        }

        switch (operation)
        {
            case IInterpolatedStringOperation interpolated:
                foreach (var part in interpolated.Parts)
                {
                    switch (part)
                    {
                        case IInterpolatedStringTextOperation text when text.Text.ConstantValue.Value is string literal:
                            PromptSegment.AppendStatic(segments, literal);
                            break;
                        case IInterpolationOperation hole when hole.Alignment is null && hole.FormatString is null:
                            Append(hole.Expression, segments, depth + 1, chain, cancellationToken);
                            break;
                        case IInterpolationOperation hole:
                            segments.Add(HoleFacts.HoleFor(hole.Expression));
                            break;

                        // An interpolation passed to a handler parameter (StringBuilder.Append($"…")): the same parts as calls.
                        case IInterpolatedStringAppendOperation { Kind: OperationKind.InterpolatedStringAppendLiteral, AppendCall: IInvocationOperation { Arguments.Length: 1 } literal }
                            when literal.Arguments[0].Value.ConstantValue.Value is string handlerText:
                            PromptSegment.AppendStatic(segments, handlerText);
                            break;
                        case IInterpolatedStringAppendOperation { Kind: OperationKind.InterpolatedStringAppendFormatted, AppendCall: IInvocationOperation { Arguments.Length: 1 } formatted }:
                            Append(formatted.Arguments[0].Value, segments, depth + 1, chain, cancellationToken);
                            break;
                        case IInterpolatedStringAppendOperation { AppendCall: IInvocationOperation { Arguments.Length: > 0 } other }:
                            segments.Add(HoleFacts.HoleFor(other.Arguments[0].Value));
                            break;
                    }
                }

                return null;

            case IInterpolatedStringHandlerCreationOperation handler:
                Append(handler.Content, segments, depth + 1, chain, cancellationToken);
                return null;

            case IInterpolatedStringAdditionOperation addition:
                Append(addition.Left, segments, depth + 1, chain, cancellationToken);
                Append(addition.Right, segments, depth + 1, chain, cancellationToken);
                return null;

            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } binary when binary.Type?.SpecialType == SpecialType.System_String:
                Append(binary.LeftOperand, segments, depth + 1, chain, cancellationToken);
                Append(binary.RightOperand, segments, depth + 1, chain, cancellationToken);
                return null;

            case IInvocationOperation { TargetMethod: { Name: "Concat", ContainingType.SpecialType: SpecialType.System_String } } concat
                when concat.Arguments.All(a => a.Value.Type?.SpecialType == SpecialType.System_String):
                foreach (var argument in concat.Arguments)
                {
                    Append(argument.Value, segments, depth + 1, chain, cancellationToken);
                }

                return null;
        }

        // A parameter of a method being folded stands for whatever each caller passes (see AppendCall).
        if (operation is IParameterReferenceOperation parameter && chain.ParameterHole(parameter.Parameter) is { } parameterHole)
        {
            segments.Add(parameterHole);
            return null;
        }

        if (depth < MaxExpressionDepth && operation is IInvocationOperation call && AppendBuilt(call, segments, depth, chain, cancellationToken))
        {
            return null;
        }

        if (memberSymbol is not null && depth < MaxExpressionDepth && MemberText(memberSymbol, chain, cancellationToken) is { } memberText)
        {
            foreach (var segment in memberText.Segments)
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

            return memberText.SourceMember ?? memberSymbol;
        }

        if (depth < MaxExpressionDepth && chain.ValueOf(operation) is { } elementValue)
        {
            return Append(elementValue, segments, depth + 1, chain, cancellationToken);
        }

        if (operation is ILocalReferenceOperation local && depth < MaxExpressionDepth && LocalInitializer(local) is { } initializer)
        {
            return Append(initializer, segments, depth + 1, chain, cancellationToken);
        }

        segments.Add(HoleFacts.HoleFor(operation));
        return null;
    }

    /// <summary>The text of a field, property or parameterless method, folded once per compilation; null when it has none we can see.</summary>
    /// <param name="member">The member.</param>
    /// <param name="declared">True for a <c>[Prompt]</c> member measured at its declaration: a method's parameters become holes.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    public FoldedText? MemberText(ISymbol member, bool declared, CancellationToken cancellationToken)
        => MemberText(member, new FoldChain(), cancellationToken);

    private FoldedText? MemberText(ISymbol member, FoldChain chain, CancellationToken cancellationToken)
    {
        if (_members.TryGetValue(member, out var cached))
        {
            return cached;
        }

        // A member already being folded further up (A = B + "…", B = A + "…"): a hole here, and the texts folded in
        // between depend on where the fold started, so none of them is cached.
        var index = chain.IndexOf(member);
        if (index >= 0)
        {
            chain.DependsOn(index);
            return null;
        }

        if (chain.Count >= MaxMemberChain)
        {
            chain.DependsOn(0);
            return null;
        }

        var holes = member is IMethodSymbol { Parameters.Length: > 0 } method ? method.Parameters.Select(p => PromptSegment.Hole(p.Name)).ToArray() : null;
        var position = chain.Push(member, holes);
        var result = Fold(member, MemberExpression(member, cancellationToken), chain, cancellationToken);
        if (result is not null && holes is not null)
        {
            result = new FoldedText(result.Segments, result.SourceMember, holes);
        }

        if (chain.Pop(position))
        {
            _members.TryAdd(member, result);
        }

        return result;
    }

    private FoldedText? Fold(ISymbol member, ExpressionSyntax? expression, FoldChain chain, CancellationToken cancellationToken)
    {
        FoldedText? result = null;
        if (expression is not null)
        {
            // Folding across files needs that file's semantic model; the compilation caches it and we ask once per member.
#pragma warning disable RS1030
            var model = _compilation.GetSemanticModel(expression.SyntaxTree);
#pragma warning restore RS1030
            var operation = model.GetOperation(expression, cancellationToken);
            if (operation is not null)
            {
                var folded = Fold(operation, chain, cancellationToken);
                result = new FoldedText(folded.Segments, member);
            }
        }
        else if (member is IFieldSymbol { HasConstantValue: true, ConstantValue: string constant })
        {
            result = new FoldedText(new[] { PromptSegment.Static(constant) }, member);
        }

        return result;
    }

    private static ExpressionSyntax? MemberExpression(ISymbol member, CancellationToken cancellationToken)
    {
        if (member.DeclaringSyntaxReferences.Length != 1)
        {
            return null;
        }

        var syntax = member.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken);
        switch (member)
        {
            case IFieldSymbol { Type.SpecialType: SpecialType.System_String, IsConst: true }:
                return (syntax as VariableDeclaratorSyntax)?.Initializer?.Value;
            case IFieldSymbol { Type.SpecialType: SpecialType.System_String } field when field.IsReadOnly || field.DeclaredAccessibility == Accessibility.Private:
                return OnlyWrite(field, (syntax as VariableDeclaratorSyntax)?.Initializer?.Value, cancellationToken);
            case IPropertySymbol { Type.SpecialType: SpecialType.System_String } candidate when syntax is PropertyDeclarationSyntax property:
                if (property.ExpressionBody is { } arrow)
                {
                    return arrow.Expression;
                }

                var getter = property.AccessorList?.Accessors.FirstOrDefault(a => a.IsKind(SyntaxKind.GetAccessorDeclaration));
                if (getter is { Body: null, ExpressionBody: null })
                {
                    // An auto-property: its initializer, or the one assignment a constructor makes when only the type can set it.
                    return candidate.SetMethod is null || candidate.SetMethod.DeclaredAccessibility == Accessibility.Private
                        ? OnlyWrite(candidate, property.Initializer?.Value, cancellationToken)
                        : candidate.SetMethod.IsInitOnly ? property.Initializer?.Value : null;
                }

                return candidate.SetMethod is null or { IsInitOnly: true } ? SingleReturn(getter) : null;
            case IMethodSymbol { ReturnType.SpecialType: SpecialType.System_String, IsAbstract: false, IsExtern: false }:
                return syntax switch
                {
                    MethodDeclarationSyntax method => method.ExpressionBody?.Expression ?? LastReturn(method.Body),
                    LocalFunctionStatementSyntax local => local.ExpressionBody?.Expression ?? LastReturn(local.Body),
                    AnonymousFunctionExpressionSyntax lambda => lambda.ExpressionBody ?? LastReturn(lambda.Block),
                    _ => null,
                };
            default:
                return null;
        }
    }

    private static ExpressionSyntax? SingleReturn(SyntaxNode? node)
    {
        if (node is AccessorDeclarationSyntax { ExpressionBody.Expression: { } arrow })
        {
            return arrow;
        }

        var body = node switch
        {
            AccessorDeclarationSyntax accessor => accessor.Body,
            BlockSyntax block => block,
            _ => null,
        };
        return body?.Statements.Count == 1 && body.Statements[0] is ReturnStatementSyntax { Expression: { } value } ? value : null;
    }

    private static IOperation? LocalInitializer(ILocalReferenceOperation reference)
    {
        // A local counts when it is declared once with an initializer and never assigned again in the same body.
        IOperation root = reference;
        while (root.Parent is not null)
        {
            root = root.Parent;
        }

        IOperation? initializer = null;
        foreach (var descendant in root.DescendantsAndSelf())
        {
            switch (descendant)
            {
                case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, reference.Local):
                    initializer = declarator.Initializer?.Value;
                    break;
                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } when SymbolEqualityComparer.Default.Equals(target.Local, reference.Local):
                case ICompoundAssignmentOperation { Target: ILocalReferenceOperation compound } when SymbolEqualityComparer.Default.Equals(compound.Local, reference.Local):
                    return null;
            }
        }

        return initializer;
    }

    private static ISymbol? MemberOf(IOperation operation) => operation switch
    {
        IFieldReferenceOperation field => field.Field,
        IPropertyReferenceOperation property when property.Arguments.Length == 0 => property.Property,
        IInvocationOperation { Arguments.Length: 0, Instance: null or IInstanceReferenceOperation } invocation => invocation.TargetMethod,
        _ => null,
    };

    internal static string FullName(ISymbol symbol)
    {
        // Local functions of the same name in two methods are two prompts: the method they are in is part of the id.
        if (symbol is IMethodSymbol { MethodKind: MethodKind.LocalFunction, ContainingSymbol: { } outer })
        {
            return FullName(outer) + "." + symbol.Name;
        }

        var name = symbol switch
        {
            IMethodSymbol { Name: "<Main>$" } => "Main",
            IMethodSymbol { MethodKind: MethodKind.Constructor or MethodKind.StaticConstructor } => "ctor",
            IMethodSymbol { MethodKind: MethodKind.PropertyGet or MethodKind.PropertySet, AssociatedSymbol: { } property } => property.Name,
            _ => symbol.Name,
        };
        var type = symbol as INamedTypeSymbol ?? symbol.ContainingType;
        if (type is null)
        {
            return name;
        }

        var typeName = type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat.WithGlobalNamespaceStyle(SymbolDisplayGlobalNamespaceStyle.Omitted).WithGenericsOptions(SymbolDisplayGenericsOptions.None));
        return ReferenceEquals(type, symbol) ? typeName : typeName + "." + name;
    }

    internal static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
