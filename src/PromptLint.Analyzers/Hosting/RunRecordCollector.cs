using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using Microsoft.CodeAnalysis;
using PromptLint.Analyzers.Diagnostics;
using PromptLint.Analyzers.Settings;
using PromptLint.Contracts.Baseline;
using PromptLint.Contracts.Handover;
using PromptLint.Contracts.Pricing;
using PromptLint.Contracts.Reporting;
using PromptLint.Contracts.Rules;
using PromptLint.Core.Engine;
using PromptLint.Core.Measuring;
using PromptLint.Core.Reporting;
using PromptLint.Counting.Tokenizers;
using ReportDiagnostic = PromptLint.Contracts.Reporting.ReportDiagnostic;

namespace PromptLint.Analyzers.Hosting;

/// <summary>
/// Gathers what one compilation measured and reported, and writes it as the run record the MSBuild task reads. Only
/// command-line builds hand over: the targets pass the record's path as a property and switch the hand-over on with a
/// parse-option feature that design-time builds (and so the IDE) never see. Nothing is written in the IDE.
/// </summary>
internal sealed class RunRecordCollector
{
    /// <summary>The parse-option feature (<c>/features:promptlint-handover</c>) that marks a command-line build.</summary>
    public const string Feature = "promptlint-handover";

    private static readonly string Version = typeof(RunRecordCollector).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? string.Empty;

    private readonly PromptLintSettings _settings;
    private readonly EffectiveSeverity _severity;
    private readonly ConcurrentQueue<ReportPrompt> _prompts = new();
    private readonly ConcurrentQueue<ReportDiagnostic> _diagnostics = new();
    private readonly long[] _ticks = new long[(int)Phase.Count];
    private readonly IReadOnlyDictionary<string, long>? _rulesAtStart;
    private int _promptFiles;

    private RunRecordCollector(PromptLintSettings settings, EffectiveSeverity severity)
    {
        _settings = settings;
        _severity = severity;
        if (settings.Timings)
        {
            // Per-rule and per-front-end times (issue 30), as PROMPTLINT_TIMINGS gives them in the CLI. The timer is
            // process-wide: switched on by the first timed build, and in a compiler server a concurrent build's rules
            // can land in this record (docs/configuration.md says so).
            RuleTimings.On = true;
            _rulesAtStart = RuleTimings.Snapshot();
        }
    }

    /// <summary>The phases whose time <c>PromptLintTimings=true</c> adds to the record.</summary>
    public enum Phase
    {
        /// <summary>Reading prompt files and finding prompts in C#.</summary>
        FrontEnds,

        /// <summary>Counting tokens of the measured prompts.</summary>
        Counting,

        /// <summary>Evaluating the rules.</summary>
        Rules,

        /// <summary>Writing the record.</summary>
        Handover,

        /// <summary>Number of phases.</summary>
        Count,
    }

    /// <summary>A collector when this compilation hands over to the build, otherwise null.</summary>
    public static RunRecordCollector? For(Compilation compilation, PromptLintSettings settings)
    {
        if (string.IsNullOrEmpty(settings.RunRecordPath) || !compilation.SyntaxTrees.Any(t => t.Options.Features.ContainsKey(Feature)))
        {
            return null;
        }

        return new RunRecordCollector(settings, new EffectiveSeverity(compilation));
    }

    /// <summary>A prompt file was handed to the analyzer.</summary>
    public void CountPromptFile() => Interlocked.Increment(ref _promptFiles);

    /// <summary>Keeps a measurement.</summary>
    public void Measured(PromptMeasurement measurement, string relativeFile, int line, string role, int? baselineStaticTokens)
    {
        var properties = MeasurementProperties.From(measurement, relativeFile, line, role, baselineStaticTokens)
            .Where(p => p.Value is not null)
            .ToDictionary(p => p.Key, p => p.Value!, StringComparer.Ordinal);
        if (MeasurementProperties.Read(properties) is { } prompt)
        {
            _prompts.Enqueue(prompt);
        }
    }

    /// <summary>Keeps a reported diagnostic at the severity the build gives it (nothing when the build hides it).</summary>
    public void Reported(Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (diagnostic.Id == RuleIds.PromptMeasured)
        {
            return; // The opt-in measurement diagnostic repeats what the record's prompts already hold.
        }

        var severity = _severity.Of(diagnostic, cancellationToken);
        if (severity is null)
        {
            return;
        }

        var span = diagnostic.Location.GetLineSpan();
        _diagnostics.Enqueue(new ReportDiagnostic
        {
            Id = diagnostic.Id,
            Severity = severity,
            File = span.IsValid && !string.IsNullOrEmpty(span.Path) ? _settings.RelativePath(span.Path) : string.Empty,
            Line = span.IsValid && !string.IsNullOrEmpty(span.Path) ? span.StartLinePosition.Line + 1 : 0,
            Message = diagnostic.GetMessage(CultureInfo.InvariantCulture),
            PromptId = diagnostic.Properties.TryGetValue(MeasurementProperties.Keys.PromptId, out var id) ? id : null,
            TokensSaved = diagnostic.Properties.TryGetValue(FixProperties.TokensSaved, out var saved)
                && int.TryParse(saved, NumberStyles.None, CultureInfo.InvariantCulture, out var tokens) && tokens > 0 ? tokens : null,
        });
    }

    /// <summary>Starts timing a phase; dispose the result to stop.</summary>
    public PhaseTiming Time(Phase phase) => new(this, phase);

    /// <summary>
    /// Writes the record and, when the targets asked for them, the report files; a failure becomes a diagnostic on
    /// the compilation, never an exception.
    /// </summary>
    /// <param name="report">Reports a diagnostic on the compilation.</param>
    /// <param name="analyzedCode">True when the C# front end ran.</param>
    /// <param name="baseline">The committed baseline, when there is one.</param>
    /// <param name="catalog">Models and prices, with the project's overrides.</param>
    public void Write(Action<Diagnostic> report, bool analyzedCode, BaselineDocument? baseline, ModelCatalog catalog)
    {
        var start = Stopwatch.GetTimestamp();
        var built = ReportBuilder.Build(Path.GetFileNameWithoutExtension(_settings.ProjectFile), _prompts, _diagnostics);
        var record = new RunRecord
        {
            PromptLintVersion = Version,
            ProjectFile = _settings.ProjectFile,
            TargetFramework = _settings.TargetFramework,
            AnalyzedCode = analyzedCode,
            PromptFiles = _promptFiles,
        };
        record.Prompts.AddRange(built.Prompts);
        record.Diagnostics.AddRange(built.Diagnostics);
        if (_settings.ReportDirectory.Length > 0)
        {
            // Rendered here, where the compiler server keeps this code warm, the task only checks and publishes them.
            try
            {
                record.Summary = ReportRendering.RenderTo(_settings.ReportDirectory, built, baseline, catalog, _settings.Policy.ThresholdPercent, _settings.HtmlReport, record.Reports);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
            {
                // The task renders them instead (it sees no rendered reports in the record) and says what fails.
                record.Reports.Clear();
            }
        }

        if (_settings.Timings)
        {
            foreach (var encoding in TokenizerRegistry.Encodings)
            {
                if (TokenizerRegistry.LoadMilliseconds(encoding) is { } load)
                {
                    record.Timings["vocabularyLoad." + encoding] = load;
                }
            }

            Interlocked.Add(ref _ticks[(int)Phase.Handover], Stopwatch.GetTimestamp() - start);
            for (var phase = Phase.FrontEnds; phase < Phase.Count; phase++)
            {
                record.Timings[Name(phase)] = _ticks[(int)phase] * 1000 / Stopwatch.Frequency;
            }

            foreach (var timed in RuleTimings.Snapshot())
            {
                var ticks = timed.Value - (_rulesAtStart is not null && _rulesAtStart.TryGetValue(timed.Key, out var before) ? before : 0);
                if (ticks > 0)
                {
                    var spent = (ticks * 1000 + Stopwatch.Frequency / 2) / Stopwatch.Frequency; // to the nearest millisecond
                    // "PL0019" → rule.PL0019; "front end prompty" → frontEnd.prompty.
                    record.Timings[timed.Key.StartsWith("front end ", StringComparison.Ordinal) ? "frontEnd." + timed.Key.Substring("front end ".Length) : "rule." + timed.Key] = spent;
                }
            }
        }

        try
        {
            // The record is rewritten even when unchanged: its time stamp tells the task it is as new as this compile.
            Shared.AtomicFile.Write(_settings.RunRecordPath, RunRecordJson.Write(record));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            report(Descriptors.Create(RuleIds.AnalysisFailed, Location.None, null, ("what", "the hand-over to the build (" + _settings.RunRecordPath + ")"), ("problem", ex.GetType().Name + ": " + ex.Message)));
        }
    }

    private static string Name(Phase phase) => phase switch
    {
        Phase.FrontEnds => "frontEnds",
        Phase.Counting => "counting",
        Phase.Rules => "rules",
        _ => "handover",
    };

    /// <summary>Adds the time between its creation and disposal to a phase.</summary>
    internal readonly struct PhaseTiming : IDisposable
    {
        private readonly RunRecordCollector? _owner;
        private readonly Phase _phase;
        private readonly long _start;

        public PhaseTiming(RunRecordCollector owner, Phase phase)
        {
            _owner = owner._settings.Timings ? owner : null;
            _phase = phase;
            _start = _owner is null ? 0 : Stopwatch.GetTimestamp();
        }

        public void Dispose()
        {
            if (_owner is not null)
            {
                Interlocked.Add(ref _owner._ticks[(int)_phase], Stopwatch.GetTimestamp() - _start);
            }
        }
    }
}
