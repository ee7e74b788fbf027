using System;
using System.Collections.Immutable;
using System.Composition;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;
using PromptLint.Analyzers.Diagnostics;
using PromptLint.Core.FrontEnds;
using PromptLint.Core.Rules;
using PromptLint.Core.Text;

namespace PromptLint.CodeFixes;

/// <summary>
/// PL0010 and PL0011 in a plain-text prompt file (<c>.txt</c>, <c>.md</c>) without holes: the whole file is the
/// prompt's static text, so the fix rewrites the file as the rule measured it (characters to ASCII; trailing
/// whitespace and extra blank lines removed) and the prompt shrinks by exactly the tokens the message states.
/// The file keeps its line endings. Files with holes or with settings (YAML) get no fix.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(TidyTextPromptFileFix), DocumentKinds = new[] { nameof(TextDocumentKind.AdditionalDocument) }), Shared]
public sealed class TidyTextPromptFileFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.CostlyCharacters, DiagnosticIds.WhitespaceBloat);

    /// <inheritdoc />
    public override FixAllProvider? GetFixAllProvider() => null;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var document = context.TextDocument;
        if (document is Document || !IsPlainText(document.FilePath ?? document.Name))
        {
            return;
        }

        var text = (await document.GetTextAsync(context.CancellationToken).ConfigureAwait(false)).ToString();
        var normalized = TextNormalizer.NormalizeLineEndings(text);
        var templates = TextFrontEnd.Read(new PromptFileInput(document.FilePath ?? document.Name, "fix", normalized)).Templates;
        if (templates.Count != 1 || templates[0].Messages.Count != 1 || templates[0].Messages[0].Segments.Count != 1 || templates[0].Messages[0].Segments[0].IsHole)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            Func<string, string> rewrite = diagnostic.Id == DiagnosticIds.CostlyCharacters ? CostlyCharacters.ToAscii : WhitespaceBloat.Collapse;
            var rewritten = rewrite(normalized);
            if (string.Equals(rewritten, normalized, StringComparison.Ordinal))
            {
                continue;
            }

            var title = diagnostic.Id == DiagnosticIds.CostlyCharacters ? "Replace the characters with ASCII in the prompt file" : "Remove trailing whitespace and extra blank lines from the prompt file";
            context.RegisterCodeFix(CodeAction.Create(title, c => Apply(document, text, rewritten, c), nameof(TidyTextPromptFileFix) + "." + diagnostic.Id), diagnostic);
        }
    }

    private static bool IsPlainText(string path)
        => path.EndsWith(".txt", StringComparison.OrdinalIgnoreCase) && !Path.GetFileName(path).Equals("skprompt.txt", StringComparison.OrdinalIgnoreCase)
           || path.EndsWith(".md", StringComparison.OrdinalIgnoreCase);

    private static async Task<Solution> Apply(TextDocument document, string original, string rewritten, CancellationToken cancellationToken)
    {
        var source = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
        var edited = original.Contains("\r\n") ? rewritten.Replace("\n", "\r\n") : rewritten;
        return document.Project.Solution.WithAdditionalDocumentText(document.Id, SourceText.From(edited, source.Encoding ?? System.Text.Encoding.UTF8));
    }
}
