using System;
using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Text;
using PromptLint.Analyzers.Diagnostics;
using PromptLint.Contracts.Rules;
using PromptLint.Core.FrontEnds;

namespace PromptLint.CodeFixes;

/// <summary>
/// PL0003: adds the output cap the analyzer asked for — into the existing options initializer
/// (<c>ChatOptions.MaxOutputTokens</c>, <c>ChatCompletionOptions.MaxOutputTokenCount</c>, execution settings'
/// <c>MaxTokens</c>), or as new <c>ChatOptions</c> passed to an <c>IChatClient</c> call. The value is
/// <c>promptlint.default_max_output_tokens</c>, carried in the diagnostic. Fix-all batches per document, project, solution.
/// </summary>
// DocumentKinds: without AdditionalDocument the IDE never asks this provider about prompt files.
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddOutputCapFix), DocumentKinds = new[] { nameof(TextDocumentKind.Document), nameof(TextDocumentKind.AdditionalDocument) }), Shared]
public sealed class AddOutputCapFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.MissingOutputCap);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => FixAll;

    // C# diagnostics go to the batch fixer; prompt files get one edit each (the batch fixer does not edit them).
    private static readonly PromptFileFixAll FixAll = new(
        "Cap output in the prompt files",
        (diagnostic, _, text) => IsFileFix(diagnostic, out var kind) ? PromptFileEdits.AddOutputCap(kind, text, DefaultCap(diagnostic)) : null,
        WellKnownFixAllProviders.BatchFixer);

    private static bool IsFileFix(Diagnostic diagnostic, out PromptFileKind kind)
    {
        kind = default;
        return diagnostic.Properties.TryGetValue(FixProperties.CapFix, out var fileFix) && fileFix == FixProperties.CapFixKinds.PromptFile
            && diagnostic.Properties.TryGetValue(FixProperties.PromptFileKind, out var kindName) && Enum.TryParse(kindName, out kind);
    }

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        // Prompt files are additional documents: the cap goes into their YAML, in the file's own spelling.
        if (context.TextDocument is not Document document)
        {
            foreach (var diagnostic in context.Diagnostics)
            {
                if (IsFileFix(diagnostic, out var kind))
                {
                    var cap = DefaultCap(diagnostic);
                    context.RegisterCodeFix(
                        CodeAction.Create($"Cap output at {cap.ToString("N0", CultureInfo.InvariantCulture)} tokens in the prompt file", c => AddToPromptFile(context.TextDocument, kind, cap, c), nameof(AddOutputCapFix) + ".File"),
                        diagnostic);
                }
            }

            return;
        }

        var root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            // The property name becomes code: a name that is not an identifier (a diagnostic of another version, a
            // spoilt property) gets no fix rather than an edit that does not compile.
            if (!diagnostic.Properties.TryGetValue(FixProperties.CapFix, out var kind) || !diagnostic.Properties.TryGetValue(FixProperties.CapProperty, out var property) || property is null || !SyntaxFacts.IsValidIdentifier(property))
            {
                continue;
            }

            var value = DefaultCap(diagnostic);
            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            var title = $"Cap output at {value.ToString("N0", CultureInfo.InvariantCulture)} tokens ({property})";
            switch (kind)
            {
                case FixProperties.CapFixKinds.AddToInitializer when node.FirstAncestorOrSelf<BaseObjectCreationExpressionSyntax>() is { } creation:
                    context.RegisterCodeFix(CodeAction.Create(title, c => AddToInitializer(document, creation, property, value, c), nameof(AddOutputCapFix)), diagnostic);
                    break;
                case FixProperties.CapFixKinds.AddArgument when node.FirstAncestorOrSelf<InvocationExpressionSyntax>() is { } invocation:
                    context.RegisterCodeFix(CodeAction.Create(title, c => AddOptionsArgument(document, invocation, property, value, c), nameof(AddOutputCapFix)), diagnostic);
                    break;
            }
        }
    }

    private static int DefaultCap(Diagnostic diagnostic)
        => diagnostic.Properties.TryGetValue(FixProperties.DefaultMaxOutputTokens, out var text) && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : 1024;

    private static async Task<Solution> AddToPromptFile(TextDocument document, PromptFileKind kind, int cap, CancellationToken cancellationToken)
    {
        var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
        var edited = PromptFileEdits.AddOutputCap(kind, text.ToString(), cap);
        return edited is null
            ? document.Project.Solution
            : document.Project.Solution.WithAdditionalDocumentText(document.Id, SourceText.From(edited, text.Encoding ?? System.Text.Encoding.UTF8));
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
