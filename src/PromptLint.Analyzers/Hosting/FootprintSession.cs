using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using PromptLint.Analyzers.Diagnostics;
using PromptLint.Analyzers.Settings;
using PromptLint.Contracts.Baseline;
using PromptLint.Contracts.Pricing;
using PromptLint.Contracts.Rules;
using PromptLint.Core.Checking;
using PromptLint.Core.Engine;
using PromptLint.Core.FrontEnds;
using PromptLint.Core.Measuring;
using PromptLint.Core.Model;
using PromptLint.Core.Reporting;
using PromptLint.Core.Rules;
using PromptLint.Counting.Tokenizers;

namespace PromptLint.Analyzers.Hosting;

/// <summary>
/// What one compilation knows about its baseline and the prompts measured so far, and the checks every prompt goes
/// through whatever front end found it: baseline comparison (PL0001/PL0002), unknown model (PL0102), and the
/// hand-over of measurements and findings to the build (<see cref="RunRecordCollector"/>).
/// </summary>
internal sealed class FootprintSession
{
    private readonly PromptLintSettings _settings;
    private readonly AdditionalText? _baselineFile;
    private readonly SourceText? _baselineText;
    private readonly BaselineDocument? _baseline;
    private readonly ConcurrentDictionary<string, byte> _seenIds = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _unknownDefaultModels = new(StringComparer.OrdinalIgnoreCase);

    // One descriptor per cost rule, to ask whether the rule is switched off (every message of a rule has the same id and severity).
    private static readonly ImmutableArray<DiagnosticDescriptor> CostRuleDescriptors = CostRules.Entries.Select(r => Descriptors.For(r.Message)).ToImmutableArray();

    private readonly ModelCatalog _catalog;
    private readonly RunRecordCollector? _handover;
    private readonly EffectiveSeverity _severity;

    public FootprintSession(
        PromptLintSettings settings,
        AdditionalText? baselineFile,
        SourceText? baselineText,
        BaselineDocument? baseline,
        ModelCatalog catalog,
        RunRecordCollector? handover,
        EffectiveSeverity severity)
    {
        _handover = handover;
        _severity = severity;
        _catalog = catalog;
        _settings = settings;
        _baselineFile = baselineFile;
        _baselineText = baselineText;
        _baseline = baseline;
    }

    private bool GateActive => _baseline is { IsUsable: true } && !_settings.UpdateBaseline;

    public PromptLintSettings Settings => _settings;

    /// <summary>The hand-over of a command-line build, null in the IDE.</summary>
    public RunRecordCollector? Handover => _handover;

    /// <summary>
    /// Where a front end reports: the analysis context, and in a command-line build also the run record, which lists
    /// each finding at the severity the build gives it.
    /// </summary>
    public Action<Diagnostic> Sink(Action<Diagnostic> report, System.Threading.CancellationToken cancellationToken)
    {
        var handover = _handover;
        return handover is null ? report : diagnostic =>
        {
            report(diagnostic);
            handover.Reported(diagnostic, cancellationToken);
        };
    }

    /// <summary>
    /// Reports that a prompt could not be analyzed (PL0104) instead of dropping it silently or failing the analysis:
    /// the same outcome for a C# prompt and a prompt file.
    /// </summary>
    public void ReportFailure(Action<Diagnostic> report, Location location, string what, Exception exception)
        => report(Diagnostic.Create(Descriptors.For(RuleCatalog.Get(RuleIds.AnalysisFailed).Message), location, Arguments(PromptChecks.AnalysisFailed(what, exception))));

    /// <summary>Measures one template and reports what the baseline and the model say about it.</summary>
    /// <param name="report">Reports a diagnostic in the caller's context.</param>
    /// <param name="site">The prompt, where its diagnostics go and what its fixes need.</param>
    /// <param name="settings">The settings in force where it is declared.</param>
    public void AnalyzeTemplate(Action<Diagnostic> report, PromptSite site, PromptFileOptions settings)
    {
        try
        {
            Analyze(report, site, settings);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            ReportFailure(report, site.Location, $"prompt '{site.Template.Id}'", ex);
        }
    }

    private void Analyze(Action<Diagnostic> report, PromptSite site, PromptFileOptions settings)
    {
        var (template, location) = (site.Template, site.Location);
        AnalyzerTestHooks.BeforeTemplate?.Invoke(template.Id);
        _seenIds.TryAdd(template.Id, 0);
        var outcome = PromptPipeline.Run(
            template,
            new PromptContext(settings.Model, settings.Policy, settings.Rules)
            {
                Catalog = _catalog,
                Baseline = _baseline,
                Updating = _settings.UpdateBaseline,
                Off = RulesOff(location, site.CallLocation, site.SentModelLocation, site.ReorderLocation),
            },
            _handover is null ? null : phase => _handover.Time(phase == PromptPipeline.Phase.Counting ? RunRecordCollector.Phase.Counting : RunRecordCollector.Phase.Rules));
        var measurement = outcome.Measurement;
        var relativeFile = _settings.RelativePath(site.File);
        foreach (var finding in outcome.Findings)
        {
            var (at, properties) = Place(site, finding, measurement, settings.Rules);
            report(Diagnostic.Create(Descriptors.For(finding.Template), at, properties, Arguments(finding)));
        }

        if (outcome.UnknownModel is { } unknown)
        {
            if (template.Model is not null && site.ModelLocation is not null)
            {
                report(Diagnostic.Create(Descriptors.For(unknown.Template), site.ModelLocation, Arguments(unknown)));
            }
            else
            {
                _unknownDefaultModels.TryAdd(outcome.UnknownModelName!, 0);
            }
        }

        // The baseline's verdict on the prompt is Core's (shared with promptlint check); the fixes' data is the analyzer's.
        var verdict = outcome.Baseline;
        if (verdict.Missing is { } missing)
        {
            report(Diagnostic.Create(Descriptors.For(missing.Template), location, BaselineFix(FixProperties.BaselineFixKinds.Add, MeasurementProperties.From(measurement, relativeFile, template.Location.Line, template.Role.ToName(), null)), Arguments(missing)));
        }

        if (verdict.Mismatch is { } mismatch)
        {
            report(Diagnostic.Create(Descriptors.For(mismatch.Template), location, ImmutableDictionary<string, string?>.Empty.Add(MeasurementProperties.Keys.PromptId, template.Id), Arguments(mismatch)));
        }

        if (verdict.Regressed is { } regressed)
        {
            report(Diagnostic.Create(
                Descriptors.For(regressed.Template),
                location,
                BaselineFix(FixProperties.BaselineFixKinds.Update, MeasurementProperties.From(measurement, relativeFile, template.Location.Line, template.Role.ToName(), verdict.Accepted!.StaticTokens)),
                Arguments(regressed)));
        }

        if (verdict.CostRegressed is { } costlier)
        {
            // Accepted as PL0001 is: the fix rewrites the entry with the model, cap and counts measured now.
            report(Diagnostic.Create(
                Descriptors.For(costlier.Template),
                location,
                BaselineFix(FixProperties.BaselineFixKinds.Update, MeasurementProperties.From(measurement, relativeFile, template.Location.Line, template.Role.ToName(), verdict.Accepted!.StaticTokens)),
                Arguments(costlier)));
        }

        var baselineTokens = verdict.BaselineTokens;
        _handover?.Measured(measurement, relativeFile, template.Location.Line, template.Role.ToName(), baselineTokens);
        if (_settings.EmitMeasurements)
        {
            // Opt-in: each measurement as an info diagnostic, to read counts in the IDE (and for tests).
            report(Descriptors.Create(
                RuleIds.PromptMeasured,
                location,
                ImmutableDictionary<string, string?>.Empty.AddRange(MeasurementProperties.From(measurement, relativeFile, template.Location.Line, template.Role.ToName(), baselineTokens)),
                ("prompt", template.Id),
                ("tokens", Format(measurement.StaticTokens)),
                ("prefix", Format(measurement.StaticPrefixTokens)),
                ("holes", Format(measurement.Holes)),
                ("tokenizer", measurement.Tokenizer)));
        }
    }

    // Where a rule's finding goes and what its code fix needs. Nothing here names a rule: the finding's target says
    // which part of the prompt it is about, and the rule adds its own fix data (PromptRule.AddFixData).
    private static (Location At, ImmutableDictionary<string, string?> Properties) Place(PromptSite site, RuleFinding finding, PromptMeasurement measurement, RuleSettings rules)
    {
        var template = site.Template;
        var properties = (finding.Target == RuleTarget.Call ? site.FixProperties : null) ?? ImmutableDictionary<string, string?>.Empty;
        properties = properties
            .SetItem(MeasurementProperties.Keys.PromptId, template.Id)
            .SetItem(FixProperties.DefaultMaxOutputTokens, rules.Get(OutputCapRule.DefaultMaxOutputTokens).ToString(CultureInfo.InvariantCulture));
        if (finding.TokensSaved is { } saved)
        {
            properties = properties.SetItem(FixProperties.TokensSaved, saved.ToString(CultureInfo.InvariantCulture));
        }

        if (site.FixProperties is not null && site.FixProperties.TryGetValue(FixProperties.PromptFileKind, out var fileKind))
        {
            properties = properties.SetItem(FixProperties.PromptFileKind, fileKind);
        }

        if (RuleCatalog.Find(finding.RuleId) is { } rule)
        {
            var data = new Dictionary<string, string?>(StringComparer.Ordinal);
            rule.AddFixData(finding, template, measurement, data);
            properties = properties.SetItems(data);
        }

        var at = finding.Target switch
        {
            RuleTarget.Call => site.CallLocation ?? site.Location,
            RuleTarget.SentModel => site.SentModelLocation ?? site.CallLocation ?? site.Location,
            RuleTarget.Reorder when site.ReorderLocation is not null => site.ReorderLocation,
            _ => finding.Evidence is { } evidence && site.TextLocation?.Invoke(evidence) is { } exact ? exact
                : finding.Tool is { } tool && tool < template.Tools.Count && site.ToolLocation?.Invoke(template.Tools[tool]) is { } declared ? declared
                : site.Location,
        };
        if (finding.Target == RuleTarget.Reorder && site.ReorderLocation is not null)
        {
            // The concatenation whose dynamic left side keeps the static right side out of the cache: the fix swaps them.
            properties = properties.SetItem(FixProperties.CacheFix, FixProperties.CacheFixKinds.SwapConcatenation);
        }

        return (at, properties);
    }

    // The rules whose effective severity is none wherever this prompt's findings can be reported: they are not evaluated,
    // so switching a rule off in .editorconfig, a global config or <NoWarn> saves its work. Null when every rule is on.
    private IReadOnlyCollection<string>? RulesOff(params Location?[] locations)
    {
        var trees = locations.Where(l => l is not null).Select(l => l!.SourceTree).Distinct().ToList();
        List<string>? off = null;
        foreach (var descriptor in CostRuleDescriptors)
        {
            if (trees.All(tree => _severity.IsOff(descriptor, tree, System.Threading.CancellationToken.None)))
            {
                (off ??= new List<string>()).Add(descriptor.Id);
            }
        }

        return off;
    }

    /// <summary>Records an id as present even when nothing could be measured (a malformed file keeps its baseline entry).</summary>
    public void MarkSeen(string id) => _seenIds.TryAdd(id, 0);

    public void AnalyzeEnd(CompilationAnalysisContext context)
    {
        var report = Sink(context.ReportDiagnostic, context.CancellationToken);
        ReportEnd(report);
        _handover?.Write(context.ReportDiagnostic, _settings.AnalyzeCode, _settings.UpdateBaseline ? null : _baseline, _catalog);
    }

    private void ReportEnd(Action<Diagnostic> report)
    {
        foreach (var model in _unknownDefaultModels.Keys.OrderBy(m => m, StringComparer.OrdinalIgnoreCase))
        {
            report(Descriptors.Create(RuleIds.UnknownModel, Location.None, null, ("model", model), ("encoding", TokenizerRegistry.Shared.Resolve(model).Encoding)));
        }

        if (!GateActive || _baselineFile is null || _baselineText is null)
        {
            return;
        }

        foreach (var entry in PromptChecks.Orphans(_baseline, _settings.UpdateBaseline, id => _seenIds.ContainsKey(id)))
        {
            var orphan = PromptChecks.Orphan(entry.Id);
            report(Diagnostic.Create(
                Descriptors.For(orphan.Template),
                Locations.LineContent(_baselineFile.Path, _baselineText, entry.Line),
                DiagnosticSeverity.Info,
                additionalLocations: null,
                BaselineFix(FixProperties.BaselineFixKinds.Remove, new[] { new KeyValuePair<string, string?>(MeasurementProperties.Keys.PromptId, entry.Id) }),
                Arguments(orphan)));
        }
    }

    // What the baseline fix (PL0001/PL0002) needs: the change, the file it edits and the entry's values as measured.
    private ImmutableDictionary<string, string?> BaselineFix(string kind, IEnumerable<KeyValuePair<string, string?>> measured)
        => ImmutableDictionary<string, string?>.Empty.AddRange(measured)
            .Add(FixProperties.BaselineFix, kind)
            .Add(FixProperties.BaselinePath, _baselineFile?.Path);

    /// <summary>True for the baseline file of this compilation.</summary>
    public bool IsBaseline(AdditionalText file) => _baselineFile is not null && ReferenceEquals(file, _baselineFile);

    /// <summary>Reports what is wrong with the baseline file, inside it (PL0100).</summary>
    public void ReportBaselineProblems(AdditionalFileAnalysisContext context)
    {
        var report = Sink(context.ReportDiagnostic, context.CancellationToken);
        // An update build replaces the file (the task says so); failing it here would block the recovery the message suggests.
        if (_baseline is null || _baselineText is null || _settings.UpdateBaseline)
        {
            return;
        }

        var name = Path.GetFileName(context.AdditionalFile.Path);
        foreach (var problem in _baseline.Problems)
        {
            report(Descriptors.Create(
                RuleIds.BaselineUnreadable,
                Locations.InText(context.AdditionalFile.Path, _baselineText, problem.Line, problem.Column),
                null,
                ("file", name),
                ("problem", problem.Message)));
        }
    }

    private static object[] Arguments(RuleFinding finding) => finding.Arguments.ToArray<object>();

    private static string Format(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
