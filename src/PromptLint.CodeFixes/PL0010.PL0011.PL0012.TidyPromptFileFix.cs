using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;
using PromptLint.Analyzers.Diagnostics;
using PromptLint.Contracts.Rules;
using PromptLint.Core.Checking;
using PromptLint.Core.FrontEnds;

namespace PromptLint.CodeFixes;

/// <summary>
/// PL0010 (characters to ASCII), PL0011 (trailing whitespace, extra blank lines) and PL0012 (minify JSON) in a prompt
/// file: plain-text templates, the body of a <c>.prompty</c> file, and literal <c>|</c> blocks of Semantic Kernel and
/// GitHub Models YAML. The rule's own rewrite is applied to the static text between holes; holes, keys, comments and
/// line endings stay as written, and the fix is offered only when the file reads back as exactly that rewrite, so the
/// prompt shrinks by the tokens the message states. Fix-all (project, solution) makes one edit per file.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(TidyPromptFileFix), DocumentKinds = new[] { nameof(TextDocumentKind.AdditionalDocument) }), Shared]
public sealed class TidyPromptFileFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.CostlyCharacters, RuleIds.WhitespaceBloat, RuleIds.PrettyJson);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => FixAll;

    // One edit per file: every rule's rewrite in turn, each checked like the single fix.
    private static readonly PromptFileFixAll FixAll = new(
        "Tidy the prompt files",
        (diagnostic, document, text) => Rewrite(diagnostic.Id) is { } rule && Kind(diagnostic, document) is { } kind
            ? PromptFileEdits.RewriteStaticText(kind, document.FilePath ?? document.Name, text, rule.Rewrite)
            : null);

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var document = context.TextDocument;
        if (document is Document)
        {
            return;
        }

        var text = (await document.GetTextAsync(context.CancellationToken).ConfigureAwait(false)).ToString();
        foreach (var diagnostic in context.Diagnostics)
        {
            if (Rewrite(diagnostic.Id) is not { } rule || Kind(diagnostic, document) is not { } kind
                || PromptFileEdits.RewriteStaticText(kind, document.FilePath ?? document.Name, text, rule.Rewrite) is not { } edited)
            {
                continue;
            }

            context.RegisterCodeFix(CodeAction.Create(rule.Title, c => Apply(document, edited, c), EquivalenceKey(diagnostic.Id)), diagnostic);
        }
    }

    private static string EquivalenceKey(string id) => nameof(TidyPromptFileFix) + "." + id;

    // The rule's rewrite and title are Core's, shared with promptlint check --fix.
    private static (string Title, Func<string, string> Rewrite)? Rewrite(string id) => PromptFileFixes.StaticTextRewrite(id);

    // The kind the analyzer read the file as; a diagnostic from an older analyzer without it falls back to the name.
    private static PromptFileKind? Kind(Diagnostic diagnostic, TextDocument document)
    {
        if (diagnostic.Properties.TryGetValue(FixProperties.PromptFileKind, out var name) && Enum.TryParse<PromptFileKind>(name, out var kind))
        {
            return kind;
        }

        return document.FilePath is { } path ? PromptFileKinds.Detect(path) : null;
    }

    private static async Task<Solution> Apply(TextDocument document, string edited, CancellationToken cancellationToken)
    {
        var source = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
        return document.Project.Solution.WithAdditionalDocumentText(document.Id, SourceText.From(edited, source.Encoding ?? System.Text.Encoding.UTF8));
    }
}
