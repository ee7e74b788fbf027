using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using PromptLint.Analyzers.Diagnostics;
using PromptLint.Analyzers.Settings;
using PromptLint.Core.Baseline;
using PromptLint.Core.FrontEnds;
using PromptLint.Core.Measuring;
using PromptLint.Core.Model;
using PromptLint.Core.Reporting;
using PromptLint.Core.Tokenizers;

namespace PromptLint.Analyzers.PromptFiles;

/// <summary>What one compilation knows about its prompt files and baseline, and the checks made on them.</summary>
internal sealed class PromptFileSession
{
    private readonly PromptLintSettings _settings;
    private readonly ImmutableDictionary<string, (AdditionalText File, string Kind)> _promptFiles;
    private readonly AdditionalText? _baselineFile;
    private readonly SourceText? _baselineText;
    private readonly BaselineDocument? _baseline;
    private readonly AnalyzerConfigOptionsProvider _options;
    private readonly ConcurrentDictionary<string, byte> _seenIds = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _unknownDefaultModels = new(StringComparer.OrdinalIgnoreCase);

    public PromptFileSession(
        PromptLintSettings settings,
        ImmutableDictionary<string, (AdditionalText File, string Kind)> promptFiles,
        AdditionalText? baselineFile,
        SourceText? baselineText,
        BaselineDocument? baseline,
        AnalyzerConfigOptionsProvider options)
    {
        _settings = settings;
        _promptFiles = promptFiles;
        _baselineFile = baselineFile;
        _baselineText = baselineText;
        _baseline = baseline;
        _options = options;
    }

    private bool GateActive => _baseline is { IsUsable: true } && !_settings.UpdateBaseline;

    public void AnalyzeFile(AdditionalFileAnalysisContext context)
    {
        var file = context.AdditionalFile;
        if (_baselineFile is not null && ReferenceEquals(file, _baselineFile))
        {
            ReportBaselineProblems(context);
            return;
        }

        if (!_promptFiles.TryGetValue(file.Path, out var entry))
        {
            return;
        }

        var kind = PromptFileKinds.Parse(entry.Kind) ?? PromptFileKinds.Detect(file.Path);
        var text = file.GetText(context.CancellationToken);
        if (kind is PromptFileKind.Unknown or PromptFileKind.SemanticKernelConfig || text is null)
        {
            return;
        }

        var id = _settings.RelativePath(file.Path);
        _seenIds.TryAdd(id, 0);
        var input = new PromptFileInput(file.Path, id, text.ToString(), name => Companion(file.Path, name, context.CancellationToken));
        var result = PromptFileReader.Read(input, kind);

        foreach (var problem in result.Problems)
        {
            var location = LocationOf(problem.Path, problem.Line, problem.Column, file, text, context.CancellationToken);
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.PL0101_MalformedPromptFile, location, _settings.RelativePath(problem.Path), problem.Message));
        }

        var (model, policy) = _settings.ForFile(_options.GetOptions(file));
        foreach (var template in result.Templates)
        {
            AnalyzeTemplate(context, text, template, model, policy);
        }
    }

    private void AnalyzeTemplate(AdditionalFileAnalysisContext context, SourceText text, PromptTemplate template, string? defaultModel, RegressionPolicy policy)
    {
        _seenIds.TryAdd(template.Id, 0);
        var measurement = PromptMeasurer.Shared.Measure(template, defaultModel);
        var location = Locations.InText(context.AdditionalFile.Path, text, template.Location.Line, template.Location.Column);

        var choice = TokenizerRegistry.Shared.Resolve(template.Model ?? defaultModel);
        if (!choice.KnownModel)
        {
            if (template.Model is not null && template.ModelLocation is { } modelLocation)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.PL0102_UnknownModel,
                    Locations.InText(context.AdditionalFile.Path, text, modelLocation.Line, modelLocation.Column),
                    choice.Model,
                    choice.Encoding));
            }
            else
            {
                _unknownDefaultModels.TryAdd(choice.Model, 0);
            }
        }

        BaselineEntry? accepted = null;
        if (GateActive && !_baseline!.Entries.TryGetValue(template.Id, out accepted))
        {
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.PL0002_BaselineMismatch,
                location,
                $"Prompt '{template.Id}' ({Format(measurement.StaticTokens)} tokens) is not in the baseline, so its growth is not gated. Accept it with 'dotnet build -p:PromptLintUpdateBaseline=true' and commit the baseline."));
        }

        if (accepted is not null)
        {
            var change = policy.Compare(accepted.StaticTokens, measurement.StaticTokens);
            if (change.IsRegression)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.PL0001_FootprintRegressed,
                    location,
                    ImmutableDictionary<string, string?>.Empty.AddRange(MeasurementProperties.From(measurement, _settings.RelativePath(context.AdditionalFile.Path), template.Location.Line, template.Role.ToName(), accepted.StaticTokens)),
                    template.Id,
                    Format(change.Baseline),
                    Format(change.Current),
                    $"+{Format(change.Delta)}, {FormatPercent(change.Percent)}",
                    policy.ThresholdPercent.ToString("0.##", CultureInfo.InvariantCulture),
                    Format(policy.MinTokens)));
            }
        }

        if (_settings.EmitMeasurements)
        {
            // In a baseline update the comparison is moot; otherwise the report shows the accepted count beside the new one.
            var baselineTokens = _baseline is { IsUsable: true } && _baseline.Entries.TryGetValue(template.Id, out var known) ? known.StaticTokens : (int?)null;
            var properties = ImmutableDictionary<string, string?>.Empty.AddRange(
                MeasurementProperties.From(measurement, _settings.RelativePath(context.AdditionalFile.Path), template.Location.Line, template.Role.ToName(), baselineTokens));
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.PL9000_PromptMeasured,
                location,
                properties,
                template.Id,
                Format(measurement.StaticTokens),
                Format(measurement.StaticPrefixTokens),
                Format(measurement.Holes),
                measurement.Tokenizer));
        }
    }

    public void AnalyzeEnd(CompilationAnalysisContext context)
    {
        foreach (var model in _unknownDefaultModels.Keys.OrderBy(m => m, StringComparer.OrdinalIgnoreCase))
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.PL0102_UnknownModel, Location.None, model, TokenizerRegistry.Shared.Resolve(model).Encoding));
        }

        if (!GateActive || _baselineFile is null || _baselineText is null)
        {
            return;
        }

        foreach (var entry in _baseline!.Entries.Values.OrderBy(e => e.Line))
        {
            if (_seenIds.ContainsKey(entry.Id))
            {
                continue;
            }

            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.PL0002_BaselineMismatch,
                Locations.LineContent(_baselineFile.Path, _baselineText, entry.Line),
                DiagnosticSeverity.Info,
                additionalLocations: null,
                properties: null,
                $"Baseline entry '{entry.Id}' has no prompt any more. Remove it with 'dotnet build -p:PromptLintUpdateBaseline=true' and commit the baseline."));
        }
    }

    private void ReportBaselineProblems(AdditionalFileAnalysisContext context)
    {
        // An update build replaces the file (the task says so); failing it here would block the recovery the message suggests.
        if (_baseline is null || _baselineText is null || _settings.UpdateBaseline)
        {
            return;
        }

        var name = Path.GetFileName(context.AdditionalFile.Path);
        foreach (var problem in _baseline.Problems)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.PL0100_BaselineUnreadable,
                Locations.InText(context.AdditionalFile.Path, _baselineText, problem.Line, problem.Column),
                name,
                problem.Message));
        }
    }

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

    private static string Format(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string FormatPercent(double percent)
        => double.IsInfinity(percent) ? "new tokens" : "+" + percent.ToString("0.#", CultureInfo.InvariantCulture) + "%";
}
