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
using PromptLint.Core.Baseline;
using PromptLint.Core.Checking;
using PromptLint.Core.FrontEnds;
using PromptLint.Core.Measuring;
using PromptLint.Core.Model;
using PromptLint.Core.Pricing;
using PromptLint.Core.Rules;
using PromptLint.Core.Reporting;
using PromptLint.Core.Tokenizers;

namespace PromptLint.Analyzers.Footprint;

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
        => report(Descriptors.Create(RuleIds.AnalysisFailed, location, null, ("what", what), ("problem", exception.GetType().Name + ": " + FirstLine(exception.Message))));

    private static string FirstLine(string message)
    {
        var end = message.IndexOfAny(new[] { '\r', '\n' });
        return (end < 0 ? message : message.Substring(0, end)).TrimEnd('.');
    }

    /// <summary>Measures one template and reports what the baseline and the model say about it.</summary>
    /// <param name="report">Reports a diagnostic in the caller's context.</param>
    /// <param name="site">The prompt, where its diagnostics go and what its fixes need.</param>
    /// <param name="settings">The settings in force where it is declared.</param>
    public void AnalyzeTemplate(Action<Diagnostic> report, PromptSite site, SiteSettings settings)
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

    private void Analyze(Action<Diagnostic> report, PromptSite site, SiteSettings settings)
    {
        var (template, location, modelLocation, file) = (site.Template, site.Location, site.ModelLocation, site.File);
        var (callLocation, fixProperties, reorderLocation, sentModelLocation) = (site.CallLocation, site.FixProperties, site.ReorderLocation, site.SentModelLocation);
        var (defaultModel, policy, rules) = (settings.DefaultModel, settings.Policy, settings.Rules);
        AnalyzerTestHooks.BeforeTemplate?.Invoke(template.Id);
        _seenIds.TryAdd(template.Id, 0);
        PromptMeasurement measurement;
        using (_handover?.Time(RunRecordCollector.Phase.Counting))
        {
            measurement = PromptMeasurer.Shared.Measure(template, defaultModel);
        }

        var relativeFile = _settings.RelativePath(file);

        List<RuleFinding> findings;
        using (_handover?.Time(RunRecordCollector.Phase.Rules))
        {
            var off = RulesOff(location, callLocation, sentModelLocation, reorderLocation);
            findings = RuleResultCache.Evaluate(template, measurement, _catalog, rules, TokenizerRegistry.Shared, off).ToList();
        }

        foreach (var finding in findings)
        {
            var properties = (finding.Target == RuleTarget.Call ? fixProperties : null) ?? ImmutableDictionary<string, string?>.Empty;
            properties = properties
                .SetItem(MeasurementProperties.Keys.PromptId, template.Id)
                .SetItem(FixProperties.DefaultMaxOutputTokens, rules.DefaultMaxOutputTokens.ToString(CultureInfo.InvariantCulture));
            if (finding.TokensSaved is { } saved)
            {
                properties = properties.SetItem(FixProperties.TokensSaved, saved.ToString(CultureInfo.InvariantCulture));
            }

            if (fixProperties is not null && fixProperties.TryGetValue(FixProperties.PromptFileKind, out var fileKind))
            {
                properties = properties.SetItem(FixProperties.PromptFileKind, fileKind);
            }

            if (finding.RuleId is RuleIds.CostlyCharacters or RuleIds.WhitespaceBloat or RuleIds.PrettyJson)
            {
                // The C# fixes count what their rewrite of the literals saves and offer it only when it is the promised saving.
                properties = properties.SetItem(FixProperties.Encoding, TokenizerRegistry.Shared.Resolve(measurement.Model).Encoding);
            }

            if (finding.RuleId == RuleIds.CostlyCharacters)
            {
                // The fix replaces characters only where it can see every one the prompt holds.
                properties = properties.SetItem(FixProperties.CostlyCharacters, CostlyCharacters.CountIn(template).ToString(CultureInfo.InvariantCulture));
            }

            var at = finding.Target switch
            {
                RuleTarget.Call => callLocation ?? location,
                RuleTarget.SentModel => sentModelLocation ?? callLocation ?? location,
                _ => finding.Evidence is { } evidence && site.TextLocation?.Invoke(evidence) is { } exact ? exact
                    : finding.Tool is { } tool && tool < template.Tools.Count && site.ToolLocation?.Invoke(template.Tools[tool]) is { } declared ? declared
                    : location,
            };
            if (finding.RuleId == RuleIds.NonCacheablePrefix && reorderLocation is not null)
            {
                // The concatenation whose dynamic left side keeps the static right side out of the cache: the fix swaps them.
                at = reorderLocation;
                properties = properties.SetItem(FixProperties.CacheFix, FixProperties.CacheFixKinds.SwapConcatenation);
            }

            report(Diagnostic.Create(Descriptors.For(finding.Template), at, properties, Arguments(finding)));
        }

        if (PromptChecks.UnknownModel(template.Model ?? defaultModel) is { } unknown)
        {
            if (template.Model is not null && modelLocation is not null)
            {
                report(Diagnostic.Create(Descriptors.For(unknown.Template), modelLocation, Arguments(unknown)));
            }
            else
            {
                _unknownDefaultModels.TryAdd(TokenizerRegistry.Shared.Resolve(template.Model ?? defaultModel).Model, 0);
            }
        }

        // The baseline's verdict on the prompt is Core's (shared with promptlint check); the fixes' data is the analyzer's.
        var outcome = PromptChecks.Baseline(template.Id, measurement, _baseline, _settings.UpdateBaseline, policy);
        if (outcome.Missing is { } missing)
        {
            report(Diagnostic.Create(Descriptors.For(missing.Template), location, BaselineFix(FixProperties.BaselineFixKinds.Add, MeasurementProperties.From(measurement, relativeFile, template.Location.Line, template.Role.ToName(), null)), Arguments(missing)));
        }

        if (outcome.Mismatch is { } mismatch)
        {
            report(Diagnostic.Create(Descriptors.For(mismatch.Template), location, ImmutableDictionary<string, string?>.Empty.Add(MeasurementProperties.Keys.PromptId, template.Id), Arguments(mismatch)));
        }

        if (outcome.Regressed is { } regressed)
        {
            report(Diagnostic.Create(
                Descriptors.For(regressed.Template),
                location,
                BaselineFix(FixProperties.BaselineFixKinds.Update, MeasurementProperties.From(measurement, relativeFile, template.Location.Line, template.Role.ToName(), outcome.Accepted!.StaticTokens)),
                Arguments(regressed)));
        }

        var baselineTokens = outcome.BaselineTokens;
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
