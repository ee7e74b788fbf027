using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using PromptLint.Analyzers.CSharp.Sdks;

namespace PromptLint.Analyzers.CSharp;

/// <summary>
/// Messages a type puts into its own fields and properties while it is constructed (<c>_history.AddSystemMessage(…)</c>
/// in a constructor, <c>ChatHistory _history = new("…")</c>), for the methods that later send those fields: the send is
/// measured with them, and the constructor does not report them as a prompt of their own when another member uses the
/// field. Read once per type and compilation, from the type's constructors and initializers only.
/// </summary>
internal sealed class ConstructedMessages
{
    private static readonly IReadOnlyList<FoundMessage> None = new FoundMessage[0];

    private readonly Compilation _compilation;
    private readonly SdkRecognizers _sdks;
    private readonly ConcurrentDictionary<INamedTypeSymbol, TypeMessages> _types = new(SymbolEqualityComparer.Default);

    public ConstructedMessages(Compilation compilation, SdkRecognizers sdks)
    {
        _compilation = compilation;
        _sdks = sdks;
    }

    /// <summary>The messages the constructors and initializers of its type add to <paramref name="member"/>, in source order.</summary>
    public IReadOnlyList<FoundMessage> Of(ISymbol member, CancellationToken cancellationToken)
        => IsTracked(member) && For(member.ContainingType, cancellationToken).Messages.TryGetValue(member, out var messages) ? messages : None;

    /// <summary>True when a member of its type other than constructors and initializers names <paramref name="member"/>: the messages built for it are sent there.</summary>
    public bool UsedAfterConstruction(ISymbol member, CancellationToken cancellationToken)
        => IsTracked(member) && For(member.ContainingType, cancellationToken).NamesUsedLater.Contains(member.Name);

    /// <summary>True for a block that runs while its type is constructed: a constructor, or a field or property initializer.</summary>
    public static bool IsConstruction(ISymbol owner)
        => owner is IMethodSymbol { MethodKind: MethodKind.Constructor or MethodKind.StaticConstructor } or IFieldSymbol or IPropertySymbol;

    private static bool IsTracked(ISymbol member)
        => member is IFieldSymbol or IPropertySymbol && member.ContainingType is { } type && type.DeclaringSyntaxReferences.Length > 0;

    private TypeMessages For(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        if (_types.TryGetValue(type, out var known))
        {
            return known;
        }

        // Two threads may read the same type at once; both get the same answer and one is kept.
        return _types.GetOrAdd(type, Read(type, cancellationToken));
    }

    private TypeMessages Read(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        var roots = new List<IOperation>();
        var namesUsedLater = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is not TypeDeclarationSyntax declaration)
            {
                continue;
            }

#pragma warning disable RS1030 // The type's other parts live in other files; the compilation caches their models.
            var model = _compilation.GetSemanticModel(declaration.SyntaxTree);
#pragma warning restore RS1030
            foreach (var member in declaration.Members)
            {
                switch (member)
                {
                    case ConstructorDeclarationSyntax constructor when _sdks.MayTouch(constructor):
                        AddOperation(roots, model, constructor, cancellationToken);
                        break;
                    case ConstructorDeclarationSyntax:
                        break;
                    case FieldDeclarationSyntax field when _sdks.MayTouch(field):
                        // The whole declaration for the syntax hints: 'SystemChatMessage System = new("…")' names its type there.
                        foreach (var variable in field.Declaration.Variables)
                        {
                            if (variable.Initializer is { } initializer)
                            {
                                AddOperation(roots, model, initializer, cancellationToken);
                            }
                        }

                        break;
                    case FieldDeclarationSyntax:
                        break;
                    case PropertyDeclarationSyntax { Initializer: { } initializer } property when _sdks.MayTouch(property):
                        AddOperation(roots, model, initializer, cancellationToken);
                        break;
                    case BaseTypeDeclarationSyntax:
                        break;
                    default:
                        foreach (var name in member.DescendantNodes().OfType<IdentifierNameSyntax>())
                        {
                            namesUsedLater.Add(name.Identifier.ValueText);
                        }

                        break;
                }
            }
        }

        var messages = new Dictionary<ISymbol, IReadOnlyList<FoundMessage>>(SymbolEqualityComparer.Default);
        if (roots.Count > 0)
        {
            foreach (var pair in new CallSiteCollector(_sdks, cancellationToken).Containers(roots))
            {
                if (pair.Key is ISymbol member and (IFieldSymbol or IPropertySymbol) && SymbolEqualityComparer.Default.Equals(member.ContainingType, type))
                {
                    messages[member] = pair.Value.OrderBy(m => m.Origin.Syntax.SyntaxTree.FilePath, System.StringComparer.Ordinal).ThenBy(m => m.Position).ToList();
                }
            }
        }

        return new TypeMessages(messages, namesUsedLater);
    }

    private static void AddOperation(List<IOperation> roots, SemanticModel model, SyntaxNode node, CancellationToken cancellationToken)
    {
        if (model.GetOperation(node, cancellationToken) is { } operation)
        {
            roots.Add(operation);
        }
    }

    private sealed class TypeMessages
    {
        public TypeMessages(Dictionary<ISymbol, IReadOnlyList<FoundMessage>> messages, HashSet<string> namesUsedLater)
        {
            Messages = messages;
            NamesUsedLater = namesUsedLater;
        }

        public Dictionary<ISymbol, IReadOnlyList<FoundMessage>> Messages { get; }

        public HashSet<string> NamesUsedLater { get; }
    }
}
