using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;

namespace PromptLint.CodeFixes;

/// <summary>
/// Fix-all for fixes that edit prompt files. The batch fixer merges text changes of source documents only, so the
/// diagnostics in additional documents are grouped by file here and each file gets one edit: <c>edit</c> applied for
/// each of its diagnostics in turn (it returns null when a diagnostic cannot be fixed; the file then keeps the previous
/// text). Diagnostics in C# documents, when the provider has them too, go to <c>sourceFixer</c> first.
/// </summary>
internal sealed class PromptFileFixAll : FixAllProvider
{
    private readonly Func<Diagnostic, TextDocument, string, string?> _edit;
    private readonly FixAllProvider? _sourceFixer;
    private readonly string _title;

    public PromptFileFixAll(string title, Func<Diagnostic, TextDocument, string, string?> edit, FixAllProvider? sourceFixer = null)
    {
        _title = title;
        _edit = edit;
        _sourceFixer = sourceFixer;
    }

    public override IEnumerable<FixAllScope> GetSupportedFixAllScopes() => new[] { FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution };

    public override async Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext)
    {
        var solution = fixAllContext.Solution;
        if (_sourceFixer is not null && await _sourceFixer.GetFixAsync(fixAllContext).ConfigureAwait(false) is { } sourceFix)
        {
            foreach (var operation in await sourceFix.GetOperationsAsync(fixAllContext.CancellationToken).ConfigureAwait(false))
            {
                if (operation is ApplyChangesOperation apply)
                {
                    solution = apply.ChangedSolution;
                }
            }
        }

        var changed = solution != fixAllContext.Solution;
        var projects = fixAllContext.Scope == FixAllScope.Solution ? fixAllContext.Solution.Projects : new[] { fixAllContext.Project };
        foreach (var project in projects)
        {
            var diagnostics = await fixAllContext.GetAllDiagnosticsAsync(project).ConfigureAwait(false);
            foreach (var file in diagnostics.Where(d => d.Location.Kind == LocationKind.ExternalFile).GroupBy(d => d.Location.GetLineSpan().Path, StringComparer.Ordinal))
            {
                var document = solution.GetProject(project.Id)?.AdditionalDocuments.FirstOrDefault(d => string.Equals(d.FilePath, file.Key, StringComparison.Ordinal));
                if (document is null || (fixAllContext.Scope == FixAllScope.Document && fixAllContext.Document is { } only && only.Id != document.Id))
                {
                    continue;
                }

                var source = await document.GetTextAsync(fixAllContext.CancellationToken).ConfigureAwait(false);
                var original = source.ToString();
                var text = original;
                foreach (var diagnostic in file.OrderBy(d => d.Id, StringComparer.Ordinal).ThenBy(d => d.Location.SourceSpan.Start))
                {
                    text = _edit(diagnostic, document, text) ?? text;
                }

                if (!string.Equals(text, original, StringComparison.Ordinal))
                {
                    solution = solution.WithAdditionalDocumentText(document.Id, SourceText.From(text, source.Encoding ?? System.Text.Encoding.UTF8));
                    changed = true;
                }
            }
        }

        return changed ? CodeAction.Create(_title, _ => Task.FromResult(solution), fixAllContext.CodeActionEquivalenceKey) : null;
    }
}
