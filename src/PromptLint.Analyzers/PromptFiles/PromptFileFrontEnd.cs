using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using PromptLint.Analyzers.Diagnostics;
using PromptLint.Analyzers.Hosting;
using PromptLint.Analyzers.Settings;
using PromptLint.Contracts.Rules;
using PromptLint.Core.Checking;
using PromptLint.Core.FrontEnds;

namespace PromptLint.Analyzers.PromptFiles;

/// <summary>The prompt-file front end inside the analyzer: hands each tagged additional file to Core's readers.</summary>
internal sealed class PromptFileFrontEnd
{
    private readonly FootprintSession _session;
    private readonly ImmutableDictionary<string, (AdditionalText File, string Kind)> _promptFiles;
    private readonly AnalyzerConfigOptionsProvider _options;
    private readonly PromptFileEvidence? _evidence;

    public PromptFileFrontEnd(FootprintSession session, ImmutableDictionary<string, (AdditionalText File, string Kind)> promptFiles, AnalyzerConfigOptionsProvider options, PromptFileEvidence? evidence = null)
    {
        _session = session;
        _promptFiles = promptFiles;
        _options = options;
        _evidence = evidence;
    }

    public void AnalyzeFile(AdditionalFileAnalysisContext context)
    {
        var file = context.AdditionalFile;
        if (_session.IsBaseline(file))
        {
            _session.ReportBaselineProblems(context);
            return;
        }

        if (!_promptFiles.TryGetValue(file.Path, out var entry))
        {
            return;
        }

        if (string.Equals(entry.Kind, PromptLintSettings.ModelsKind, StringComparison.OrdinalIgnoreCase))
        {
            ReportModelDataProblems(context);
            return;
        }

        // A flow folder's file that no flow names (its requirements.txt) is not read at all.
        if (PromptFileKinds.IsFlowTemplateCandidate(entry.Kind) && _evidence?.NamesFlowTemplate(file.Path) != true)
        {
            return;
        }

        var text = file.GetText(context.CancellationToken);
        if (text is null)
        {
            return;
        }

        var kind = PromptFileKinds.Resolve(entry.Kind, file.Path, text.Length, () => text.ToString(new TextSpan(0, Math.Min(text.Length, PromptFileKinds.HeadCharacters))), PromptLintSettings.LimitsFor(_options.GetOptions(file)).MaxCharacters);
        kind = _evidence?.Refine(kind, entry.Kind, file.Path, () => text.ToString(new TextSpan(0, Math.Min(text.Length, PromptFileKinds.HeadCharacters)))) ?? kind;
        if (kind is PromptFileKind.Unknown or PromptFileKind.SemanticKernelConfig)
        {
            return;
        }

        _session.Handover?.CountPromptFile();
        var report = _session.Sink(context.ReportDiagnostic, context.CancellationToken);
        var id = _session.Settings.RelativePath(file.Path);
        _session.MarkSeen(id);
        var fileOptions = _options.GetOptions(file);
        var limits = PromptLintSettings.LimitsFor(fileOptions);
        PromptFileResult result;
        try
        {
            using (_session.Handover?.Time(RunRecordCollector.Phase.FrontEnds))
            {
                // A file over the size limit is refused before its text is copied out of the compiler's buffer.
                // Text the compiler could not decode as UTF-8 is reported, not measured (PromptFileDecoding says how it is told).
                result = PromptFileReader.TooLong(file.Path, text.Length, limits)
                    ?? Decoded(file.Path, text, out var content)
                    ?? PromptFileReader.Read(new PromptFileInput(file.Path, id, content!, name => Companion(file.Path, name, context.CancellationToken), limits) { DecodedStrictly = PromptFileDecoding.DecodedStrictly(text.Encoding), Discovered = PromptFileKinds.IsDiscovered(entry.Kind) }, kind);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _session.ReportFailure(report, Locations.InText(file.Path, text, 1, 1), $"prompt file '{id}'", ex);
            return;
        }

        foreach (var problem in result.Problems)
        {
            var location = LocationOf(problem.Path, problem.Line, problem.Column, file, text, context.CancellationToken);
            report(Descriptors.Create(RuleIds.MalformedPromptFile, location, null, ("file", _session.Settings.RelativePath(problem.Path)), ("problem", problem.Message)));
        }

        // The file fixes (output cap, static-text rewrites) read the file as the analyzer did, with its kind.
        var fileKind = ImmutableDictionary<string, string?>.Empty.Add(FixProperties.PromptFileKind, kind.ToString());
        var settings = _session.Settings.OptionsFor(fileOptions);
        var lines = new Lazy<PromptFileText>(() => new PromptFileText(text.ToString()));
        foreach (var template in result.Templates)
        {
            var modelLocation = template.ModelLocation is { } m ? Locations.InText(file.Path, text, m.Line, m.Column) : null;
            var fixProperties = PromptFileFixes.CanCap(kind)
                ? fileKind.Add(FixProperties.CapFix, FixProperties.CapFixKinds.PromptFile)
                : fileKind;
            var site = new PromptSite(
                template,
                Locations.InText(file.Path, text, template.Location.Line, template.Location.Column),
                file.Path,
                modelLocation,
                callLocation: Locations.InText(file.Path, text, 1, 1),
                fixProperties: fixProperties,
                textLocation: span => TextLocation(file.Path, text, lines.Value, template, span),
                toolLocation: tool => string.Equals(tool.Location.Path, file.Path, StringComparison.Ordinal) ? Locations.LineContent(file.Path, text, tool.Location.Line) : null);
            _session.AnalyzeTemplate(report, site, settings);
        }
    }

    private static PromptFileResult? Decoded(string path, SourceText text, out string content)
    {
        content = text.ToString();
        return PromptFileDecoding.FromCompiler(path, content, text.Encoding);
    }

    // Where a finding's text is in the file: Core's reading (shared with promptlint check), as a location in the compiler's text.
    private static Location? TextLocation(string path, SourceText text, PromptFileText lines, Core.Model.PromptTemplate template, PromptLint.Core.Engine.PromptTextSpan span)
        => lines.Locate(template, span) is { } at ? Locations.Span(path, text, at.Line, at.Column, at.Length) : null;

    private (string Path, string Text)? Companion(string path, string name, System.Threading.CancellationToken cancellationToken)
    {
        var directory = path.Substring(0, path.LastIndexOfAny(new[] { '/', '\\' }) + 1);
        if (_promptFiles.TryGetValue(directory + name, out var companion) && companion.File.GetText(cancellationToken) is { } text)
        {
            return (companion.File.Path, text.ToString());
        }

        return null;
    }

    private Location LocationOf(string path, int line, int column, AdditionalText file, SourceText text, System.Threading.CancellationToken cancellationToken)
    {
        if (string.Equals(path, file.Path, StringComparison.Ordinal))
        {
            return Locations.InText(path, text, line, column);
        }

        return _promptFiles.TryGetValue(path, out var other) && other.File.GetText(cancellationToken) is { } otherText
            ? Locations.InText(path, otherText, line, column)
            : Locations.AtLine(path, line, column);
    }

    // The override file is merged into the catalog at compilation start; here its problems get a place to show.
    private void ReportModelDataProblems(AdditionalFileAnalysisContext context)
    {
        if (context.AdditionalFile.GetText(context.CancellationToken) is not { } text)
        {
            return;
        }

        PromptLint.Contracts.Pricing.ModelCatalog.Parse(text.ToString(), out var problems);
        var report = _session.Sink(context.ReportDiagnostic, context.CancellationToken);
        foreach (var problem in problems)
        {
            report(Descriptors.Create(
                RuleIds.MalformedPromptFile,
                Locations.InText(context.AdditionalFile.Path, text, 1, 1),
                null,
                ("file", _session.Settings.RelativePath(context.AdditionalFile.Path)),
                ("problem", problem)));
        }
    }
}
