using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using PromptLint.Analyzers.Diagnostics;

namespace PromptLint.CodeFixes;

/// <summary>
/// PL0003: adds the output cap the analyzer asked for — into the existing options initializer
/// (<c>ChatOptions.MaxOutputTokens</c>, <c>ChatCompletionOptions.MaxOutputTokenCount</c>, execution settings'
/// <c>MaxTokens</c>), or as new <c>ChatOptions</c> passed to an <c>IChatClient</c> call. The value is
/// <c>promptlint.default_max_output_tokens</c>, carried in the diagnostic. Fix-all batches per document, project, solution.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddOutputCapFix)), Shared]
public sealed class AddOutputCapFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.MissingOutputCap);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue("capFix", out var kind) || !diagnostic.Properties.TryGetValue("capProperty", out var property) || property is null)
            {
                continue;
            }

            var value = diagnostic.Properties.TryGetValue("defaultMaxOutputTokens", out var text) && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : 1024;
            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            var title = $"Cap output at {value.ToString("N0", CultureInfo.InvariantCulture)} tokens ({property})";
            switch (kind)
            {
                case "AddToInitializer" when node.FirstAncestorOrSelf<BaseObjectCreationExpressionSyntax>() is { } creation:
                    context.RegisterCodeFix(CodeAction.Create(title, c => AddToInitializer(context.Document, creation, property, value, c), nameof(AddOutputCapFix)), diagnostic);
                    break;
                case "AddArgument" when node.FirstAncestorOrSelf<InvocationExpressionSyntax>() is { } invocation:
                    context.RegisterCodeFix(CodeAction.Create(title, c => AddOptionsArgument(context.Document, invocation, property, value, c), nameof(AddOutputCapFix)), diagnostic);
                    break;
            }
        }
    }

    private static async Task<Document> AddToInitializer(Document document, BaseObjectCreationExpressionSyntax creation, string property, int value, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var assignment = SyntaxFactory.AssignmentExpression(
            SyntaxKind.SimpleAssignmentExpression,
            SyntaxFactory.IdentifierName(property),
            SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(value)));
        var initializer = creation.Initializer is { } existing
            ? existing.WithExpressions(existing.Expressions.Add(assignment))
            : SyntaxFactory.InitializerExpression(SyntaxKind.ObjectInitializerExpression, SyntaxFactory.SingletonSeparatedList<ExpressionSyntax>(assignment));
        var updated = creation.WithInitializer(initializer.WithAdditionalAnnotations(Formatter.Annotation));
        return document.WithSyntaxRoot(root!.ReplaceNode(creation, updated));
    }

    private static async Task<Document> AddOptionsArgument(Document document, InvocationExpressionSyntax invocation, string property, int value, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);

        // The short name where it already means Microsoft.Extensions.AI.ChatOptions, the full one otherwise.
        var inScope = model?.LookupNamespacesAndTypes(invocation.SpanStart, name: "ChatOptions")
            .Any(s => s.ToDisplayString() == "Microsoft.Extensions.AI.ChatOptions") == true;
        var typeName = inScope ? "ChatOptions" : "Microsoft.Extensions.AI.ChatOptions";
        var options = SyntaxFactory.ParseExpression($"new {typeName} {{ {property} = {value.ToString(CultureInfo.InvariantCulture)} }}")
            .WithAdditionalAnnotations(Formatter.Annotation);

        // Named, so it lands on the options parameter wherever the other arguments stand.
        var argument = SyntaxFactory.Argument(SyntaxFactory.NameColon("options"), default, options);
        var updated = invocation.WithArgumentList(invocation.ArgumentList.AddArguments(argument));
        return document.WithSyntaxRoot(root!.ReplaceNode(invocation, updated));
    }
}
