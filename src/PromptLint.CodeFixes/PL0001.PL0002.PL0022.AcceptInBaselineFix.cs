using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;
using PromptLint.Analyzers.Diagnostics;
using PromptLint.Contracts.Baseline;
using PromptLint.Contracts.Rules;
using PromptLint.Core.Reporting;

namespace PromptLint.CodeFixes;

/// <summary>
/// PL0001 and PL0002: accepts the change in the committed <c>promptlint.baseline.json</c>, the way PublicApiAnalyzers
/// edits its API files — adds a new prompt's entry, replaces a grown prompt's entry, removes an entry whose prompt is
/// gone — so the change is reviewed in the same pull request. The file is written as
/// <c>PromptLintUpdateBaseline=true</c> writes it (sorted, one entry per line, LF), with every other entry as it was.
/// A baseline with any problem (PL0100) is not touched: rewriting it could drop what the reader had to skip.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AcceptInBaselineFix), DocumentKinds = new[] { nameof(TextDocumentKind.Document), nameof(TextDocumentKind.AdditionalDocument) }), Shared]
public sealed class AcceptInBaselineFix : CodeFixProvider
{
    private const string EquivalenceKey = nameof(AcceptInBaselineFix);

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.FootprintRegressed, RuleIds.BaselineMismatch, RuleIds.CostRegressed);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => BaselineFixAll.Instance;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var project = context.TextDocument.Project;
        foreach (var diagnostic in context.Diagnostics)
        {
            if (Change.From(diagnostic) is not { } change || Baseline(project, change.BaselinePath) is not { } baseline)
            {
                continue;
            }

            var edited = await EditAsync(baseline, new[] { change }, context.CancellationToken).ConfigureAwait(false);
            if (edited is null)
            {
                continue;
            }

            var title = change.Kind switch
            {
                FixProperties.BaselineFixKinds.Add => $"Add '{change.Id}' to {baseline.Name}",
                FixProperties.BaselineFixKinds.Update => $"Accept the new footprint of '{change.Id}' in {baseline.Name}",
                _ => $"Remove '{change.Id}' from {baseline.Name}",
            };
            context.RegisterCodeFix(CodeAction.Create(title, _ => Task.FromResult(edited), EquivalenceKey), diagnostic);
        }
    }

    // The baseline additional document the analyzer read, by the path it put in the diagnostic.
    private static TextDocument? Baseline(Project project, string path)
        => project.AdditionalDocuments.FirstOrDefault(d => string.Equals(d.FilePath, path, StringComparison.Ordinal));

    // The solution with every change applied to one baseline document; null when nothing changes or the file has problems.
    private static async Task<Solution?> EditAsync(TextDocument baseline, IReadOnlyCollection<Change> changes, CancellationToken cancellationToken)
    {
        var source = await baseline.GetTextAsync(cancellationToken).ConfigureAwait(false);
        var text = source.ToString();
        var document = BaselineSerializer.Parse(text);
        if (document.Problems.Count > 0)
        {
            return null;
        }

        var entries = document.Entries.Values.ToDictionary(e => e.Id, StringComparer.Ordinal);
        foreach (var group in changes.GroupBy(c => c.Id, StringComparer.Ordinal))
        {
            // One id measured at several sites (a text member sent by several calls): the largest stands for it, as in the report.
            var measured = group.Where(c => c.Entry is not null)
                .OrderByDescending(c => c.Entry!.StaticTokens).ThenBy(c => c.File, StringComparer.Ordinal).ThenBy(c => c.Line).ThenBy(c => c.Entry!.ContentHash, StringComparer.Ordinal)
                .FirstOrDefault();
            if (measured is not null)
            {
                entries[group.Key] = measured.Entry!;
            }
            else
            {
                entries.Remove(group.Key);
            }
        }

        var edited = BaselineSerializer.Write(entries.Values);
        return string.Equals(edited, text, StringComparison.Ordinal)
            ? null
            : baseline.Project.Solution.WithAdditionalDocumentText(baseline.Id, SourceText.From(edited, source.Encoding ?? new System.Text.UTF8Encoding(false)));
    }

    /// <summary>One diagnostic's change to the baseline, read from its properties alone.</summary>
    private sealed class Change
    {
        private Change(string kind, string id, string baselinePath, BaselineEntry? entry, string file, int line)
        {
            Kind = kind;
            Id = id;
            BaselinePath = baselinePath;
            Entry = entry;
            File = file;
            Line = line;
        }

        public string Kind { get; }

        public string Id { get; }

        public string BaselinePath { get; }

        /// <summary>The entry as measured; null for a removal.</summary>
        public BaselineEntry? Entry { get; }

        public string File { get; }

        public int Line { get; }

        public static Change? From(Diagnostic diagnostic)
        {
            string? Get(string key) => diagnostic.Properties.TryGetValue(key, out var value) && !string.IsNullOrEmpty(value) ? value : null;
            int? Int(string key) => int.TryParse(Get(key), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;

            if (Get(FixProperties.BaselineFix) is not { } kind || Get(FixProperties.BaselinePath) is not { } path || Get(MeasurementProperties.Keys.PromptId) is not { } id)
            {
                return null;
            }

            if (kind == FixProperties.BaselineFixKinds.Remove)
            {
                return new Change(kind, id, path, null, string.Empty, 0);
            }

            if (kind is not (FixProperties.BaselineFixKinds.Add or FixProperties.BaselineFixKinds.Update)
                || Get(MeasurementProperties.Keys.Tokenizer) is not { } tokenizer || Get(MeasurementProperties.Keys.ContentHash) is not { } hash
                || Int(MeasurementProperties.Keys.StaticTokens) is not { } staticTokens || staticTokens > BaselineEntry.MaxTokens
                || Int(MeasurementProperties.Keys.StaticPrefixTokens) is not { } prefix || Int(MeasurementProperties.Keys.ToolSchemaTokens) is not { } tools)
            {
                return null;
            }

            // The entry records what a call costs (model and cap, null: uncapped) as a build's update writes it (PL0022).
            var entry = Get(MeasurementProperties.Keys.Model) is { } model
                ? new BaselineEntry(id, tokenizer, model, Int(MeasurementProperties.Keys.OutputCap), staticTokens, prefix, tools, hash)
                : new BaselineEntry(id, tokenizer, staticTokens, prefix, tools, hash);
            return new Change(kind, id, path, entry, Get(MeasurementProperties.Keys.File) ?? string.Empty, Int(MeasurementProperties.Keys.Line) ?? 0);
        }
    }

    /// <summary>
    /// Fix-all for a document, project or solution: every baseline change in scope, grouped by the baseline file they
    /// edit, applied in one rewrite each (the batch fixer merges text changes of source documents only).
    /// </summary>
    private sealed class BaselineFixAll : FixAllProvider
    {
        public static readonly BaselineFixAll Instance = new();

        public override IEnumerable<FixAllScope> GetSupportedFixAllScopes() => new[] { FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution };

        public override async Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext)
        {
            var solution = fixAllContext.Solution;
            var projects = fixAllContext.Scope == FixAllScope.Solution ? fixAllContext.Solution.Projects : new[] { fixAllContext.Project };
            foreach (var project in projects)
            {
                var diagnostics = await fixAllContext.GetAllDiagnosticsAsync(project).ConfigureAwait(false);
                if (fixAllContext.Scope == FixAllScope.Document && fixAllContext.Document is { FilePath: { } only })
                {
                    diagnostics = diagnostics.Where(d => string.Equals(d.Location.GetLineSpan().Path, only, StringComparison.Ordinal)).ToImmutableArray();
                }

                foreach (var file in diagnostics.Select(Change.From).Where(c => c is not null).GroupBy(c => c!.BaselinePath, StringComparer.Ordinal))
                {
                    if (Baseline(solution.GetProject(project.Id)!, file.Key) is { } baseline
                        && await EditAsync(baseline, file.ToList()!, fixAllContext.CancellationToken).ConfigureAwait(false) is { } edited)
                    {
                        solution = edited;
                    }
                }
            }

            return solution == fixAllContext.Solution ? null : CodeAction.Create("Accept every change in the baseline", _ => Task.FromResult(solution), EquivalenceKey);
        }
    }
}
