using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace PromptLint.Analyzers.CSharp;

/// <summary>
/// The calls of a helper method that sends a prompt built from its parameters
/// (<c>GetAndParseJsonChatCompletion(prompt, maxTokens: 2000)</c>): each call passes the text the helper sends. Bounded
/// so the IDE stays fast: one level (the helper's own callers, not theirs), at most <see cref="MaxCallSites"/> calls per
/// helper (a helper called more often stays one prompt with holes), and only calls whose syntax names the helper get a
/// semantic model. The project's calls are indexed by the name they call once per compilation, when the first helper
/// asks: a project with many helpers reads its files once, not once per helper.
/// </summary>
internal sealed class HelperCallSites
{
    /// <summary>The most calls of one helper that are measured, each as its own prompt.</summary>
    public const int MaxCallSites = 16;

    private readonly Compilation _compilation;
    private readonly ConcurrentDictionary<IMethodSymbol, IReadOnlyList<IInvocationOperation>> _calls = new(SymbolEqualityComparer.Default);
    private readonly object _indexLock = new();
    private Dictionary<string, List<InvocationExpressionSyntax>>? _byName;

    public HelperCallSites(Compilation compilation) => _compilation = compilation;

    /// <summary>How many times the project's files were read to index their calls (once per compilation; tests check it).</summary>
    internal int IndexBuilds { get; private set; }

    /// <summary>The calls of <paramref name="helper"/> in this project, in file and source order; empty when there are more than <see cref="MaxCallSites"/>.</summary>
    public IReadOnlyList<IInvocationOperation> Of(IMethodSymbol helper, CancellationToken cancellationToken)
        => _calls.GetOrAdd(helper.OriginalDefinition, h => Find(h, cancellationToken));

    private IReadOnlyList<IInvocationOperation> Find(IMethodSymbol helper, CancellationToken cancellationToken)
    {
        if (!Index(cancellationToken).TryGetValue(helper.Name, out var named))
        {
            return Array.Empty<IInvocationOperation>();
        }

        var found = new List<IInvocationOperation>();
        SemanticModel? model = null;
        foreach (var invocation in named)
        {
            if (model?.SyntaxTree != invocation.SyntaxTree)
            {
#pragma warning disable RS1030 // The callers live in other files; the compilation caches their models.
                model = _compilation.GetSemanticModel(invocation.SyntaxTree);
#pragma warning restore RS1030
            }

            if (model.GetOperation(invocation, cancellationToken) is IInvocationOperation call
                && (SymbolEqualityComparer.Default.Equals(call.TargetMethod.OriginalDefinition, helper) || SameLocalFunction(call.TargetMethod, helper)))
            {
                found.Add(call);
                if (found.Count > MaxCallSites)
                {
                    return Array.Empty<IInvocationOperation>();
                }
            }
        }

        return found;
    }

    // Every invocation of the project by the simple name it calls, in file and source order.
    private Dictionary<string, List<InvocationExpressionSyntax>> Index(CancellationToken cancellationToken)
    {
        lock (_indexLock)
        {
            if (_byName is { } built)
            {
                return built;
            }

            var byName = new Dictionary<string, List<InvocationExpressionSyntax>>(StringComparer.Ordinal);
            foreach (var tree in _compilation.SyntaxTrees)
            {
                foreach (var invocation in tree.GetRoot(cancellationToken).DescendantNodes().OfType<InvocationExpressionSyntax>())
                {
                    if (CalledName(invocation) is not { } name)
                    {
                        continue;
                    }

                    if (!byName.TryGetValue(name, out var list))
                    {
                        byName[name] = list = new List<InvocationExpressionSyntax>();
                    }

                    list.Add(invocation);
                }
            }

            IndexBuilds++;
            return _byName = byName;
        }
    }

    private static string? CalledName(InvocationExpressionSyntax invocation) => invocation.Expression switch
    {
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
        MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
        MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
        GenericNameSyntax generic => generic.Identifier.ValueText,
        _ => null,
    };

    /// <summary>What a call passes for each parameter of its helper that it gives an argument to.</summary>
    public static Func<IOperation, IOperation?> Substitution(IInvocationOperation call)
    {
        var arguments = call.Arguments.Where(a => a.Parameter is not null && a.ArgumentKind != ArgumentKind.ParamArray).ToDictionary(a => a.Parameter!.OriginalDefinition, a => a.Value, SymbolEqualityComparer.Default);

        // A local function's parameters are bound again by each semantic model: they are matched by name within it.
        var local = call.TargetMethod.MethodKind == MethodKind.LocalFunction
            ? call.Arguments.Where(a => a.Parameter is not null && a.ArgumentKind != ArgumentKind.ParamArray).ToDictionary(a => a.Parameter!.Name, a => a.Value, StringComparer.Ordinal)
            : null;
        return operation => operation is not IParameterReferenceOperation reference ? null
            : arguments.TryGetValue(reference.Parameter.OriginalDefinition, out var value) ? value
            : local is not null && reference.Parameter.ContainingSymbol is IMethodSymbol { MethodKind: MethodKind.LocalFunction } && SameLocalFunction(call.TargetMethod, (IMethodSymbol)reference.Parameter.ContainingSymbol)
              && local.TryGetValue(reference.Parameter.Name, out var byName) ? byName : null;
    }

    // The same local function seen through two semantic models: the same declaration.
    private static bool SameLocalFunction(IMethodSymbol called, IMethodSymbol helper)
        => called.MethodKind == MethodKind.LocalFunction && helper.MethodKind == MethodKind.LocalFunction
           && called.DeclaringSyntaxReferences.FirstOrDefault() is { } a && helper.DeclaringSyntaxReferences.FirstOrDefault() is { } b
           && a.SyntaxTree == b.SyntaxTree && a.Span == b.Span;
}
