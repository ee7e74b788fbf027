using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Formatting;
using PromptLint.Analyzers.Diagnostics;
using PromptLint.Contracts.Rules;

namespace PromptLint.CodeFixes;

/// <summary>
/// PL0004: for <c>"dynamic" + STATIC</c>, puts the static block first and the dynamic part after it on its own line
/// (<c>STATIC + "\n" + "dynamic"</c>), so the provider can cache the static block. Offered only where the analyzer
/// found that shape; holes inside a sentence get no fix.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MoveStaticTextFirstFix)), Shared]
public sealed class MoveStaticTextFirstFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.NonCacheablePrefix);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (root is null || !diagnostic.Properties.TryGetValue(FixProperties.CacheFix, out var kind) || kind != FixProperties.CacheFixKinds.SwapConcatenation
                || root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<BinaryExpressionSyntax>(b => b.IsKind(SyntaxKind.AddExpression)) is not { } concatenation)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    "Put the static text first so it can be cached",
                    _ =>
                    {
                        var newline = SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal("\n"));
                        var swapped = SyntaxFactory.BinaryExpression(
                                SyntaxKind.AddExpression,
                                SyntaxFactory.BinaryExpression(SyntaxKind.AddExpression, concatenation.Right.WithoutTrivia(), newline),
                                concatenation.Left.WithoutTrivia())
                            .WithTriviaFrom(concatenation)
                            .WithAdditionalAnnotations(Formatter.Annotation);
                        return Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(concatenation, swapped)));
                    },
                    nameof(MoveStaticTextFirstFix)),
                diagnostic);
        }
    }
}
